// The sync service over a real Dexie store (fake-indexeddb) and a stand-in server at the fetch level:
// connect outcomes, pushing local work, resuming after restart, revocation, network events, disconnect.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeHlc } from '@shared/hlc/hlc';
import type { IncidentEvent } from '@shared/incident/events';
import { setDisplayName } from '../../db/meta';
import { IncidentDb } from '../../db/schema';
import { readSyncConnection } from '../../db/sync-connection';
import { recordEventIn } from '../../db/write';
import { countUnsent } from '../../db/outbox';
import { ConnectError } from './join';
import { needsReconnect, SyncService } from './service';

const randomUUID = (): string => crypto.randomUUID();
const WORKSPACE = randomUUID();
const INVITE = 'good-invite-code';
const INCIDENT = randomUUID();
const opened = { title: 'Checkout down', detectedAt: '2026-03-01T10:00:00.000Z', impactStartedAt: '2026-03-01T09:55:00.000Z', severity: 'P2' } as const;

type Init = { method: string; headers: Record<string, string>; body?: string };
const json = (status: number, body: unknown) => ({ status, text: async () => JSON.stringify(body) });

/** Stand-in for the sync server's HTTP API: join, push, pull; can go away or revoke every token. */
class StandInServer {
  events: Array<{ id: string }> = [];
  joins: Array<Record<string, unknown>> = [];
  mode: 'ok' | 'down' | 'revoked' | 'not-a-server' = 'ok';
  requests = 0;

  fetch = async (url: string, init: Init) => {
    this.requests += 1;
    if (this.mode === 'down') throw new TypeError('Failed to fetch');
    if (this.mode === 'not-a-server') return { status: 200, text: async () => '<!doctype html><p>hello</p>' };
    const { pathname, searchParams } = new URL(url, 'http://server.test');
    if (pathname === '/api/v1/join') {
      const body = JSON.parse(init.body ?? '{}') as Record<string, unknown>;
      if (body.inviteCode !== INVITE) return json(403, { error: 'invalid_invite', message: 'invite code unknown, expired or already used' });
      this.joins.push(body);
      return json(200, { token: 'tok-1', workspace: WORKSPACE, workspaceName: 'SRE', deviceId: 'dev-1', role: 'member' });
    }
    if (this.mode === 'revoked' || init.headers.authorization !== 'Bearer tok-1') return json(401, { error: 'unauthorized', message: 'device revoked' });
    if (pathname === '/api/v1/sync/push') {
      const { events } = JSON.parse(init.body ?? '{}') as { events: Array<{ id: string }> };
      for (const e of events) if (!this.events.some((x) => x.id === e.id)) this.events.push(e);
      return json(200, { acked: events.map((e) => e.id), serverHlc: encodeHlc({ wall: Date.now(), counter: 0, node: 'server' }), seq: this.events.length });
    }
    if (pathname === '/api/v1/sync/pull') {
      const after = Number(searchParams.get('after'));
      const page = this.events.slice(after, after + Number(searchParams.get('limit')));
      return json(200, { events: page, cursor: after + page.length, hasMore: false });
    }
    return json(404, { error: 'not_found', message: 'no route' });
  };
}

const dbs: IncidentDb[] = [];
const services: SyncService[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.dispose();
  for (const db of dbs.splice(0)) { db.close(); await Dexie.delete(db.name); }
});

async function setup(server = new StandInServer(), db?: IncidentDb) {
  const database = db ?? new IncidentDb(`svc-${randomUUID()}`);
  if (!db) { dbs.push(database); await setDisplayName(database, 'Ada IC'); }
  const localWrites = new Set<(events: readonly IncidentEvent[]) => void>();
  const events = new EventTarget();
  const service = new SyncService(database, {
    fetch: server.fetch,
    onLocalWrite: (l) => { localWrites.add(l); return () => localWrites.delete(l); },
    events,
    page: { protocol: 'http:', origin: 'http://server.test' },
  });
  services.push(service);
  await service.start();
  const write = async (text: string) => {
    const event = await recordEventIn(database, INCIDENT, 'entry.added', { text, kind: 'note' });
    for (const l of localWrites) l([event as IncidentEvent]);
  };
  return { db: database, server, service, events, write };
}

const connect = (service: SyncService, inviteCode = INVITE, serverUrl = '') => service.connect({ serverUrl, inviteCode, deviceName: 'Ada’s laptop' });

