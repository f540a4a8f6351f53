// Bench/test-only hook (bundled only when Vite's mode is "bench"): seeds a large incident straight into
// IndexedDB through the app's own db module, so the UI bench measures the real storage and rendering path.
import { createEvent, newId } from '@shared/incident/create';
import type { EntryKind, IncidentEvent } from '@shared/incident/events';
import { HybridClock } from '@shared/hlc/hlc';
import { db } from './instance';
import { ensureDeviceId, setDisplayName } from './meta';
import { storeEvents } from './write';

export interface BenchHook {
  setName(name: string): Promise<void>;
  /** Creates a P1 incident with `entries` timeline entries spread over the past hours; returns its id. */
  seedIncident(title: string, entries: number): Promise<string>;
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
      await db.transaction('rw', [db.events, db.outbox, db.incidents], async () => { await storeEvents(db, chunk, { outbox: false }); });
    }
  }
  if (batch.length) await db.transaction('rw', [db.events, db.outbox, db.incidents], async () => { await storeEvents(db, batch, { outbox: false }); });
  return id;
}

async function timeLoads(incidentId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let t = performance.now();
  await db.events.where('[incidentId+seq]').between([incidentId, 0], [incidentId, Infinity]).toArray();
  out.dexieCompound = performance.now() - t;
  t = performance.now();
  await db.events.where('incidentId').equals(incidentId).toArray();
  out.dexieIncident = performance.now() - t;
  t = performance.now();
  const idb = db.backendDB();
  await new Promise((resolve, reject) => {
    const req = idb.transaction('events').objectStore('events').index('incidentId').getAll(incidentId);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  out.rawGetAll = performance.now() - t;
  t = performance.now();
  const rows = await db.events.where('incidentId').equals(incidentId).toArray();
  const json = rows.map((r) => r.json);
  out.stringify = performance.now() - t;
  t = performance.now();
  for (const j of json) JSON.parse(j);
  out.parse = performance.now() - t;
  return out;
}

export function installBenchHook(): void {
  const hook: BenchHook & { timeLoads: typeof timeLoads } = {
    timeLoads,
    setName: async (name) => { await setDisplayName(db, name); },
    seedIncident,
  };
  (window as unknown as { __incidentBench: BenchHook }).__incidentBench = hook;
}
