// Bench/test-only hook (bundled only when Vite's mode is "bench"): seeds a large incident straight into
// IndexedDB through the app's own db module, so the UI bench measures the real storage and rendering path,
// and times the app's local write against raw IndexedDB in the same page.
import { createEvent, newId } from '@shared/incident/create';
import type { EntryKind, IncidentEvent } from '@shared/incident/events';
import { HybridClock } from '@shared/hlc/hlc';
import { db } from './instance';
import { ensureDeviceId, setDisplayName } from './meta';
import { rowOfEvent } from './types';
import { recordEventsIn, storeEvents } from './write';
import { recordEvents } from './commands';

export interface BenchHook {
  setName(name: string): Promise<void>;
  /** Creates a P1 incident with `entries` timeline entries spread over the past hours; returns its id. */
  seedIncident(title: string, entries: number): Promise<string>;
  /** Per-entry ms of the app's local write (its event row, marked as the outbox) and of raw IndexedDB, interleaved. */
  measureWrites(incidentId: string, samples: number): Promise<{ local: number[]; raw: number[]; burst: number[] }>;
  /** ms for plain IndexedDB to read every row of the incident (the comparator of "every entry in"). */
  rawReadIncident(incidentId: string): Promise<{ ms: number; rows: number }>;
  dropSnapshot(incidentId: string): Promise<void>;
  hasSnapshot(incidentId: string): Promise<boolean>;
}

const KINDS: EntryKind[] = ['note', 'note', 'note', 'decision', 'action', 'evidence'];
const AUTHORS = ['Alex', 'Sam', 'Priya', 'Jordan', 'Mei'];

async function seedIncident(title: string, entries: number): Promise<string> {
  const deviceId = await db.transaction('rw', db.meta, async () => ensureDeviceId(db));
  const id = newId();
  const start = Date.now() - 6 * 3600_000;
  let wall = start;
  const clock = new HybridClock('bench-seed', () => wall);
  const make = (author: string) => ({ clock, actor: { name: author, deviceId }, now: () => wall });
  const batch: IncidentEvent[] = [createEvent(make('Alex'), id, 'incident.opened', {
    title, detectedAt: new Date(start).toISOString(), impactStartedAt: new Date(start - 120_000).toISOString(), severity: 'P1', detectionSource: 'bench',
  }) as IncidentEvent];
  const step = Math.max(1, Math.floor((6 * 3600_000 - 60_000) / Math.max(1, entries)));
  for (let i = 0; i < entries; i++) {
    wall += step;
    const kind = KINDS[i % KINDS.length] ?? 'note';
    batch.push(createEvent(make(AUTHORS[i % AUTHORS.length] ?? 'Alex'), id, 'entry.added', {
      kind, text: `Seeded ${kind} #${i}: replica lag ${i % 97}s on db-${i % 7}, error rate ${(i % 13) + 1}%`,
    }) as IncidentEvent);
    if (batch.length >= 5000) {
      const chunk = batch.splice(0);
      await db.transaction('rw', [db.events, db.incidents], async () => { await storeEvents(db, chunk, { outbox: false }); });
    }
  }
  if (batch.length) await db.transaction('rw', [db.events, db.incidents], async () => { await storeEvents(db, batch, { outbox: false }); });
  return id;
}

/**
 * The ceiling to compare with: a plain IndexedDB database whose one store has one index (the event id), so one add
 * is the least a durable write of an event costs in this browser.
 */
function openRaw(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('bench-raw-idb-1', 1);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore('events', { keyPath: 'seq', autoIncrement: true });
      store.createIndex('id', 'id', { unique: true });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The app's own database opened with plain IndexedDB (no Dexie), at whatever version it has. */
function openAppRaw(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(db.name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** ms to read every stored row of one incident with plain IndexedDB (getAll over its [incidentId+seq] range), and how many. */
async function rawReadIncident(incidentId: string): Promise<{ ms: number; rows: number }> {
  const raw = await openAppRaw();
  try {
    const start = performance.now();
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const tx = raw.transaction('events', 'readonly');
      const req = tx.objectStore('events').index('[incidentId+seq]').getAll(IDBKeyRange.bound([incidentId, -Infinity], [incidentId, Infinity]));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    return { ms: performance.now() - start, rows: rows.length };
  } finally {
    raw.close();
  }
}

async function measureWrites(incidentId: string, samples: number): Promise<{ local: number[]; raw: number[]; burst: number[] }> {
  const raw = await openRaw();
  const deviceId = await db.transaction('rw', db.meta, async () => ensureDeviceId(db));
  const clock = new HybridClock(deviceId);
  const out = { local: [] as number[], raw: [] as number[] };
  const rawWrite = async (i: number) => {
    const event = createEvent({ clock, actor: { name: 'Bench', deviceId } }, incidentId, 'entry.added', { kind: 'note', text: `raw write ${i}` }) as IncidentEvent;
    const start = performance.now();
    await new Promise<void>((resolve, reject) => {
      const tx = raw.transaction('events', 'readwrite');
      tx.objectStore('events').add(rowOfEvent(event));
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    out.raw.push(performance.now() - start);
  };
  const localWrite = async (i: number) => {
    const start = performance.now();
    await recordEventsIn(db, [{ incidentId, type: 'entry.added', payload: { kind: 'note', text: `local write ${i}` } }]);
    out.local.push(performance.now() - start);
  };
  // Each write starts on a quiet page: what the one before set off (the views reading again, a render, other tabs
  // told) has run, so neither is timed with the other's aftermath (an IC's entries are seconds apart, not a burst).
  const quiet = () => new Promise<void>((resolve) => setTimeout(resolve, 20));
  // Interleaved, alternating which goes first, so a loaded machine slows both alike.
  for (let i = 0; i < samples; i++) {
    const [first, second] = i % 2 ? [rawWrite, localWrite] : [localWrite, rawWrite];
    await quiet(); await first(i);
    await quiet(); await second(i);
  }
  raw.close();
  // A burst (a drill script, a pasted list): the console's own command, as Enter runs it (the write, then the open
  // console shows the entry from memory), back to back, each timed with what the one before set off.
  const burst: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await recordEvents([{ incidentId, type: 'entry.added', payload: { kind: 'note', text: `burst write ${i}` } }]);
    burst.push(performance.now() - start);
  }
  return { ...out, burst };
}

export function installBenchHook(): void {
  const hook: BenchHook = {
    setName: async (name) => { await setDisplayName(db, name); },
    seedIncident,
    measureWrites,
    rawReadIncident,
    dropSnapshot: async (incidentId) => { await db.snapshots.delete(incidentId); },
    hasSnapshot: async (incidentId) => (await db.snapshots.get(incidentId)) !== undefined,
  };
  (window as unknown as { __incidentBench: BenchHook }).__incidentBench = hook;
}
