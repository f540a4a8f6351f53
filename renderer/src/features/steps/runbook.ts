// A scenario runbook's checkable parts (investigation, mitigation) as step items under "scenario-<id>", and which
// runbooks the picker offers first.
import { SCENARIO_STEP_PREFIX } from '@shared/incident/describe';
import type { IncidentState } from '@shared/incident/state';
import type { Plan, Scenario } from '@shared/plan/schema';
import type { StepSection } from './items';

export const runbookStepId = (scenarioId: string) => `${SCENARIO_STEP_PREFIX}${scenarioId}`;

export function runbookSections(scenario: Scenario): StepSection[] {
  return (['investigation', 'mitigation'] as const).map((part) => ({
    id: part,
    title: part === 'investigation' ? 'Investigation' : 'Mitigation',
    items: scenario[part].map((text, i) => ({ itemId: `${part}.${i + 1}`, text })),
  }));
}

export interface RunbookChoices {
  /** The incident's category's runbooks, in the plan's order (empty without a category). */
  matching: Scenario[];
  /** Every other runbook not attached yet, in the plan's order. */
  others: Scenario[];
  /** The runbook the picker starts on, or null: nothing is preselected without a reason to. */
  suggested: Scenario | null;
  /** Why it is suggested, in words, shown beside the picker. */
  reason: string | null;
}

/**
 * The runbooks still to attach, in the plan's own order (its numbering), the incident's category's first. One is
 * suggested only for a reason the commander can read: it matches the category (and, when several do, the severity).
 */
export function runbookChoices(plan: Plan, state: Pick<IncidentState, 'scenarioIds' | 'category' | 'severity'>): RunbookChoices {
  const available = plan.scenarios.filter((s) => !state.scenarioIds.includes(s.id)).sort((a, b) => a.number - b.number);
  const matching = state.category ? available.filter((s) => s.category === state.category) : [];
  const others = available.filter((s) => !matching.includes(s));
  const bySeverity = matching.find((s) => s.likelySeverity !== undefined && s.likelySeverity === state.severity);
  const suggested = bySeverity ?? matching[0] ?? null;
  const category = plan.categories.find((c) => c.id === state.category)?.name ?? state.category;
  const reason = suggested === null ? null
    : bySeverity && matching.length > 1 ? `matches the incident's category (${category}) and severity (${state.severity})`
      : `matches the incident's category (${category})`;
  return { matching, others, suggested, reason };
}
