// The outbox (issue #27 item 3): what this console still owes the server, kept in the event rows themselves instead of
// a second store written beside every event. A row this console pushes carries `out` (a local write, an archive
// import, a recovery's requeue), which puts it in the sparse [out+seq] index in the order it was stored. A mark in
// meta, `through`, says how far the server acknowledged them in order: every row with `out: 1` above it is unsent.
// A row acknowledged ahead of an unsent one (a fresh write pushed while a backlog drains, rows after one the server
// held back) is rewritten with `out: 0`: done, and still in the index. So an acknowledgement in order writes the mark
// only, and the mark never has to list anything.
//
// Why this is safe across tabs: rows get their seq from the store's key generator in the transaction that adds them,
// and read-write transactions over the event rows never overlap, so a row committed later always has a greater seq.
// An acknowledgement reads the rows it moves `through` over in its own transaction: a row stored before it is seen,
// a row stored after it gets a seq above the new `through`.
//
// The clock: a restarted tab resumes after every stamp this device issued (meta.ts localWriter). Those are on its own
// rows: the saved stamp (meta.hlc) is moved past every row acknowledged or purged here, and past the newest own stamp
// before rows of other devices are queued above them (an import); what is left, unsent own rows above every other
// row, is the top of the index (newestOwnStamp).
import Dexie from 'dexie';
import { z } from 'zod';
import { decodeHlc } from '@shared/hlc/hlc';
import { META, ownDeviceIds } from './meta';
import type { IncidentDb } from './schema';
import type { EventRow } from './types';

/** The index the outbox is read through: only rows with `out` set are in it. */
const OUTBOX_INDEX = '[out+seq]';
/** Meta key of the acknowledgement mark. */
export const OUTBOX_MARK = 'outboxMark';

// `owed`: rows at or below `through` still unsent, in the form of the first build of v8; such a mark reads as one
// below the first of them (what lies between is offered again; the server keeps each event once).
const markSchema = z.object({ through: z.number().int().nonnegative(), owed: z.array(z.number().int().positive()).optional() });
/** No mark (a new database, or one that cannot be read): every queued row is offered again; nothing is ever lost. */
const NO_MARK = { through: 0 };

async function readOutboxMark(db: IncidentDb): Promise<{ through: number }> {
  const parsed = markSchema.safeParse((await db.meta.get(OUTBOX_MARK))?.value);
  if (!parsed.success) return NO_MARK;
  const { through, owed } = parsed.data;
  return { through: owed?.length ? owed.reduce((low, seq) => Math.min(low, seq - 1), through) : through };
}

const writeMark = (db: IncidentDb, through: number) => db.meta.put({ key: OUTBOX_MARK, value: { through } });

/** Unsent rows (`out: 1` above the mark), oldest first. */
const unsentAbove = (db: IncidentDb, through: number) => db.events.where(OUTBOX_INDEX).between([1, through + 1], [1, Dexie.maxKey], true, true);

/** A row as the outbox keeps it: the event row with `out: 1`. */
export function queuedRow(row: EventRow): EventRow {
  return { ...row, out: 1 };
}

/** Up to `limit` unsent rows, oldest first. Inside a transaction over events and meta (or none). */
export async function readUnsent(db: IncidentDb, limit: number): Promise<EventRow[]> {
  if (limit <= 0) return [];
  return unsentAbove(db, (await readOutboxMark(db)).through).limit(limit).toArray();
}

/** How many rows are unsent. Inside a transaction over events and meta (or none). */
export async function countUnsent(db: IncidentDb): Promise<number> {
  return unsentAbove(db, (await readOutboxMark(db)).through).count();
}

/** Of these event ids, the ones stored here and not acknowledged yet. Inside a transaction over events and meta (or none). */
export async function unsentAmong(db: IncidentDb, eventIds: readonly string[]): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const [{ through }, rows] = await Promise.all([readOutboxMark(db), db.events.where('id').anyOf([...eventIds]).toArray()]);
  return new Set(rows.filter((r) => r.out === 1 && (r.seq ?? 0) > through).map((r) => r.id));
}

/**
 * The saved stamp moves past the newest of `stamps` (their rows are done or gone). Inside a rw transaction with meta.
 * Written as Dexie promise chains, not async functions, here and in the helpers below that run deep inside another
 * helper's transaction: each native await level more is one more chance for Dexie to lose the transaction's zone
 * (the next request would then run outside it and the transaction commit early: PrematureCommitError).
 */
function savePast(db: IncidentDb, stamps: readonly string[]): Promise<unknown> {
  const newest = stamps.reduce<string | null>((max, s) => (max === null || s > max ? s : max), null);
  if (newest === null) return Dexie.Promise.resolve();
  return db.meta.get(META.hlc).then((row) => {
    const saved = typeof row?.value === 'string' ? row.value : null;
    return saved === null || newest > saved ? db.meta.put({ key: META.hlc, value: newest }) : undefined;
  });
}

/** What an acknowledgement needs of a row it finishes (kept from the outbox read that offered it). */
export interface OfferedRow { seq: number; hlc: string }

/**
 * The server acknowledged these events. `through` moves over the unsent rows acknowledged in order (the mark only);
 * any acknowledged beyond an unsent one get `out: 0`. `offered`: the rows the outbox read gave for these ids, so an
 * acknowledgement reads only index keys (rows it does not know are read; rows gone or finished meanwhile are
 * skipped by the index walk and the re-read before a rewrite). Inside a rw transaction over events and meta.
 */
