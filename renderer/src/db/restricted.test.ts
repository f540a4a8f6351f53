// Purging what this console may no longer read, in the real Dexie schema (fake-indexeddb): every local copy goes
// (events, unsent ones too, the snapshot, the summary, quarantined copies), only a notice remains; a stream
// readable again loses its notice and is owed a whole read.
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { IncidentDb } from './schema';
import { createLocalSyncStore } from './sync-store';
import { recordEventsIn } from './write';
import { META } from './meta';
import { readUnsent } from './outbox';
import { summariesSettled } from './summaries';

const dbs: IncidentDb[] = [];
afterEach(async () => { for (const d of dbs.splice(0)) { d.close(); await d.delete(); } });

const WS = '11111111-2222-4333-8444-555555555555';

async function setup() {
  const db = new IncidentDb(`restricted-${randomUUID()}`, `legacy-${randomUUID()}`);
  dbs.push(db);
  const x = randomUUID();
  const y = randomUUID();
  const opened = (title: string) => ({ title, detectedAt: new Date().toISOString(), impactStartedAt: new Date().toISOString() });
  await recordEventsIn(db, [{ incidentId: x, type: 'incident.opened', payload: opened('Breach') }, { incidentId: x, type: 'entry.added', payload: { kind: 'note', text: 'attacker IP' } }]);
  await recordEventsIn(db, [{ incidentId: y, type: 'incident.opened', payload: opened('Latency') }]);
  await db.snapshots.put({ incidentId: x, upToSeq: 2, count: 2, json: '[]' });
  await db.meta.put({ key: META.quarantine, value: [{ incidentId: x, type: 'from.the.future' }, { incidentId: y, type: 'from.the.future' }] });
  await summariesSettled(db); // both incidents listed before anything is purged
  return { db, x, y, store: createLocalSyncStore(db) };
}

describe('restricted incidents on the console', () => {
  it('a stream newly hidden is purged whole, with a notice that it exists and how many unsent entries went with it', async () => {
    const { db, x, y, store } = await setup();
    await store.applyAccess(WS, [x]);
    expect(await db.events.where('incidentId').equals(x).count()).toBe(0);
    expect((await readUnsent(db, 100)).map((r) => r.incidentId)).toEqual([y]);
    expect(await db.snapshots.get(x)).toBeUndefined();
    expect(await db.incidents.get(x)).toBeUndefined();
    expect(await db.incidents.get(y)).toBeDefined();
    expect((await db.meta.get(META.quarantine))?.value).toEqual([{ incidentId: y, type: 'from.the.future' }]);
    expect(await db.restricted.toArray()).toEqual([{ id: x, hiddenAt: expect.any(Number), droppedUnsent: 2 }]);
    expect(await store.owedStreams(WS)).toEqual([]);
  });

  it('telling it again changes nothing; readable again: the notice goes and the stream is owed a read until read', async () => {
    const { db, x, store } = await setup();
    await store.applyAccess(WS, [x]);
    const notice = await db.restricted.get(x);
    await store.applyAccess(WS, [x]);
    expect(await db.restricted.get(x)).toEqual(notice);
    await store.applyAccess(WS, []);
    expect(await db.restricted.count()).toBe(0);
    expect(await store.owedStreams(WS)).toEqual([x]);
    await store.applyAccess(WS, [x]); // hidden again before it was read: no longer owed
    expect(await store.owedStreams(WS)).toEqual([]);
    await store.applyAccess(WS, []);
    await store.streamRead(WS, x);
    expect(await store.owedStreams(WS)).toEqual([]);
  });

  it('an alert group hidden with its incident is purged without a notice of its own', async () => {
    const { db, store } = await setup();
    const group = 'a1e70000-1111-8222-8333-444444444444';
    await store.applyAccess(WS, [group]);
    expect(await db.restricted.count()).toBe(0);
  });
});
