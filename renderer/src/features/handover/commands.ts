// Command handover commands: offer (with the briefing) and accept; accepting also passes the Incident Commander
// role, both events in one write.
import { newId } from '@shared/incident/create';
import { recordEvents } from '../../db/commands';

export const IC_ROLE = 'incident-commander';

export async function offerHandover(incidentId: string, from: string, to: string, briefing: string): Promise<void> {
  if (!to.trim()) throw new Error('Name the incoming incident commander.');
  if (!briefing.trim()) throw new Error('The briefing is empty: the incoming commander needs it.');
  await recordEvents([{ incidentId, type: 'command.handover-offered', payload: { handoverId: newId(), from: from.trim() || 'unassigned', to: to.trim(), briefing } }]);
}

export async function acceptHandover(incidentId: string, handoverId: string, to: string): Promise<void> {
  await recordEvents([
    { incidentId, type: 'command.handover-accepted', payload: { handoverId, to } },
    { incidentId, type: 'role.assigned', payload: { roleId: IC_ROLE, person: to } },
  ]);
}
