// A plan step's checklist items as the renderer contract identifies them (section.item, or p1-3 for escalation).
import type { Plan, Step } from '../plan/schema';

export interface ChecklistItem { itemId: string; text: string }

/** The step's items; the escalation step's are the escalation checklist of `severityId` (none without one). */
export function stepChecklist(plan: Plan, step: Step, severityId: string | null): ChecklistItem[] {
  if (step.usesSeverityEscalation) {
    const severity = plan.severities.find((s) => s.id === severityId);
    return severity ? severity.escalationChecklist.map((text, i) => ({ itemId: `${severity.id.toLowerCase()}-${i + 1}`, text })) : [];
  }
  return step.sections.flatMap((section) => section.items.map((item) => ({ itemId: `${section.id}.${item.id}`, text: item.text })));
}

/** Every item the step can hold, whatever the severity (escalation: every severity's checklist). */
function allItems(plan: Plan, step: Step): ChecklistItem[] {
  return step.usesSeverityEscalation ? plan.severities.flatMap((s) => stepChecklist(plan, step, s.id)) : stepChecklist(plan, step, null);
}

/**
 * The plan's human names for a checklist reference ("3. Escalation & Notification", "Create incident ticket"), for
 * scorecards and reports; the raw ids only when the plan no longer has the step or item (a script written for another plan).
 */
export function checklistItemName(plan: Plan, stepId: string, itemId: string): { step: string; item: string } {
  const step = plan.steps.find((s) => s.id === stepId);
  if (!step) return { step: stepId, item: itemId };
  const item = allItems(plan, step).find((i) => i.itemId === itemId);
  return { step: `${step.number}. ${step.title}`, item: item?.text ?? itemId };
}
