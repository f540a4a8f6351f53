// Role commands: request a role (starts its response clock from the plan); assignment answers it.
import { recordEvents } from '../../db/commands';

export function requestRole(incidentId: string, roleId: string, note?: string): Promise<unknown> {
  return recordEvents([{ incidentId, type: 'role.requested', payload: { roleId, ...(note?.trim() ? { note: note.trim() } : {}) } }]);
}
