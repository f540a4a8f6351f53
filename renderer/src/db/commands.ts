// Commands the UI calls to change persistent state; each is one atomic Dexie transaction.
import type { EventOf, EventType, IncidentEvent, PayloadInput } from '@shared/incident/events';
import type { Plan } from '@shared/plan/schema';
import { db } from './instance';
import { emitLocalWrite } from './local-changes';
import { setDisplayName as setDisplayNameIn } from './meta';
import type { Contact, Identity } from './types';
import { recordEventIn, recordEventsIn, replaceContactsIn, setActivePlanIn, type EventDraft } from './write';

/** Record one event: stamped with this device's HLC and identity; event + outbox + summary land together. */
export function recordEvent<T extends EventType>(
  incidentId: string, type: T, payload: PayloadInput<T>, opts?: { occurredAt?: number },
): Promise<EventOf<T>> {
  return recordEventIn(db, incidentId, type, payload, opts).then((event) => {
    emitLocalWrite(); // after commit: the outbox row is there for sync to push
    return event;
  });
}

/** Record all the events of one user action atomically: every event lands (with its outbox row) or none does. */
export function recordEvents(drafts: readonly EventDraft[]): Promise<IncidentEvent[]> {
  return recordEventsIn(db, drafts).then((events) => {
    emitLocalWrite();
    return events;
  });
}

/** Replace the whole contact sheet atomically (an import either lands whole or not at all). */
export function replaceContacts(contacts: Contact[]): Promise<void> {
  return replaceContactsIn(db, contacts);
}

export async function putContact(contact: Contact): Promise<void> {
  await db.contacts.put(contact);
}

export async function deleteContact(id: string): Promise<void> {
  await db.contacts.delete(id);
}

/** Make a (validated) plan the active one. */
export function setActivePlan(plan: Plan): Promise<void> {
  return setActivePlanIn(db, plan);
}

export function setDisplayName(name: string): Promise<Identity> {
  return setDisplayNameIn(db, name);
}
