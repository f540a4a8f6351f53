// The console's engine against a real server (PGlite): its own events go out in its name, events written
// under another id go out marked as imported, and events the server refuses one by one (a lone surrogate,
// an id already stored with other content, another device's name) are held while the rest still syncs.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { IncidentEvent } from '@shared/incident/events';
import { SyncEngine } from '@shared/sync/engine';
import { adoptDeviceId, META } from '../../renderer/src/db/meta';
import { IncidentDb } from '../../renderer/src/db/schema';
import { createLocalSyncStore } from '../../renderer/src/db/sync-store';
import { recordEventIn } from '../../renderer/src/db/write';
import { createSyncServer, type SyncServer } from '../../server/src/app';
import { createInvite } from '../../server/src/store/workspaces';
import { newWorkspace, openBackend, pull, type Backend, type Member } from '../../server/test/harness';
import { faultyTransport } from './faulty-transport';
import { MemoryStore } from './memory-store';

let backend: Backend;
let server: SyncServer;
let admin: Member;
const dbs: IncidentDb[] = [];

beforeAll(async () => {
  backend = await openBackend('pglite');
  server = await createSyncServer({ store: backend.store, rateLimitPerMinute: 1_000_000, joinRateLimitPerMinute: 1_000 });
  ({ admin } = await newWorkspace(server, backend.store));
}, 120_000);
afterAll(async () => {
  for (const db of dbs) { db.close(); await Dexie.delete(db.name); }
  await server?.close();
  await backend?.dispose();
});

async function joinAs(deviceId: string | undefined): Promise<Member> {
  const invite = await createInvite(backend.store.db, admin.workspace, { role: 'member', maxUses: 1, expiresInHours: 1, person: 'Scribe' });
  const res = await server.app.inject({ method: 'POST', url: '/api/v1/join', payload: { inviteCode: invite.inviteCode, deviceName: 'laptop', displayName: 'Scribe', ...(deviceId ? { deviceId } : {}) } });
  return res.json<Member>();
}

function engineFor(store: ConstructorParameters<typeof SyncEngine>[0]['store'], m: Member): SyncEngine {
  return new SyncEngine({ store, transport: faultyTransport(() => server.app, m.token, { online: true, faults: [] }), workspace: m.workspace });
}

async function onServer(id: string): Promise<IncidentEvent | undefined> {
  const page = (await pull(server.app, admin, 0, 1000)).json<{ events: IncidentEvent[] }>();
  return page.events.find((e) => e.id === id);
}

async function consoleDb(localId: string): Promise<IncidentDb> {
  const db = new IncidentDb(`authorship-${randomUUID()}`);
  dbs.push(db);
  await db.meta.bulkPut([{ key: META.deviceId, value: localId }, { key: META.displayName, value: 'Scribe' }]);
  return db;
}

describe('authorship through the sync engine', () => {
  it('entries logged before joining sync in the device\'s own name; after a re-join they go out marked as imported', async () => {
    const localId = `web-${randomUUID().slice(0, 12)}`;
    const db = await consoleDb(localId);
    const incident = randomUUID();
    const before = await recordEventIn(db, incident, 'entry.added', { kind: 'note', text: 'logged offline before joining' });
    const m = await joinAs(localId);
    expect(m.deviceId).toBe(localId); // adopted: what it logged is its own
    const engine = engineFor(createLocalSyncStore(db), m);
    await engine.syncNow();
    expect(await onServer(before.id)).toMatchObject({ actor: { deviceId: localId } });
    expect((await onServer(before.id))?.imported).toBeUndefined();

    // The same console joins again (its id is taken now): it gets a fresh id and writes under it.
    const later = await recordEventIn(db, incident, 'entry.added', { kind: 'note', text: 'logged between connections' });
    const again = await joinAs(localId);
    expect(again.deviceId).not.toBe(localId);
    await adoptDeviceId(db, again.deviceId);
    const after = await recordEventIn(db, incident, 'entry.added', { kind: 'note', text: 'after re-joining' });
    const engine2 = engineFor(createLocalSyncStore(db), again);
    await engine2.syncNow();
    expect(engine2.getStatus()).toMatchObject({ pending: 0, held: 0 });
    expect(await onServer(after.id)).toMatchObject({ actor: { deviceId: again.deviceId } });
    expect(await onServer(later.id)).toMatchObject({ actor: { deviceId: localId }, imported: { by: { deviceId: again.deviceId, name: 'Scribe' } } });
    await engine.stop();
    await engine2.stop();
  });

  it('holds back a lone surrogate, an id conflict and an event in another name, and still syncs the rest', async () => {
    const m = await joinAs(undefined);
    const store = new MemoryStore(m.deviceId, Date.now);
    const incident = randomUUID();
    const stored = store.record(incident, 'entry.added', { kind: 'note', text: 'first version' });
    const engine = engineFor(store, m);
    await engine.syncNow();
    expect(await onServer(stored.id)).toBeDefined();
    const outbox = (store as unknown as { outbox: unknown[] }).outbox;
    const template = store.record(incident, 'entry.added', { kind: 'note', text: 'template' });
    outbox.length = 0;
    const surrogate = { ...template, id: randomUUID(), payload: { kind: 'note', text: 'broken \ud800 surrogate' } };
    const conflict = { ...stored, payload: { kind: 'note', text: 'silently edited' } };
    const spoof = { ...template, id: randomUUID(), actor: { name: 'Commander', deviceId: admin.deviceId } };
    outbox.push(surrogate, conflict, spoof);
    const good = store.record(incident, 'entry.added', { kind: 'note', text: 'still gets through' });
    await engine.syncNow();
    await engine.syncNow();
    await engine.syncNow();
    expect(await onServer(good.id)).toBeDefined();
    const status = engine.getStatus();
    expect(status).toMatchObject({ state: 'online', held: 3, pending: 3 });
    expect(['invalid_event', 'id_conflict', 'actor_mismatch']).toContain(status.heldReason?.code);
    expect((await onServer(stored.id))?.payload).toMatchObject({ text: 'first version' });
    expect(await onServer(spoof.id)).toBeUndefined();
    await engine.stop();
  });
});
