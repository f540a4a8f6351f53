// Commands the UI calls to change persistent state; each is one atomic Dexie transaction.
import type { EventOf, EventType, IncidentEvent, PayloadInput } from '@shared/incident/events';
import { db } from './instance';
import { emitLocalWrite } from './local-changes';
import { showStored } from './live-incident';
import { setDisplayName as setDisplayNameIn } from './meta';
import type { Identity } from './types';
import { recordEventIn, recordEventsIn, type EventDraft } from './write';

/**
 * After a local write committed: sync pushes the events first (the network is the long way), then the open
 * console shows them from memory, without reading back what was just written.
 */
function committed(events: readonly IncidentEvent[]): void {
  emitLocalWrite(events);
  showStored(db, events);
}

/** Record one event: stamped with this device's HLC and identity; the event row (marked as the outbox) in one transaction; the summary follows. */
export function recordEvent<T extends EventType>(
  incidentId: string, type: T, payload: PayloadInput<T>, opts?: { occurredAt?: number },
): Promise<EventOf<T>> {
  return recordEventIn(db, incidentId, type, payload, opts).then((event) => {
    committed([event as IncidentEvent]);
    return event;
  });
}

/** Record all the events of one user action atomically: every event lands (marked as the outbox) or none does. */
export function recordEvents(drafts: readonly EventDraft[]): Promise<IncidentEvent[]> {
  return recordEventsIn(db, drafts).then((events) => {
    committed(events);
    return events;
  });
}

export function setDisplayName(name: string): Promise<Identity> {
  return setDisplayNameIn(db, name);
}
