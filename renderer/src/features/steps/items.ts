// The checklist of each plan step as (itemId, text) pairs, and progress against the incident's checks.
import { checkKey, type IncidentState } from '@shared/incident/state';
import type { Plan, Step } from '@shared/plan/schema';

export interface StepItem { itemId: string; text: string; note?: string }
export interface StepSection { id: string; title: string; items: StepItem[] }

/** The sections of a step; the escalation step lists the current severity's escalation checklist. */
export function stepSections(plan: Plan, step: Step, severityId: string | null): StepSection[] {
  if (step.usesSeverityEscalation) {
    const severity = plan.severities.find((s) => s.id === severityId);
    if (!severity) return [];
    return [{
      id: `escalation-${severity.id.toLowerCase()}`,
      title: `${severity.id} (${severity.name}) escalation checklist`,
      items: severity.escalationChecklist.map((text, i) => ({ itemId: `${severity.id.toLowerCase()}-${i + 1}`, text })),
    }];
  }
  return step.sections.map((section) => ({
    id: section.id,
    title: section.title,
    items: section.items.map((item) => ({ itemId: `${section.id}.${item.id}`, text: item.text, ...(item.note ? { note: item.note } : {}) })),
  }));
}

export interface StepProgress { done: number; total: number }

export function stepProgress(state: IncidentState, stepId: string, sections: StepSection[]): StepProgress {
  let done = 0;
  let total = 0;
  for (const section of sections) for (const item of section.items) {
    total += 1;
    if (state.checks[checkKey(stepId, item.itemId)]?.checked) done += 1;
  }
  return { done, total };
}
