// Contact sheet commands: every change is a team-stream event, so it syncs and merges field by field
// (two laptops editing different contacts or fields both keep their edits).
import { newId } from '@shared/incident/create';
import { CONTACT_FIELDS, type ContactFields } from '@shared/incident/events-team';
import { TEAM_STREAM_ID } from '@shared/workspace/streams';
import type { Contact } from '@shared/workspace/team';
import { recordEvents } from '../../db/commands';
import type { EventDraft } from '../../db/write';

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `next` that differ from `current`. */
export function changedFields(current: ContactFields, next: ContactFields): Partial<ContactFields> {
  const changes: Partial<Record<keyof ContactFields, unknown>> = {};
  for (const field of CONTACT_FIELDS) if (!sameValue(current[field], next[field])) changes[field] = next[field];
  return changes as Partial<ContactFields>;
}

function fieldsOf(c: ContactFields): ContactFields {
  return { name: c.name, roleIds: c.roleIds, phone: c.phone, email: c.email, notes: c.notes };
}

function addDraft(contact: Contact): EventDraft {
  return { incidentId: TEAM_STREAM_ID, type: 'contact.added', payload: { contactId: contact.id, ...fieldsOf(contact) } };
}

/** Drafts that turn `current` (the sheet as this device holds it) into `next` for one contact; none when equal. */
function saveDrafts(current: Contact | undefined, next: Contact): EventDraft[] {
  if (!current) return [addDraft(next)];
  const changes = changedFields(current, next);
  return Object.keys(changes).length ? [{ incidentId: TEAM_STREAM_ID, type: 'contact.updated', payload: { contactId: next.id, changes } }] : [];
}

/** Add a new contact, or save the changed fields of an existing one (only those, so concurrent edits merge). */
export async function saveContact(contacts: readonly Contact[], contact: ContactFields & { id?: string }): Promise<Contact> {
  const next: Contact = { ...fieldsOf(contact), id: contact.id ?? newId() };
  const drafts = saveDrafts(contacts.find((c) => c.id === next.id), next);
  if (drafts.length) await recordEvents(drafts);
  return next;
}

export async function removeContact(contactId: string): Promise<void> {
  await recordEvents([{ incidentId: TEAM_STREAM_ID, type: 'contact.removed', payload: { contactId } }]);
}

/**
 * A CSV import merged into the sheet (see csv.ts mergeContacts): new contacts added, matching ones updated
 * field by field, all in ONE batch: the whole import lands or nothing does.
 */
export async function importContacts(current: readonly Contact[], merged: readonly Contact[]): Promise<number> {
  const byId = new Map(current.map((c) => [c.id, c]));
  const drafts = merged.flatMap((c) => saveDrafts(byId.get(c.id), c));
  if (drafts.length) await recordEvents(drafts);
  return drafts.length;
}