export async function acknowledgeInTx(db: IncidentDb, eventIds: readonly string[], offered: ReadonlyMap<string, OfferedRow> = new Map()): Promise<void> {
  if (eventIds.length === 0) return;
  const { through } = await readOutboxMark(db);
  const known = eventIds.flatMap((id) => offered.get(id) ?? []); // taken once: the map may change while this waits
  const unknown = eventIds.filter((id) => !offered.has(id));
  const read = unknown.length ? (await db.events.where('id').anyOf(unknown).toArray()).filter((r) => r.out === 1) : [];
  const acked = [...known, ...read.map((r) => ({ seq: r.seq ?? 0, hlc: r.hlc }))].filter((r) => r.seq > through);
  if (acked.length === 0) return;
  await savePast(db, acked.map((r) => r.hlc));
  const seqs = new Set(acked.map((r) => r.seq as number));
  const newest = Math.max(...seqs);
  let next = through;
  // The unsent rows from the mark on, keys only, no more than could be acknowledged in order.
  const inOrder = (await db.events.where(OUTBOX_INDEX).between([1, through + 1], [1, newest], true, true).limit(seqs.size).primaryKeys()) as number[];
  for (const seq of inOrder) {
    if (!seqs.has(seq)) break;
    next = seq;
  }
  const ahead = acked.filter((r) => r.seq > next).map((r) => r.seq);
  if (ahead.length) {
    const rows = (await db.events.bulkGet(ahead)).filter((r): r is EventRow => r?.out === 1);
    if (rows.length) await db.events.bulkPut(rows.map((r) => ({ ...r, out: 0 as const })));
  }
  if (next !== through) await writeMark(db, next);
}

/**
 * Queue these stored events for pushing again (a recovery's requeue). Each gets `out: 1`; when one lies at or below
 * the mark, the mark moves back below it and the rows it passes again that were not requeued get `out: 0` (they stay
 * done). Events not stored here are ignored. Inside a rw transaction over events and meta.
 */
export async function queueStoredInTx(db: IncidentDb, eventIds: readonly string[]): Promise<void> {
  if (eventIds.length === 0) return;
  const rows = await db.events.where('id').anyOf([...eventIds]).toArray();
  if (rows.length === 0) return;
  await saveOwnStampsInTx(db, await ownDeviceIds(db)); // the requeued rows may go above this device's newest ones
  const { through } = await readOutboxMark(db);
  const lowest = Math.min(...rows.map((r) => r.seq ?? Number.POSITIVE_INFINITY));
  const ids = new Set(rows.map((r) => r.id));
  if (lowest <= through) {
    const passed = await db.events.where(OUTBOX_INDEX).between([1, lowest], [1, through], true, true).filter((r) => !ids.has(r.id)).toArray();
    if (passed.length) await db.events.bulkPut(passed.map((r) => ({ ...r, out: 0 as const })));
    await writeMark(db, lowest - 1);
  }
  const unmarked = rows.filter((r) => r.out !== 1);
  if (unmarked.length) await db.events.bulkPut(unmarked.map(queuedRow));
}

/**
 * These streams' rows are about to be deleted (a purge): how many of them were unsent, by incident. The saved stamp
 * moves past them (the clock must not resume below a stamp that leaves with them). Inside a rw transaction over
 * events and meta, before the rows are deleted.
 */
export async function forgetUnsentInTx(db: IncidentDb, streams: ReadonlySet<string>): Promise<Map<string, number>> {
  const { through } = await readOutboxMark(db);
  const rows = await unsentAbove(db, through).filter((r) => streams.has(r.incidentId)).toArray();
  await savePast(db, rows.map((r) => r.hlc));
  const byStream = new Map<string, number>();
  for (const row of rows) byStream.set(row.incidentId, (byStream.get(row.incidentId) ?? 0) + 1);
  return byStream;
}

/**
 * Before rows of other devices are queued (an import): the saved stamp moves past this device's newest queued
 * stamp, which their rows are about to cover in the index. Inside a rw transaction over events and meta.
 */
export function saveOwnStampsInTx(db: IncidentDb, ownNodes: ReadonlySet<string>): Promise<unknown> {
  return newestOwnStamp(db, ownNodes).then((newest) => (newest ? savePast(db, [newest]) : undefined));
}

/**
 * The newest of this device's stamps on the top `count` queued rows (either `out`), where a restarted tab's clock
 * resumes with the saved stamp (meta.ts localWriter). Own rows above every other queued row are the newest; a few
 * tabs' rows may interleave, hence more than one. Inside a transaction over events (or none).
 */
export function newestOwnStamp(db: IncidentDb, ownNodes: ReadonlySet<string>, count = 64): Promise<string | undefined> {
  const top = (out: 0 | 1) => db.events.where(OUTBOX_INDEX).between([out, Dexie.minKey], [out, Dexie.maxKey], true, true).reverse().limit(count).toArray();
  return top(1).then((ones) => top(0).then((zeros) => [...ones, ...zeros]
    .filter((r) => ownNodes.has(decodeHlc(r.hlc).node))
    .reduce<string | undefined>((max, r) => (max === undefined || r.hlc > max ? r.hlc : max), undefined)));
}
