// The Dexie sync store keeps pulled events that fail validation (raw, deduplicated, persisted) and retries them.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvent } from '@shared/incident/create';
import type { IncidentEvent } from '@shared/incident/events';
import { HybridClock } from '@shared/hlc/hlc';
import { IncidentDb } from '../../renderer/src/db/schema';
import { createLocalSyncStore, QUARANTINE_KEY } from '../../renderer/src/db/sync-store';

const opened: IncidentDb[] = [];
const openDb = (name: string) => {
  const db = new IncidentDb(name);
  opened.push(db);
  return db;
};
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

function peerEvents(n: number): IncidentEvent[] {
  const clock = new HybridClock('peer', Date.now);
  const incident = randomUUID();
  return Array.from({ length: n }, (_, i) =>
    createEvent({ clock, actor: { name: 'Peer', deviceId: 'peer' }, now: Date.now }, incident, 'entry.added', { kind: 'note', text: `note ${i}` }) as IncidentEvent);
}

describe('sync store quarantine', () => {
  it('keeps rejected pulled events across a restart, once each, and applies them when they validate', async () => {
    const name = `quarantine-${process.pid}-${randomUUID()}`;
    const db = openDb(name);
    const store = createLocalSyncStore(db);
    const [good, later] = peerEvents(2) as [IncidentEvent, IncidentEvent];
    const bad = { ...good, id: 'not-a-uuid' };
    const result = await store.applyRemote([good, bad, bad]);
    expect(result.applied).toBe(1);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2]);
    await store.applyRemote([bad]); // pulled again: still one copy
    expect(await store.countQuarantine()).toBe(1);

    db.close();
    const reopened = createLocalSyncStore(openDb(name));
    expect(await reopened.countQuarantine()).toBe(1);
    expect(await reopened.retryQuarantine()).toEqual({ applied: 0, remaining: 1 });

    // An event an older version had quarantined that this version accepts is stored on retry.
    const db2 = opened[opened.length - 1] as IncidentDb;
    await db2.meta.put({ key: QUARANTINE_KEY, value: [bad, later] });
    expect(await reopened.retryQuarantine()).toEqual({ applied: 1, remaining: 1 });
    expect(await db2.events.where('id').equals(later.id).count()).toBe(1);
    expect(await reopened.countQuarantine()).toBe(1);
  });
});
