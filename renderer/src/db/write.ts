// Writes to the local database: each event lands with its outbox row and summary update in one transaction.
// A transaction's requests are issued together and awaited once per wave (reads, then writes): every awaited
// request costs a round trip to the IndexedDB backend, which is most of what a small write takes.
import { createEvent } from '@shared/incident/create';
import type { EventOf, EventType, IncidentEvent, PayloadInput } from '@shared/incident/events';
import { isIncidentStream } from '@shared/workspace/streams';
import { META, readWriterMeta } from './meta';
import type { IncidentDb } from './schema';
import { emptySummary, summarise } from './summary';
import { rowOfEvent, type IncidentSummary, type MetaRow } from './types';
import { encodeHlc } from '@shared/hlc/hlc';

export interface RecordOptions {
  occurredAt?: number;
  id?: string;
  /** Injectable wall clock (tests, bench). */
  now?: () => number;
}

/** The incidents whose list summary these events change (workspace streams, the team's plan and contacts, get none). */
function summaryIds(events: readonly { incidentId: string }[]): string[] {
  return [...new Set(events.map((e) => e.incidentId).filter(isIncidentStream))];
}

/** The summaries `ids` (as read, in that order) with `events` applied. */
function summariesAfter(ids: string[], existing: (IncidentSummary | undefined)[], events: IncidentEvent[]): IncidentSummary[] {
  return ids.map((id, i) => events.reduce((s, e) => (e.incidentId === id ? summarise(s, e) : s), existing[i] ?? emptySummary(id)));
}

/** Issue the adds of events (and their outbox rows); the returned promise settles when both are stored. */
function addRows(db: IncidentDb, events: IncidentEvent[], outbox: boolean): Promise<unknown> {
  const adds: Promise<unknown>[] = [db.events.bulkAdd(events.map(rowOfEvent))];
  if (outbox) adds.push(db.outbox.bulkAdd(events.map((event) => ({ eventId: event.id, event }))));
  return Promise.all(adds);
}

/** Store events already stamped: rows, outbox (when local) and summaries. Runs inside the caller's transaction. */
export async function storeEvents(db: IncidentDb, events: IncidentEvent[], opts: { outbox: boolean }): Promise<void> {
  if (events.length === 0) return;
  const ids = summaryIds(events);
  const stored = addRows(db, events, opts.outbox);
  const existing = ids.length ? await db.incidents.bulkGet(ids) : [];
  await Promise.all([stored, ids.length ? db.incidents.bulkPut(summariesAfter(ids, existing, events)) : null]);
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
    const ids = summaryIds(drafts);
    // Wave 1: everything read, in parallel.
    const [{ actor, clock, newDeviceId }, existing] = await Promise.all([
      readWriterMeta(db, opts.now), ids.length ? db.incidents.bulkGet(ids) : Promise.resolve([]),
    ]);
    const ctx = { clock, actor, now: opts.now };
    const events = drafts.map((d) => createEvent(ctx, d.incidentId, d.type, d.payload as never, { occurredAt: d.occurredAt, id: d.id }) as IncidentEvent);
    // Wave 2: everything written, in parallel (IndexedDB applies them in order; any failure aborts them all).
    const metaRows: MetaRow[] = [{ key: META.hlc, value: encodeHlc(clock.current()) }];
    if (newDeviceId) metaRows.push({ key: META.deviceId, value: actor.deviceId });
    await Promise.all([
      addRows(db, events, true),
      ids.length ? db.incidents.bulkPut(summariesAfter(ids, existing, events)) : null,
      db.meta.bulkPut(metaRows),
    ]);
    return events;
  });
}

export async function recordEventIn<T extends EventType>(
  db: IncidentDb, incidentId: string, type: T, payload: PayloadInput<T>, opts: RecordOptions = {},
): Promise<EventOf<T>> {
  const [event] = await recordEventsIn(db, [{ incidentId, type, payload, occurredAt: opts.occurredAt, id: opts.id } as EventDraft], opts);
  return event as EventOf<T>;
}
