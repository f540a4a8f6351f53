// Role commands: request a role (starts its response clock from the plan); assign (which answers it) or relieve;
// page the on-call through the server.
import { recordEvents } from '../../db/commands';

export function requestRole(incidentId: string, roleId: string, note?: string): Promise<unknown> {
  return recordEvents([{ incidentId, type: 'role.requested', payload: { roleId, ...(note?.trim() ? { note: note.trim() } : {}) } }]);
}

export async function assignRole(incidentId: string, roleId: string, person: string, contactId?: string): Promise<void> {
  await recordEvents([{ incidentId, type: 'role.assigned', payload: { roleId, person, ...(contactId ? { contactId } : {}) } }]);
}

export async function relieveRole(incidentId: string, roleId: string): Promise<void> {
  await recordEvents([{ incidentId, type: 'role.relieved', payload: { roleId } }]);
}

/**
 * Page whoever is on call for the role (the server resolves the person from the plan's rotation and the contact
 * sheet, sends through the paging gateway and email, and the acknowledge link answers it). `person` is who this
 * console showed, for the timeline.
 */
export async function pageRole(incidentId: string, roleId: string, person?: string, contactId?: string): Promise<void> {
  await recordEvents([{ incidentId, type: 'page.requested', payload: { roleId, ...(person ? { person } : {}), ...(contactId ? { contactId } : {}) } }]);
}
