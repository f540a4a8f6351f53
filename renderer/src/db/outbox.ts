// The outbox (issue #27 item 3): what this console still owes the server, kept in the event rows themselves instead of
// a second store written beside every event. A row this console must push carries `out: 1` (a local write, an
// archive import, a recovery's requeue), which puts it in the sparse [out+seq] index in the order it was stored. A
// mark in meta says how far the server acknowledged: every indexed row above `through` is unsent, and so is every
// row in `owed` (at or below `through`, left over when a later one was acknowledged first: held back by the server,
// or queued again). An acknowledgement writes the mark only; it never rewrites or deletes a row.
//
// Why this is safe across tabs: rows get their seq from the store's key generator in the transaction that adds them,
// and read-write transactions over the event rows never overlap, so a row committed later always has a greater seq.
// An acknowledgement reads the index range it moves `through` over in its own transaction: a row stored before it
// is seen (and kept owed unless acknowledged), a row stored after it gets a seq above the new `through`.
import Dexie from 'dexie';
import { z } from 'zod';
import { decodeHlc } from '@shared/hlc/hlc';
import type { IncidentDb } from './schema';
import type { EventRow } from './types';

/** The index the outbox is read through: only rows with `out` set are in it. */
export const OUTBOX_INDEX = '[out+seq]';
/** Meta key of the acknowledgement mark. */
export const OUTBOX_MARK = 'outboxMark';

const markSchema = z.object({ through: z.number().int().nonnegative(), owed: z.array(z.number().int().nonnegative()) });
export type OutboxMark = z.infer<typeof markSchema>;
/** No mark (a new database, or one that cannot be read): every indexed row is unsent, so nothing is ever lost. */
const NO_MARK: OutboxMark = { through: 0, owed: [] };

export async function readOutboxMark(db: IncidentDb): Promise<OutboxMark> {
  const parsed = markSchema.safeParse((await db.meta.get(OUTBOX_MARK))?.value);
  return parsed.success ? parsed.data : NO_MARK;
}

function writeMark(db: IncidentDb, mark: OutboxMark): Promise<unknown> {
  return db.meta.put({ key: OUTBOX_MARK, value: { through: mark.through, owed: [...new Set(mark.owed)].sort((a, b) => a - b) } });
}

/** Indexed rows above the mark, oldest first. */
const above = (db: IncidentDb, through: number) => db.events.where(OUTBOX_INDEX).between([1, through + 1], [1, Dexie.maxKey], true, true);

/** A row as the outbox keeps it: the event row with `out` set. */
export function queuedRow(row: EventRow): EventRow {
  return { ...row, out: 1 };
}

/** Is this stored row unsent under `mark`? */
export function isUnsent(row: EventRow, mark: OutboxMark): boolean {
  return row.out === 1 && row.seq !== undefined && (row.seq > mark.through || mark.owed.includes(row.seq));
}

/** Up to `limit` unsent rows, oldest first. Inside a transaction over events and meta (or none). */
export async function readUnsent(db: IncidentDb, limit: number): Promise<EventRow[]> {
  if (limit <= 0) return [];
  const mark = await readOutboxMark(db);
  const owed = mark.owed.length ? (await db.events.bulkGet(mark.owed.slice(0, limit))).filter((r): r is EventRow => r !== undefined && r.out === 1) : [];
  const rest = owed.length < limit ? await above(db, mark.through).limit(limit - owed.length).toArray() : [];
  return [...owed, ...rest];
}

/**
 * How many rows are unsent. `owed` only ever lists stored rows (rows leave only by a purge, which takes them out of it:
 * forgetUnsentInTx), so it is counted without reading them. Inside a transaction over events and meta (or none).
 */
export async function countUnsent(db: IncidentDb): Promise<number> {
  const mark = await readOutboxMark(db);
  return mark.owed.length + (await above(db, mark.through).count());
}

/** Of these event ids, the ones stored here and not acknowledged yet. Inside a transaction over events and meta (or none). */
export async function unsentAmong(db: IncidentDb, eventIds: readonly string[]): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const [mark, rows] = await Promise.all([readOutboxMark(db), db.events.where('id').anyOf([...eventIds]).toArray()]);
  return new Set(rows.filter((r) => isUnsent(r, mark)).map((r) => r.id));
}

