// Step commands: tick or untick a checklist item, attach or detach a scenario runbook.
import { recordEvents } from '../../db/commands';

export async function checkStep(incidentId: string, stepId: string, itemId: string, checked: boolean): Promise<void> {
  await recordEvents([{ incidentId, type: checked ? 'step.checked' : 'step.unchecked', payload: { stepId, itemId } }]);
}

export async function attachRunbook(incidentId: string, scenarioId: string): Promise<void> {
  await recordEvents([{ incidentId, type: 'scenario.attached', payload: { scenarioId } }]);
}

export async function detachRunbook(incidentId: string, scenarioId: string): Promise<void> {
  await recordEvents([{ incidentId, type: 'scenario.detached', payload: { scenarioId } }]);
}
