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