/**
 * The server acknowledged these events: the mark moves, no row is touched. `through` moves to the newest row
 * acknowledged; the indexed rows it passes that were not acknowledged stay owed. Inside a rw transaction over events
 * and meta.
 */
export async function acknowledgeInTx(db: IncidentDb, eventIds: readonly string[]): Promise<void> {
  if (eventIds.length === 0) return;
  const seqs = (await db.events.where('id').anyOf([...eventIds]).primaryKeys()).filter((k): k is number => typeof k === 'number');
  if (seqs.length === 0) return;
  const acked = new Set(seqs);
  const mark = await readOutboxMark(db);
  const newest = Math.max(...seqs);
  let owed = mark.owed.filter((seq) => !acked.has(seq));
  let through = mark.through;
  if (newest > through) {
    const passed = (await db.events.where(OUTBOX_INDEX).between([1, through + 1], [1, newest], true, true).primaryKeys()) as number[];
    owed = owed.concat(passed.filter((seq) => !acked.has(seq)));
    through = newest;
  }
  if (through === mark.through && owed.length === mark.owed.length) return;
  await writeMark(db, { through, owed });
}

/**
 * Queue these stored events for pushing again (a recovery's requeue): each gets `out` and, below the mark, a place in
 * `owed`. Events not stored here are ignored. Inside a rw transaction over events and meta.
 */
export async function queueStoredInTx(db: IncidentDb, eventIds: readonly string[]): Promise<void> {
  if (eventIds.length === 0) return;
  const rows = await db.events.where('id').anyOf([...eventIds]).toArray();
  const mark = await readOutboxMark(db);
  const unmarked = rows.filter((r) => r.out !== 1);
  if (unmarked.length) await db.events.bulkPut(unmarked.map(queuedRow));
  const below = rows.map((r) => r.seq).filter((seq): seq is number => seq !== undefined && seq <= mark.through && !mark.owed.includes(seq));
  if (below.length) await writeMark(db, { through: mark.through, owed: mark.owed.concat(below) });
}

/**
 * These rows are being deleted (a purge): they leave `owed` too. Returns how many of them were unsent, by incident.
 * Inside a rw transaction over events and meta, before the rows are deleted.
 */
export async function forgetUnsentInTx(db: IncidentDb, streams: ReadonlySet<string>): Promise<Map<string, number>> {
  const mark = await readOutboxMark(db);
  const owedRows = mark.owed.length ? await db.events.bulkGet(mark.owed) : [];
  const rest = await above(db, mark.through).filter((r) => streams.has(r.incidentId)).toArray();
  const byStream = new Map<string, number>();
  const dropped = new Set<number>();
  for (const row of [...owedRows, ...rest]) {
    if (!row || row.out !== 1 || !streams.has(row.incidentId)) continue;
    byStream.set(row.incidentId, (byStream.get(row.incidentId) ?? 0) + 1);
    if (row.seq !== undefined) dropped.add(row.seq);
  }
  const owed = mark.owed.filter((seq) => !dropped.has(seq));
  if (owed.length !== mark.owed.length) await writeMark(db, { through: mark.through, owed });
  return byStream;
}

/**
 * The newest stamp among the rows this console queued, read from the newest back until `count` of them carry one of
 * `ownNodes` (this device's ids) in their stamp: where a restarted tab's clock resumes, with the saved stamp (meta.ts
 * localWriter). Queued rows stay in the index once acknowledged, so this covers every stamp this device wrote; rows
 * queued for others (an archive import) are read past. Inside a transaction over events (or none).
 */
export async function newestQueuedStamp(db: IncidentDb, ownNodes: ReadonlySet<string>, count = 64): Promise<string | undefined> {
  let newest: string | undefined;
  let own = 0;
  await db.events.where(OUTBOX_INDEX).between([1, Dexie.minKey], [1, Dexie.maxKey], true, true).reverse()
    .until(() => own >= count)
    .each((row) => {
      if (newest === undefined || row.hlc > newest) newest = row.hlc;
      if (ownNodes.has(decodeHlc(row.hlc).node)) own += 1;
    });
  return newest;
}

