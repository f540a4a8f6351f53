// Role commands: request a role (starts its response clock from the plan); assign (which answers it) or relieve;
// page the on-call through the server; the responder's own acknowledgement.
import type { Responder } from '@shared/incident/acknowledgement';
import { samePerson } from '@shared/incident/authorship';
import { CommandRefused } from '../../core/command-failure';
import { recordEvents } from '../../db/commands';
import type { EventDraft } from '../../db/write';

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

/**
 * The responder acknowledges, on their own console, the page or assignment `responder` (shared/incident/
 * acknowledgement.ts): the response target is met by this, never by an assignment. Acknowledging a page for a
 * role nobody holds also takes the role (the record and the ICS-201 briefing then name who is on it).
 */
export async function acknowledgeAsResponder(
  incidentId: string, me: string, responder: Pick<Responder, 'person' | 'roleId' | 'pageId'>, holder: string | null,
): Promise<void> {
  if (!samePerson(responder.person, me)) {
    throw new CommandRefused(`${responder.person} acknowledges on their own console (or from the page's link).`);
  }
  const drafts: EventDraft[] = [{ incidentId, type: 'incident.acknowledged', payload: { person: me, roleId: responder.roleId, ...(responder.pageId ? { pageId: responder.pageId } : {}) } }];
  if (holder === null) drafts.push({ incidentId, type: 'role.assigned', payload: { roleId: responder.roleId, person: me } });
  await recordEvents(drafts);
}
