// Writes to the local database. A local write is ONE transaction over ONE store: its event rows, marked as the outbox
// (outbox.ts), issued at once with nothing read first, on the native path (native-add.ts) when it can: the actor and
// the clock are in memory (meta.ts localWriter), the list summaries follow right after the commit (summaries.ts). Every awaited request costs a round trip to the
// IndexedDB backend, which is most of what a small write takes.
import { createEvent } from '@shared/incident/create';
import type { EventOf, EventType, IncidentEvent, PayloadInput } from '@shared/incident/events';
import { emitLocalWriting } from './local-changes';
import { localWriter, wroteWithClock } from './meta';
import type { IncidentDb } from './schema';
import { rememberStored } from './summaries';
import { canAddNatively, addNatively } from './native-add';
import { queuedRow } from './outbox';
import { noteStoredSeq, rowOfEvent, type EventRow } from './types';
import { HybridClock } from '@shared/hlc/hlc';

export interface RecordOptions {
  occurredAt?: number;
  id?: string;
  /** Injectable wall clock (tests, bench). */
  now?: () => number;
}

/** The events' rows, marked as the outbox where `outbox` says so (outbox.ts queuedRow). */
function rowsOf(events: readonly IncidentEvent[], outbox: boolean | readonly boolean[]): EventRow[] {
  return events.map((event, i) => ((outbox === true || (Array.isArray(outbox) && outbox[i])) ? queuedRow(rowOfEvent(event)) : rowOfEvent(event)));
}

/** What follows the adds of events' rows: each event learns its seq, the list's summaries are folded (soon). */
function stored(db: IncidentDb, events: readonly IncidentEvent[], seqs: readonly number[]): void {
  seqs.forEach((seq, i) => { const e = events[i]; if (e) noteStoredSeq(e, seq); });
  rememberStored(db, seqs, events);
}

/** Issue the adds of events' rows inside the caller's Dexie transaction; settles once they are stored. */
async function addRows(db: IncidentDb, events: readonly IncidentEvent[], outbox: boolean | readonly boolean[]): Promise<void> {
  stored(db, events, await db.events.bulkAdd(rowsOf(events, outbox), { allKeys: true }));
}

/**
 * Store events already stamped, marked as the outbox when `outbox` says so (all of them, or one flag per event: this
 * console pushes them). Runs inside the caller's transaction (which must include events); the summaries follow once
 * it committed (summaries.ts).
 */
export async function storeEvents(db: IncidentDb, events: readonly IncidentEvent[], opts: { outbox: boolean | readonly boolean[] }): Promise<void> {
  if (events.length === 0) return;
  await addRows(db, events, opts.outbox);
}

/** One event a command wants written: the stamp, actor and times are filled in when the batch is written. */
export type EventDraft = {
  [T in EventType]: { incidentId: string; type: T; payload: PayloadInput<T>; occurredAt?: number; id?: string };
}[EventType];

/**
 * Write all the events of one user action in ONE transaction (their rows, marked as the outbox): either every
 * event lands or none does, so a crash can never leave, say, a drill opened but not started.
 */
export async function recordEventsIn(db: IncidentDb, drafts: readonly EventDraft[], opts: Pick<RecordOptions, 'now'> = {}): Promise<IncidentEvent[]> {
  const writer = await localWriter(db);
  // Stamped synchronously from the tab's clock (no await between reading and moving it): a write made meanwhile
  // in this tab can never get the same stamp. A write that then fails leaves the clock ahead, which is harmless.
  const clock = new HybridClock(writer.actor.deviceId, opts.now ?? Date.now, writer.hlc);
  const ctx = { clock, actor: { ...writer.actor }, now: opts.now };
  const events = drafts.map((d) => createEvent(ctx, d.incidentId, d.type, d.payload as never, { occurredAt: d.occurredAt, id: d.id }) as IncidentEvent);
  writer.hlc = clock.current();
  wroteWithClock(db, writer.hlc); // the other tabs hear of the stamps now
  emitLocalWriting(events); // sync signs them while they commit
  // The event rows, marked as the outbox; nothing read and nothing else written: any failure stores none of them.
  // Natively (native-add.ts) unless it is a large batch or runs inside a caller's Dexie transaction (it must commit
  // with it).
  if (canAddNatively(db, events.length)) stored(db, events, await addNatively(db, db.events, rowsOf(events, true)));
  else await db.transaction('rw', db.events, () => addRows(db, events, true));
  return events;
}

export async function recordEventIn<T extends EventType>(
  db: IncidentDb, incidentId: string, type: T, payload: PayloadInput<T>, opts: RecordOptions = {},
): Promise<EventOf<T>> {
  const [event] = await recordEventsIn(db, [{ incidentId, type, payload, occurredAt: opts.occurredAt, id: opts.id } as EventDraft], opts);
  return event as EventOf<T>;
}
