// The list screen's incident summaries, folded from the event rows right after they commit instead of inside every
// write's transaction: a local write touches only its event rows. A watermark in meta
// (`summariesUpTo`: every row with a seq at or below it is folded in) makes this exact and crash-safe: whatever
// committed but was not folded yet (a tab closed meanwhile, another tab's write) is folded by the next run, in any
// tab. The events this tab just stored are folded from memory; only rows it did not store are read back.
import Dexie from 'dexie';
import type { IncidentEvent } from '@shared/incident/events';
import { isIncidentStream } from '@shared/workspace/streams';
import type { IncidentDb } from './schema';
import { emptySummary, summarise } from './summary';
import { eventOfRow, type IncidentSummary } from './types';

/** Meta key of the watermark. */
export const SUMMARIES_UP_TO = 'summariesUpTo';
/** Rows folded per transaction (a large pull is folded in several short ones). */
const CHUNK = 5000;
/**
 * How long a fold waits after the first write that asks for it (issue #27 item 3): writes that follow meanwhile (a
 * burst, a pull's pages) are folded in the same transaction, and a fold never competes with the next write's commit.
 * The list shows a change this much later, well under a frame's notice; the watermark keeps it exact meanwhile.
 */
const FOLD_DELAY_MS = 40;

interface Folding {
  /** Events this tab stored, by seq, not folded yet. */
  recent: Map<number, IncidentEvent>;
  running: Promise<void> | null;
  again: boolean;
  /** The next run also reads rows this tab did not store (at start, and when asked to settle). */
  complete: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

const state = new WeakMap<IncidentDb, Folding>();

function foldingOf(db: IncidentDb): Folding {
  let f = state.get(db);
  if (!f) { f = { recent: new Map(), running: null, again: false, complete: true, timer: null }; state.set(db, f); }
  return f;
}

/**
 * Inside the transaction that stores `events` as rows `seqs`: once it commits, they are folded from memory and the
 * summaries are brought up to date (an aborted transaction leaves nothing to fold).
 */
export function rememberStored(db: IncidentDb, seqs: readonly number[], events: readonly IncidentEvent[]): void {
  const done = () => {
    const { recent } = foldingOf(db);
    seqs.forEach((seq, i) => { const e = events[i]; if (e) recent.set(seq, e); });
    scheduleSummaries(db);
  };
  const tx = Dexie.currentTransaction;
  if (tx) tx.on('complete', done);
  else done();
}

/** These streams were purged (restricted incidents): their events this tab remembers are never folded back in. */
export function forgetStreamsInFolding(db: IncidentDb, streams: ReadonlySet<string>): void {
  const f = state.get(db);
  if (!f) return;
  for (const [seq, e] of f.recent) if (streams.has(e.incidentId)) f.recent.delete(seq);
}

/**
 * Bring the summaries up to date soon (coalesced: one run at a time, FOLD_DELAY_MS after the first ask, one more if
 * asked meanwhile). `complete`: also fold rows this tab did not store (another tab's, an earlier session's), which
 * reads them, and at once (a start, or a reader that needs them exact).
 */
export function scheduleSummaries(db: IncidentDb, complete = false): void {
  const f = foldingOf(db);
  if (complete) f.complete = true;
  if (f.running) { f.again = true; return; }
  if (f.timer && !complete) return;
  if (f.timer) clearTimeout(f.timer); // asked to be exact: the waiting fold runs now
  f.timer = setTimeout(() => {
    f.timer = null;
    const all = f.complete;
    f.complete = false;
    f.running = run(db, f, all).finally(() => {
      f.running = null;
      if (f.again || f.complete) scheduleSummaries(db, f.complete); // asked after the run's last look
    });
  }, complete ? 0 : FOLD_DELAY_MS);
}

/** Drop what this tab remembers (tests that empty the tables under a running app). */
export function forgetFolding(db: IncidentDb): void {
  const f = state.get(db);
  if (f?.timer) { clearTimeout(f.timer); f.timer = null; }
  state.delete(db);
}

/**
 * Resolves once every event committed before the call is folded into the summaries (tests, and readers that need
 * them exact). Writes that keep coming meanwhile do not hold it back: it waits for the watermark to reach the newest
 * row at the call, or for nothing to be left to fold.
 */
export async function summariesSettled(db: IncidentDb): Promise<void> {
  const f = foldingOf(db);
  const target = await db.events.orderBy(':id').lastKey();
  scheduleSummaries(db, true);
  while (f.timer || f.running || f.complete) {
    if (typeof target === 'number') {
      const mark = await db.meta.get(SUMMARIES_UP_TO);
      if (typeof mark?.value === 'number' && mark.value >= target) return;
    }
    if (f.running) await f.running;
    else await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

async function run(db: IncidentDb, f: Folding, complete: boolean): Promise<void> {
  try {
    do {
      f.again = false;
      // This tab's own rows first, from memory and without touching the event rows (so a write is never queued
      // behind a fold); then, when asked or when something else is in the way, whatever else was stored.
      while (db.isOpen() && (await foldRecent(db, f))) { /* another run of this tab's rows */ }
      if (complete || needsRows(f)) while (db.isOpen() && (await foldNext(db, f))) { /* another chunk */ }
    } while (f.again && db.isOpen());
  } catch (error) {
    console.warn('incident summaries will catch up at the next change', error);
  }
}

/** This tab's unfolded rows do not start right at the watermark (another tab's rows, a gap): read the rows. */
function needsRows(f: Folding): boolean {
  return f.recent.size > 0;
}

/**
 * Apply `events` (in seq order) to the summaries and move the watermark to `to`, in the caller's transaction (which
 * takes the summaries, meta and the restricted notices). Events of an incident purged from this console (a notice
 * stands) are left out: this tab may still hold them in memory when its write's commit is reported after the purge.
 */
async function foldInto(db: IncidentDb, events: readonly IncidentEvent[], to: number): Promise<void> {
  const touched = [...new Set(events.map((e) => e.incidentId).filter(isIncidentStream))];
  const notices = touched.length ? await db.restricted.bulkGet(touched) : [];
  const ids = touched.filter((_, i) => !notices[i]);
  if (ids.length) {
    const existing = await db.incidents.bulkGet(ids);
    const byId = new Map<string, IncidentSummary>(ids.map((id, i) => [id, existing[i] ?? emptySummary(id)]));
    for (const e of events) {
      const current = byId.get(e.incidentId);
      if (current) byId.set(e.incidentId, summarise(current, e));
    }
    await db.incidents.bulkPut([...byId.values()]);
  }
  await db.meta.put({ key: SUMMARIES_UP_TO, value: to });
}

/** Fold the run of this tab's rows right above the watermark (never the event rows); true when it folded some. */
async function foldRecent(db: IncidentDb, f: Folding): Promise<boolean> {
  if (f.recent.size === 0) return false;
  return db.transaction('rw', [db.incidents, db.meta, db.restricted], async () => {
    const mark = await db.meta.get(SUMMARIES_UP_TO);
    const from = typeof mark?.value === 'number' ? mark.value : 0;
    for (const seq of f.recent.keys()) if (seq <= from) f.recent.delete(seq); // folded by another tab, from the rows
    const events: IncidentEvent[] = [];
    let to = from;
    for (let e = f.recent.get(to + 1); e && events.length < CHUNK; e = f.recent.get(to + 1)) { events.push(e); to += 1; }
    if (events.length === 0) return false;
    await foldInto(db, events, to);
    for (let seq = from + 1; seq <= to; seq++) f.recent.delete(seq);
    return true;
  });
}

/** Fold the next chunk of rows above the watermark, read from the table where this tab did not store them; true when more remain. */
async function foldNext(db: IncidentDb, f: Folding): Promise<boolean> {
  return db.transaction('rw', [db.events, db.incidents, db.meta, db.restricted], async () => {
    const [mark, last] = await Promise.all([db.meta.get(SUMMARIES_UP_TO), db.events.orderBy(':id').lastKey()]);
    const from = typeof mark?.value === 'number' ? mark.value : 0;
    const top = typeof last === 'number' ? last : 0;
    if (top <= from) return false;
    const to = Math.min(top, from + CHUNK);
    let events: IncidentEvent[] | null = [];
    for (let seq = from + 1; seq <= to && events; seq++) {
      const e = f.recent.get(seq);
      if (e) events.push(e);
      else events = null; // a row this tab did not store (or a gap): read the range instead
    }
    if (!events) events = (await db.events.where(':id').between(from, to, false, true).toArray()).map(eventOfRow);
    await foldInto(db, events, to);
    for (let seq = from + 1; seq <= to; seq++) f.recent.delete(seq);
    return to < top;
  });
}
