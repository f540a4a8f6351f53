// A scenario runbook's checkable parts (investigation, mitigation) as step items under "scenario-<id>".
import { SCENARIO_STEP_PREFIX } from '@shared/incident/describe';
import type { Scenario } from '@shared/plan/schema';
import type { StepSection } from './items';

export const runbookStepId = (scenarioId: string) => `${SCENARIO_STEP_PREFIX}${scenarioId}`;

export function runbookSections(scenario: Scenario): StepSection[] {
  return (['investigation', 'mitigation'] as const).map((part) => ({
    id: part,
    title: part === 'investigation' ? 'Investigation' : 'Mitigation',
    items: scenario[part].map((text, i) => ({ itemId: `${part}.${i + 1}`, text })),
  }));
}
