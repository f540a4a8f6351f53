// An open incident kept in memory: its mergeable doc is fed only the rows stored since the last read
// (liveQuery on [incidentId+seq]); the state is patched for new entries (incremental.ts) or re-projected,
// lazily, once per change. It always opens newest first: every event but log entries (the sparse `headOf` index)
// and the newest rows, shown at once; then the older log entries in the background (shared/incident/partial.ts),
// from the snapshot when there is one (parsed a chunk at a time) and the rows after it.
import Dexie, { liveQuery, type Subscription } from 'dexie';
import { applyEvent, emptyDoc, type IncidentDoc } from '@shared/incident/doc';
import type { IncidentEvent } from '@shared/incident/events';
import { projectIncident } from '@shared/incident/project';
import type { IncidentState } from '@shared/incident/state';
import { patchState } from '@shared/incident/incremental';
import type { IncidentDb } from './schema';
import { eventOfRow, storedSeq, type EventRow, type SnapshotRow } from './types';

/** Timings show up in the browser's performance timeline (the UI bench reads them). */
function measured<T>(name: string, run: () => T): T {
  const start = performance.now();
  const result = run();
  performance.measure(name, { start });
  return result;
}

/** How long an incident nobody watches stays in memory (switching back and forth stays instant). */
const KEEP_ALIVE_MS = 60_000;
/** Write a fresh snapshot once this many events were read row by row since the last one. */
const SNAPSHOT_AFTER = 2000;
/** Rows read before the console shows: the newest, more than a timeline window holds. */
const NEWEST_FIRST = 300;
/** Older rows are folded in chunks of this many, yielding between them so the console stays responsive. */
const OLDER_CHUNK = 10_000;
/** Events per JSON chunk of a snapshot: parsed (and written) one chunk per task. */
const SNAPSHOT_CHUNK = 10_000;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class LiveIncident {
  readonly doc: IncidentDoc;
  private cursor = 0;
  private state: IncidentState | undefined;
  /** Events applied to the doc since `state` was computed. */
  private pending: IncidentEvent[] = [];
  private loaded = false;
  /** False while older log entries are still being read (the state lacks some timeline rows). */
  private complete = true;
  /** Rows below this seq are still to be read (null: none, or being read now). */
  private olderBefore: number | null = null;
  private disposed = false;
  private readonly listeners = new Set<() => void>();
  private subscription: Subscription | null = null;
  private starting = false;
  private rowsSinceSnapshot = 0;
  /** Rows above the cursor this tab already showed from memory: the live query reads their keys, not them. */
  private readonly shownSeqs = new Set<number>();
  private snapshotTimer: ReturnType<typeof setTimeout> | null = null;
  private disposeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly db: IncidentDb, readonly incidentId: string, private readonly onDispose: () => void) {
    this.doc = emptyDoc(incidentId);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.disposeTimer) { clearTimeout(this.disposeTimer); this.disposeTimer = null; }
    if (!this.subscription && !this.starting) void this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.disposeTimer = setTimeout(() => this.dispose(), KEEP_ALIVE_MS);
    };
  };

  /** Undefined until the first read finished; then a stable object until the next change. */
  getSnapshot = (): IncidentState | undefined => {
    if (!this.loaded) return undefined;
    if (!this.state) {
      this.state = measured('incident:project', () => projectIncident(this.doc));
      this.pending = [];
    } else if (this.pending.length) {
      const pending = this.pending;
      this.state = measured('incident:patch', () => patchState(this.state as IncidentState, this.doc, pending))
        ?? measured('incident:project', () => projectIncident(this.doc));
      this.pending = [];
    }
    return this.state;
  };

  /** True once every stored row up to the live cursor is in the state (false while older entries load). */
  isComplete = (): boolean => this.complete;

  private async start(): Promise<void> {
    const { db, incidentId } = this;
    this.starting = true;
    if (this.cursor === 0 && !this.loaded) await this.loadNewestFirst();
    this.starting = false;
    if (this.listeners.size === 0 || this.subscription) return;
    this.subscription = liveQuery(() => this.readNew(db, incidentId))
      .subscribe({
        next: ({ seqs, rows }: { seqs: number[]; rows: EventRow[] }) => this.ingest(seqs, rows),
        error: (error: unknown) => console.error('live incident query failed', error),
      });
    const older = this.olderBefore;
    this.olderBefore = null;
    if (older !== null) void this.loadOlder(older);
  }

  /**
   * Every event but log entries and the newest rows, read in one transaction, shown at once (with or without a
   * snapshot: reading and parsing a large snapshot first would make the console wait for all of it);
   * `olderBefore` says where the older rows start, when there are any.
   */
  private async loadNewestFirst(): Promise<void> {
    const { db, incidentId } = this;
    const start = performance.now();
    const [head, newest] = await db.transaction('r', db.events, () => Promise.all([
      db.events.where('headOf').equals(incidentId).toArray(),
      db.events.where('[incidentId+seq]').between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey]).reverse().limit(NEWEST_FIRST).toArray(),
    ]));
    for (const row of newest) this.cursor = Math.max(this.cursor, row.seq ?? 0);
    this.applyRows(head);
    this.applyRows(newest);
    const oldest = newest[newest.length - 1]?.seq;
    const more = newest.length === NEWEST_FIRST && oldest !== undefined;
    this.complete = !more;
    this.loaded = true;
    performance.measure('incident:newest-first', { start, detail: head.length + newest.length });
    this.olderBefore = more ? oldest : null;
    this.notify();
  }

  /**
   * The rows below `before` (seq): from the snapshot when there is one (a chunk of events at a time), then the rows
   * after it, oldest first, in chunks; the full projection replaces the partial one at the end.
   */
  private async loadOlder(before: number): Promise<void> {
    const { db, incidentId } = this;
    const start = performance.now();
    const after = await this.loadSnapshot();
    let read = 0;
    const chunkAfter = (from: number) => db.events.where('[incidentId+seq]').between([incidentId, from], [incidentId, before], false, false).limit(OLDER_CHUNK).toArray();
    try {
      // Each chunk's read is issued before the previous one is folded in: the database reads while the page parses.
      let next = after < before - 1 ? chunkAfter(after) : null;
      while (next && !this.disposed) {
        const rows = await next;
        const last = rows[rows.length - 1]?.seq;
        next = rows.length === OLDER_CHUNK && last !== undefined ? chunkAfter(last) : null;
        this.applyRows(rows);
        read += rows.length;
        this.rowsSinceSnapshot += rows.length;
        if (next) await nextTask();
      }
      if (next) await next.catch(() => undefined); // disposed meanwhile: let the read in flight finish quietly
    } catch (error) {
      console.error('reading the older entries of an incident failed', error);
      return;
    }
    if (this.disposed) return;
    this.state = undefined; // re-projected in full on the next read
    this.pending = [];
    this.complete = true;
    performance.measure('incident:older', { start, detail: read });
    this.scheduleSnapshot();
    this.notify();
  }

  /** Rows into the doc, without notifying (the caller re-projects). */
  private applyRows(rows: readonly EventRow[]): void {
    for (const row of rows) if (!this.doc.events.has(row.id)) applyEvent(this.doc, eventOfRow(row));
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /**
   * Fold the snapshot row, if any, into the doc a chunk at a time (yielding between chunks); returns the seq it
   * covers (0: none). A broken snapshot is ignored: the rows are the truth, and they are read instead.
   */
  private async loadSnapshot(): Promise<number> {
    const start = performance.now();
    try {
      const snapshot = await this.db.snapshots.get(this.incidentId);
      if (!snapshot) return 0;
      const chunks = snapshot.chunks ?? (snapshot.json !== undefined ? [snapshot.json] : []);
      // Parse everything before applying anything: a broken chunk leaves the doc as the rows will make it.
      const parsed: IncidentEvent[][] = [];
      for (const chunk of chunks) {
        if (this.disposed) return 0;
        parsed.push(JSON.parse(chunk) as IncidentEvent[]);
        await nextTask();
      }
      let count = 0;
      for (const events of parsed) {
        for (const event of events) if (!this.doc.events.has(event.id)) applyEvent(this.doc, event);
        count += events.length;
        await nextTask();
      }
      performance.measure('incident:snapshot', { start, detail: count });
      return snapshot.upToSeq;
    } catch (error) {
      console.warn('ignoring an unreadable incident snapshot', error);
      return 0;
    }
  }

  private scheduleSnapshot(): void {
    // A snapshot of a partly read incident would hide its older entries from the next open.
    if (!this.complete || this.snapshotTimer || this.rowsSinceSnapshot < SNAPSHOT_AFTER) return;
    this.snapshotTimer = setTimeout(() => { void this.writeSnapshot(); }, 3000);
  }

  /** The doc's events as JSON chunks written a chunk per task (no long task), then one row. */
  private async writeSnapshot(): Promise<void> {
    const upToSeq = this.cursor;
    const events = [...this.doc.events.values()];
    this.rowsSinceSnapshot = 0;
    const chunks: string[] = [];
    for (let i = 0; i < events.length && !this.disposed; i += SNAPSHOT_CHUNK) {
      chunks.push(JSON.stringify(events.slice(i, i + SNAPSHOT_CHUNK)));
      await nextTask();
    }
    this.snapshotTimer = null;
    if (this.disposed || !this.db.isOpen()) return;
    const row: SnapshotRow = { incidentId: this.incidentId, upToSeq, count: events.length, chunks };
    await this.db.snapshots.put(row).catch((error: unknown) => console.warn('could not store an incident snapshot', error));
  }

  /**
   * The rows stored since the cursor: their keys first, then only the rows this tab has not already shown from
   * memory (showStored), so what was just written or pulled here is not read back.
   */
  private async readNew(db: IncidentDb, incidentId: string): Promise<{ seqs: number[]; rows: EventRow[] }> {
    const start = performance.now();
    const seqs = (await db.events
      .where('[incidentId+seq]')
      .between([incidentId, this.cursor + 1], [incidentId, Dexie.maxKey], true, true)
      .primaryKeys()) as number[];
    const unseen = seqs.filter((seq) => !this.shownSeqs.has(seq));
    const rows = unseen.length ? (await db.events.bulkGet(unseen)).filter((row): row is EventRow => row !== undefined) : [];
    performance.measure('incident:read', { start, detail: rows.length });
    return { seqs, rows };
  }

  /**
   * Events this tab has just stored (a local write, a pulled page), shown without reading them back. The cursor is
   * left alone: the live query still reads the keys above it and skips these rows, so nothing stored by anyone is
   * ever missed.
   */
  ingestStored(events: readonly IncidentEvent[]): void {
    if (!this.loaded || this.disposed) return;
    let changed = false;
    for (const event of events) {
      if (event.incidentId !== this.incidentId) continue;
      // Its row need not be read back, also when it was shown before it was stored (a realtime preview).
      const seq = storedSeq(event);
      if (seq !== undefined && seq > this.cursor) this.shownSeqs.add(seq);
      if (this.doc.events.has(event.id)) continue;
      if (applyEvent(this.doc, event)) {
        changed = true;
        if (this.state) this.pending.push(event);
      }
    }
    if (changed) this.notify();
  }

  private ingest(seqs: readonly number[], rows: readonly EventRow[]): void {
    const start = performance.now();
    let changed = !this.loaded;
    for (const seq of seqs) {
      if (seq > this.cursor) this.cursor = seq;
      this.shownSeqs.delete(seq);
    }
    this.rowsSinceSnapshot += seqs.length;
    for (const row of rows) {
      if (this.doc.events.has(row.id)) continue;
      const event = eventOfRow(row);
      if (applyEvent(this.doc, event)) {
        changed = true;
        if (this.state) this.pending.push(event);
      }
    }
    this.loaded = true;
    performance.measure('incident:ingest', { start, detail: rows.length });
    this.scheduleSnapshot();
    if (!changed) return;
    this.notify();
  }

  /** Forget everything held in memory (the incident was purged); whoever shows it reads the empty store again. */
  purge(): void {
    if (this.disposeTimer) { clearTimeout(this.disposeTimer); this.disposeTimer = null; }
    this.doc.events.clear();
    this.doc.registers.clear();
    this.state = undefined;
    this.pending = [];
    this.rowsSinceSnapshot = 0;
    this.dispose();
    this.notify();
  }

  private dispose(): void {
    this.disposed = true;
    this.subscription?.unsubscribe();
    this.subscription = null;
    if (this.snapshotTimer) { clearTimeout(this.snapshotTimer); this.snapshotTimer = null; }
    this.onDispose();
  }
}

const registry = new WeakMap<IncidentDb, Map<string, LiveIncident>>();

/** Drop an incident held in memory (purged from the store): no snapshot of it is written afterwards. */
export function purgeLiveIncident(db: IncidentDb, incidentId: string): void {
  registry.get(db)?.get(incidentId)?.purge();
}

/**
 * Events just stored in `db` by this tab (or about to be: events a realtime poke carried): every open incident they
 * belong to shows them now (see ingestStored).
 */
export function showStored(db: IncidentDb, events: readonly IncidentEvent[]): void {
  const byId = registry.get(db);
  if (!byId || events.length === 0) return;
  const touched = new Set(events.map((e) => e.incidentId));
  for (const id of touched) byId.get(id)?.ingestStored(events);
}

export function liveIncident(db: IncidentDb, incidentId: string): LiveIncident {
  let byId = registry.get(db);
  if (!byId) { byId = new Map(); registry.set(db, byId); }
  let live = byId.get(incidentId);
  if (!live) {
    const map = byId;
    live = new LiveIncident(db, incidentId, () => map.delete(incidentId));
    byId.set(incidentId, live);
  }
  return live;
}
