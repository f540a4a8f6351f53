// Realtime pokes over WebSocket: engine to engine on one server, and across two server instances sharing one
// PostgreSQL through LISTEN/NOTIFY; plus the channel's own authentication.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { SyncEngine } from '@shared/sync/engine';
import { createHttpTransport, type WebSocketLike } from '@shared/sync/http-transport';
import { REALTIME_PATH } from '@shared/sync/protocol';
import { MemoryStore } from '../../test/sync/memory-store';
import { createSyncServer, type SyncServer } from '../src/app';
import { BACKENDS, auth, inviteMember, listen, newWorkspace, openBackend, stopCluster, type Backend, type Member } from './harness';

afterAll(() => stopCluster());

const wsFactory = (url: string) => new WebSocket(url) as unknown as WebSocketLike;

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A raw realtime client that records every message. */
function rawClient(baseUrl: string, hello: object): { messages: Array<Record<string, unknown>>; closed: () => boolean; closeCode: () => number | undefined; close(): void } {
  const messages: Array<Record<string, unknown>> = [];
  let closed = false;
  let code: number | undefined;
  const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + REALTIME_PATH);
  ws.on('open', () => ws.send(JSON.stringify(hello)));
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as Record<string, unknown>));
  ws.on('close', (c) => { closed = true; code = c; });
  return { messages, closed: () => closed, closeCode: () => code, close: () => ws.close() };
}

function client(baseUrl: string, m: Member) {
  // Events carry the device id the server gave this member: a device may only push in its own name.
  const store = new MemoryStore(m.deviceId, Date.now);
  // A backstop of an hour: anything that arrives within the test came through a poke.
  const engine = new SyncEngine({ store, workspace: m.workspace, backstopMs: 3_600_000,
    transport: createHttpTransport({ baseUrl, token: m.token, workspace: m.workspace, webSocket: wsFactory, reconnectMinMs: 50 }) });
  return { store, engine };
}

