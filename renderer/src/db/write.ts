// Writes to the local database: each event lands with its outbox row and summary update in one transaction.
import { createEvent } from '@shared/incident/create';
import type { EventOf, EventType, IncidentEvent, PayloadInput } from '@shared/incident/events';
import { isIncidentStream } from '@shared/workspace/streams';
import { currentActor, loadClock, saveClock } from './meta';
import type { IncidentDb } from './schema';
import { emptySummary, summarise } from './summary';
import { rowOfEvent } from './types';

export interface RecordOptions {
  occurredAt?: number;
  id?: string;
  /** Injectable wall clock (tests, bench). */
  now?: () => number;
}

/** Store events already stamped: rows, outbox (when local) and summaries. Runs inside the caller's transaction. */
export async function storeEvents(db: IncidentDb, events: IncidentEvent[], opts: { outbox: boolean }): Promise<void> {
  if (events.length === 0) return;
  await db.events.bulkAdd(events.map(rowOfEvent));
  if (opts.outbox) await db.outbox.bulkAdd(events.map((event) => ({ eventId: event.id, event })));
  const byIncident = new Map<string, IncidentEvent[]>();
  // Summaries are the incident list: workspace streams (the team's plan and contacts) get none.
  for (const e of events) if (isIncidentStream(e.incidentId)) byIncident.set(e.incidentId, [...(byIncident.get(e.incidentId) ?? []), e]);
  if (byIncident.size === 0) return; // only workspace streams in this batch
  const existing = await db.incidents.bulkGet([...byIncident.keys()]);
  const updated = [...byIncident.entries()].map(([id, list], i) => list.reduce(summarise, existing[i] ?? emptySummary(id)));
  await db.incidents.bulkPut(updated);
}

/** One event a command wants written: the stamp, actor and times are filled in when the batch is written. */
export type EventDraft = {
  [T in EventType]: { incidentId: string; type: T; payload: PayloadInput<T>; occurredAt?: number; id?: string };
}[EventType];

/**
 * Write all the events of one user action in ONE transaction (events + outbox + summaries + clock): either every
 * event lands or none does, so a crash can never leave, say, a drill opened but not started.
 */
export async function recordEventsIn(db: IncidentDb, drafts: readonly EventDraft[], opts: Pick<RecordOptions, 'now'> = {}): Promise<IncidentEvent[]> {
  return db.transaction('rw', [db.events, db.outbox, db.incidents, db.meta], async () => {
    const actor = await currentActor(db);
    const clock = await loadClock(db, actor.deviceId, opts.now);
    const ctx = { clock, actor, now: opts.now };
    const events = drafts.map((d) => createEvent(ctx, d.incidentId, d.type, d.payload as never, { occurredAt: d.occurredAt, id: d.id }) as IncidentEvent);
    await storeEvents(db, events, { outbox: true });
    await saveClock(db, clock);
    return events;
  });
}

export async function recordEventIn<T extends EventType>(
  db: IncidentDb, incidentId: string, type: T, payload: PayloadInput<T>, opts: RecordOptions = {},
): Promise<EventOf<T>> {
  const [event] = await recordEventsIn(db, [{ incidentId, type, payload, occurredAt: opts.occurredAt, id: opts.id } as EventDraft], opts);
  return event as EventOf<T>;
}