describe('SyncService', () => {
  it('is local only until connected', async () => {
    const { service, server } = await setup();
    expect(service.getView()).toEqual({ loaded: true, connection: null, status: null });
    expect(server.requests).toBe(0);
  });

  it('a wrong invite, an unreachable server and a non-sync server each fail with their own reason; nothing is stored', async () => {
    const { service, server, db } = await setup();
    await expect(connect(service, 'wrong-invite-code')).rejects.toMatchObject({ kind: 'bad_invite', message: expect.stringContaining('invite code') });
    server.mode = 'down';
    await expect(connect(service, INVITE, 'http://10.9.9.9:8787')).rejects.toMatchObject({ kind: 'unreachable', message: expect.stringContaining('http://10.9.9.9:8787') });
    server.mode = 'not-a-server';
    await expect(connect(service)).rejects.toMatchObject({ kind: 'not_a_server' });
    await expect(connect(service, INVITE, 'ftp://x')).rejects.toBeInstanceOf(ConnectError);
    expect(await readSyncConnection(db)).toBeNull();
    expect(service.getView().connection).toBeNull();
  });

  it('connecting stores the connection, sends the display name and pushes work logged before and after', async () => {
    const { service, server, db, write } = await setup();
    await recordEventIn(db, INCIDENT, 'incident.opened', opened);
    await connect(service);
    expect(server.joins[0]).toMatchObject({ displayName: 'Ada IC', deviceName: 'Ada’s laptop' });
    expect(await readSyncConnection(db)).toMatchObject({ baseUrl: '', token: 'tok-1', workspace: WORKSPACE, workspaceName: 'SRE' });
    await vi.waitFor(() => expect(server.events).toHaveLength(1));
    await write('Error rate at 12%');
    await vi.waitFor(() => expect(server.events).toHaveLength(2));
    // Acknowledged: nothing is unsent, and the status says nothing waits.
    await vi.waitFor(async () => expect(await countUnsent(db)).toBe(0));
    await vi.waitFor(() => expect(service.getView().status).toMatchObject({ state: 'online', pending: 0, error: null }));
    expect(service.getView().status?.lastSyncedAt).not.toBeNull();
  });

  it('offline: entries wait and are counted; the online event sends them', async () => {
    const { service, server, events, write } = await setup();
    await connect(service);
    await vi.waitFor(() => expect(service.getView().status?.state).toBe('online'));
    server.mode = 'down';
    events.dispatchEvent(new Event('offline'));
    await vi.waitFor(() => expect(service.getView().status?.state).toBe('offline'));
    await write('one');
    await write('two');
    await vi.waitFor(() => expect(service.getView().status?.pending).toBe(2));
    server.mode = 'ok';
    events.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(service.getView().status).toMatchObject({ state: 'online', pending: 0 }));
    expect(server.events).toHaveLength(2);
  });

  it('resumes from the stored connection after a restart, and pulls what others wrote', async () => {
    const first = await setup();
    await connect(first.service);
    await first.write('from before the restart');
    await vi.waitFor(() => expect(first.server.events).toHaveLength(1));
    await first.service.dispose();
    // Another device's event lands on the server meanwhile.
    const other = new IncidentDb(`other-${randomUUID()}`);
    dbs.push(other);
    const theirs = await recordEventIn(other, INCIDENT, 'entry.added', { text: 'from a colleague', kind: 'note' });
    first.server.events.push(theirs);

    const again = await setup(first.server, first.db);
    expect(again.service.getView().connection).toMatchObject({ workspace: WORKSPACE });
    await vi.waitFor(async () => expect(await first.db.events.where('id').equals(theirs.id).count()).toBe(1));
    await vi.waitFor(() => expect(again.service.getView().status?.state).toBe('online'));
  });

  it('a revoked device stops with a reconnect prompt, and connecting again resumes', async () => {
    const { service, server, write } = await setup();
    await connect(service);
    await vi.waitFor(() => expect(service.getView().status?.state).toBe('online'));
    server.mode = 'revoked';
    await write('after revocation');
    await vi.waitFor(() => expect(needsReconnect(service.getView().status)).toBe(true));
    server.mode = 'ok';
    await connect(service);
    await vi.waitFor(() => expect(service.getView().status).toMatchObject({ state: 'online', pending: 0 }));
    expect(server.events).toHaveLength(1);
  });

  it('disconnect forgets the connection and stops syncing; local data stays', async () => {
    const { service, server, db, write } = await setup();
    await connect(service);
    await vi.waitFor(() => expect(service.getView().status?.state).toBe('online'));
    await service.disconnect();
    expect(service.getView()).toMatchObject({ connection: null, status: null });
    expect(await readSyncConnection(db)).toBeNull();
    const before = server.requests;
    await write('local only now');
    expect(await service.syncNow()).toBe(false);
    expect(server.requests).toBe(before);
    expect(await db.events.count()).toBe(1);
    expect(await countUnsent(db)).toBe(1);
  });
});