describe.each(BACKENDS)('realtime on %s', (kind) => {
  let backend: Backend;
  let one: SyncServer;
  let two: SyncServer;
  let urlOne: string;
  let urlTwo: string;
  let admin: Member;
  let member: Member;

  beforeAll(async () => {
    backend = await openBackend(kind);
    one = await createSyncServer({ store: backend.store });
    urlOne = await listen(one);
    if (kind === 'postgres') {
      // A second instance with its own connection pool on the same database: only LISTEN/NOTIFY links them.
      const { openStore } = await import('../src/db/open');
      const secondStore = await openStore({ databaseUrl: backend.databaseUrl as string });
      two = await createSyncServer({ store: secondStore });
      const close = two.close.bind(two);
      two.close = async () => { await close(); await secondStore.close(); };
      urlTwo = await listen(two);
    } else {
      two = one;
      urlTwo = urlOne;
    }
    ({ admin } = await newWorkspace(one, backend.store));
    member = await inviteMember(one.app, admin, 'second');
  }, 180_000);
  afterAll(async () => {
    if (two !== one) await two?.close();
    await one?.close();
    await backend?.dispose();
  });

  it(`an entry written by a client of ${kind === 'postgres' ? 'instance two reaches a client of instance one' : 'the server reaches its other client'} by a poke`, async () => {
    const raw = rawClient(urlOne, { type: 'hello', token: admin.token, workspace: admin.workspace });
    const a = client(urlOne, admin);
    const b = client(urlTwo, member);
    a.engine.start();
    b.engine.start();
    try {
      await waitFor('both realtime channels', () => a.engine.getStatus().realtime && b.engine.getStatus().realtime && raw.messages.some((m) => m.type === 'ready'));
      await waitFor('first round', () => a.engine.getStatus().state === 'online' && b.engine.getStatus().state === 'online');
      const event = b.store.record(randomUUID(), 'entry.added', { kind: 'note', text: 'from the other side' });
      b.engine.notifyLocalChange();
      await waitFor('the event on laptop A', () => a.store.events.has(event.id));
      const poke = raw.messages.find((m) => m.type === 'poke');
      expect(poke).toMatchObject({ type: 'poke', workspace: admin.workspace, seq: expect.any(Number) });
      if (kind === 'postgres') {
        // From another instance (LISTEN/NOTIFY): a hint only; the console pulls.
        expect(Object.keys(poke as object).sort()).toEqual(['seq', 'type', 'workspace']);
      } else {
        // From the instance that stored the push: the event itself, at the sequence number it got (a pull returns the same).
        expect(poke).toMatchObject({ from: poke?.seq, events: [expect.objectContaining({ id: event.id, type: 'entry.added' })] });
        const pulled = await fetch(`${urlOne}/api/v1/sync/pull?workspace=${admin.workspace}&after=${Number(poke?.seq) - 1}&limit=1`, { headers: auth(admin) });
        expect(((await pulled.json()) as { events: unknown[] }).events).toEqual(poke?.events);
        // A push larger than a poke carries is only announced.
        raw.messages.length = 0;
        for (let i = 0; i < 60; i++) b.store.record(randomUUID(), 'entry.added', { kind: 'note', text: `bulk ${i}` });
        await b.engine.syncNow();
        await waitFor('the poke of the bulk push', () => raw.messages.some((m) => m.type === 'poke'));
        const bulk = raw.messages.find((m) => m.type === 'poke');
        expect(Object.keys(bulk as object).sort()).toEqual(['seq', 'type', 'workspace']);
      }
      expect(a.engine.getStatus()).toMatchObject({ state: 'online', pending: 0, error: null });
    } finally {
      raw.close();
      await a.engine.stop();
      await b.engine.stop();
    }
  });

  it('stops reconnecting the realtime channel once the server refuses the token', async () => {
    let connects = 0;
    let afterClose: Promise<void> | undefined;
    // reconnectMinMs 0: a reconnect would be a timer queued in the transport's close handler, before the one
    // queued here (after every close listener ran), and timers of equal delay fire in order. No wall-clock wait.
    const transport = createHttpTransport({ baseUrl: urlOne, token: 'ict_revoked', workspace: admin.workspace, reconnectMinMs: 0,
      webSocket: (u) => {
        connects += 1;
        const ws = new WebSocket(u);
        afterClose ??= new Promise((resolve) => ws.on('close', () => queueMicrotask(() => setTimeout(resolve, 0))));
        return ws as unknown as WebSocketLike;
      } });
    const stop = transport.subscribe?.({ onOpen: () => {}, onPoke: () => {}, onClose: () => {} });
    await waitFor('the first attempt', () => connects === 1);
    await afterClose;
    expect(connects).toBe(1);
    stop?.();
  });

  it('closes the socket with 1011 when the hello handler fails, without an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const add = one.hub.add.bind(one.hub);
    one.hub.add = () => { throw new Error('injected hub failure'); };
    try {
      const sock = rawClient(urlOne, { type: 'hello', token: admin.token, workspace: admin.workspace });
      await waitFor('socket closed', () => sock.closed());
      expect(sock.closeCode()).toBe(1011);
      expect(sock.messages).toEqual([expect.objectContaining({ type: 'error', error: 'internal' })]);
      await new Promise((r) => setImmediate(r)); // let a stray rejection reach process events
      expect(unhandled).toEqual([]);
    } finally {
      one.hub.add = add;
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('refuses realtime hellos with a bad token or a foreign workspace, and drops a revoked device', async () => {
    const bad = rawClient(urlTwo, { type: 'hello', token: 'ict_nope', workspace: admin.workspace });
    const foreign = rawClient(urlTwo, { type: 'hello', token: admin.token, workspace: randomUUID() });
    await waitFor('both refused', () => bad.closed() && foreign.closed());
    expect(bad.messages).toEqual([expect.objectContaining({ type: 'error', error: 'unauthorized' })]);
    expect(foreign.messages).toEqual([expect.objectContaining({ type: 'error', error: 'forbidden_workspace' })]);

    const victim = await inviteMember(one.app, admin, 'stolen');
    const sock = rawClient(urlOne, { type: 'hello', token: victim.token, workspace: victim.workspace });
    // On PostgreSQL the same device is also connected to the other instance, which learns of the revoke by NOTIFY.
    const elsewhere = rawClient(urlTwo, { type: 'hello', token: victim.token, workspace: victim.workspace });
    await waitFor('ready', () => sock.messages.some((m) => m.type === 'ready') && elsewhere.messages.some((m) => m.type === 'ready'));
    const res = await one.app.inject({ method: 'POST', url: `/api/v1/devices/${victim.deviceId}/revoke`, headers: auth(admin) });
    expect(res.statusCode).toBe(200);
    await waitFor('revoked socket closed', () => sock.closed());
    await waitFor('revoked socket on the other instance closed', () => elsewhere.closed());
    expect(elsewhere.closeCode()).toBe(4401);
  });
});
