// A step the plan says must be done within a time ("These steps should be completed within the first 24 hours"):
// its clock runs from detection until every item of the step's checklist is ticked (or the incident resolves).
import type { IncidentState } from '../incident/state';
import { checkKey } from '../incident/state';
import type { Plan } from '../plan/schema';
import { parseDuration } from '../time/duration';
import type { ClockSpec } from './clocks';

export function stepDueClocks(plan: Plan, state: IncidentState): ClockSpec[] {
  return plan.steps.flatMap((step): ClockSpec[] => {
    if (!step.dueWithin) return [];
    const keys = step.sections.flatMap((s) => s.items.map((i) => checkKey(step.id, i.id)));
    const ticks = keys.map((k) => state.checks[k]);
    const done = keys.length > 0 && ticks.every((t) => t?.checked);
    return [{
      id: `step:${step.id}`, kind: 'step-due', label: `Step ${step.number}: ${step.title} (due ${step.dueWithin} from detection)`,
      hint: 'Finish the step: tick each item of its checklist.',
      startedAt: state.detectedAt, dueAt: state.detectedAt + parseDuration(step.dueWithin),
      completedAt: done ? Math.max(...ticks.map((t) => t?.at ?? 0)) : state.resolvedAt,
    }];
  });
}
