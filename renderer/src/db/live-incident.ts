// An open incident kept in memory: its mergeable doc is fed only the rows stored since the last read
// (liveQuery on [incidentId+seq]); the state is patched for new entries (incremental.ts) or re-projected,
// lazily, once per change.
import Dexie, { liveQuery, type Subscription } from 'dexie';
import { applyEvent, emptyDoc, type IncidentDoc } from '@shared/incident/doc';
import type { IncidentEvent } from '@shared/incident/events';
import { projectIncident } from '@shared/incident/project';
import type { IncidentState } from '@shared/incident/state';
import { patchState } from '@shared/incident/incremental';
import type { IncidentDb } from './schema';
import { eventOfRow, type EventRow } from './types';

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

export class LiveIncident {
  readonly doc: IncidentDoc;
  private cursor = 0;
  private state: IncidentState | undefined;
  /** Events applied to the doc since `state` was computed. */
  private pending: IncidentEvent[] = [];
  private loaded = false;
  private readonly listeners = new Set<() => void>();
  private subscription: Subscription | null = null;
  private starting = false;
  private rowsSinceSnapshot = 0;
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

  private async start(): Promise<void> {
    const { db, incidentId } = this;
    this.starting = true;
    await this.loadSnapshot();
    this.starting = false;
    if (this.listeners.size === 0 || this.subscription) return;
    this.subscription = liveQuery(() => this.readNew(db, incidentId))
      .subscribe({
        next: (rows: EventRow[]) => this.ingest(rows),
        error: (error: unknown) => console.error('live incident query failed', error),
      });
  }

  /** Seed the doc from the snapshot row, if any; a broken snapshot is ignored (rows are the truth). */
  private async loadSnapshot(): Promise<void> {
    if (this.cursor > 0) return;
    const start = performance.now();
    try {
      const snapshot = await this.db.snapshots.get(this.incidentId);
      if (!snapshot) return;
      const events = JSON.parse(snapshot.json) as IncidentEvent[];
      for (const event of events) applyEvent(this.doc, event);
      this.cursor = snapshot.upToSeq;
      performance.measure('incident:snapshot', { start, detail: events.length });
    } catch (error) {
      console.warn('ignoring an unreadable incident snapshot', error);
    }
  }

  private scheduleSnapshot(): void {
    if (this.snapshotTimer || this.rowsSinceSnapshot < SNAPSHOT_AFTER) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      const upToSeq = this.cursor;
      const events = [...this.doc.events.values()];
      this.rowsSinceSnapshot = 0;
      const row = { incidentId: this.incidentId, upToSeq, count: events.length, json: JSON.stringify(events) };
      this.db.snapshots.put(row).catch((error: unknown) => console.warn('could not store an incident snapshot', error));
    }, 3000);
  }

  private async readNew(db: IncidentDb, incidentId: string): Promise<EventRow[]> {
    const start = performance.now();
    const rows = await db.events
      .where('[incidentId+seq]')
      .between([incidentId, this.cursor + 1], [incidentId, Dexie.maxKey], true, true)
      .toArray();
    performance.measure('incident:read', { start, detail: rows.length });
    return rows;
  }

  private ingest(rows: EventRow[]): void {
    const start = performance.now();
    let changed = !this.loaded;
    for (const row of rows) {
      if (row.seq !== undefined && row.seq > this.cursor) this.cursor = row.seq;
      this.rowsSinceSnapshot++;
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
    for (const listener of [...this.listeners]) listener();
  }

  private dispose(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    if (this.snapshotTimer) { clearTimeout(this.snapshotTimer); this.snapshotTimer = null; }
    this.onDispose();
  }
}

const registry = new WeakMap<IncidentDb, Map<string, LiveIncident>>();

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
