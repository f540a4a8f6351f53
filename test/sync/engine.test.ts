// The sync engine against a scripted transport: batching, cursor paging, status, backoff, halting, pokes.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { SyncEngine, type RealtimeHandlers, type SyncTransport, type Timers, type TransportRequest, type TransportResponse } from '../../shared/sync/engine';
import { encodeHlc } from '../../shared/sync/hlc';
import { MemoryStore } from './memory-store';

const WS = randomUUID();

/** An in-memory stand-in for the server's push/pull contract, with switchable failures. */
class FakeServer implements SyncTransport {
  events: unknown[] = [];
  ids = new Set<string>();
  requests: TransportRequest[] = [];
  mode: 'ok' | 'offline' | 'unauthorized' | 'skew-on-push' = 'ok';
  handlers: RealtimeHandlers | undefined;

  async request(req: TransportRequest): Promise<TransportResponse> {
    this.requests.push(req);
    if (this.mode === 'offline') throw new TypeError('fetch failed');
    if (this.mode === 'unauthorized') return { status: 401, body: { error: 'unauthorized', message: 'revoked' } };
    if (req.path === '/sync/push') {
      if (this.mode === 'skew-on-push') return { status: 422, body: { error: 'clock_skew', message: 'too far ahead' } };
      const { events } = req.body as { events: Array<{ id: string }> };
      for (const e of events) if (!this.ids.has(e.id)) { this.ids.add(e.id); this.events.push(e); }
      return { status: 200, body: { acked: events.map((e) => e.id), serverHlc: encodeHlc({ wall: Date.now(), counter: 0, node: 'server' }), seq: this.events.length } };
    }
    const after = Number(req.query?.after);
    const limit = Number(req.query?.limit);
    const page = this.events.slice(after, after + limit);
    return { status: 200, body: { events: page, cursor: after + page.length, hasMore: after + limit < this.events.length } };
  }

  subscribe(handlers: RealtimeHandlers): () => void {
    this.handlers = handlers;
    return () => (this.handlers = undefined);
  }
}

/** Timers the test fires by hand; records the delays the engine asked for. */
class ManualTimers implements Timers {
  pending = new Map<number, { fn: () => void; ms: number }>();
  delays: number[] = [];
  private next = 0;
  setTimeout(fn: () => void, ms: number): unknown {
    this.delays.push(ms);
    this.pending.set(++this.next, { fn, ms });
    return this.next;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  fire(): void {
    const [id, t] = [...this.pending.entries()][0] ?? [];
    if (id === undefined || !t) throw new Error('no timer pending');
    this.pending.delete(id);
    t.fn();
  }
}

const note = (store: MemoryStore, n: number) => store.record(randomUUID(), 'entry.added', { kind: 'note', text: `n${n}` });
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('SyncEngine', () => {
  it('pushes the outbox in batches of at most 500 and pulls page by page until nothing is left', async () => {
    const server = new FakeServer();
    const a = new MemoryStore('a', Date.now);
    for (let i = 0; i < 1_201; i++) note(a, i);
    const engine = new SyncEngine({ store: a, transport: server, workspace: WS, batchSize: 9_999, pullLimit: 400 });
    expect(await engine.syncNow()).toBe(true);
    const pushes = server.requests.filter((r) => r.path === '/sync/push').map((r) => (r.body as { events: unknown[] }).events.length);
    expect(pushes).toEqual([500, 500, 201]);
    const pulls = server.requests.filter((r) => r.path === '/sync/pull').map((r) => r.query?.after);
    expect(pulls).toEqual([0, 400, 800, 1200]);
    expect(await a.getCursor(WS)).toBe(1_201);
    expect(engine.getStatus()).toMatchObject({ state: 'online', pending: 0, error: null, lastSyncedAt: expect.any(String) });

    const b = new MemoryStore('b', Date.now);
    const other = new SyncEngine({ store: b, transport: server, workspace: WS });
    await other.syncNow();
    expect(b.events.size).toBe(1_201);
  });

  it('goes offline with entries waiting, retries with growing delays, and recovers', async () => {
    const server = new FakeServer();
    const timers = new ManualTimers();
    const store = new MemoryStore('a', Date.now);
    const engine = new SyncEngine({ store, transport: server, workspace: WS, timers, random: () => 1, initialBackoffMs: 1_000, maxBackoffMs: 8_000 });
    const states: string[] = [];
    engine.subscribe((s) => states.push(s.state));
    server.mode = 'offline';
    note(store, 1);
    note(store, 2);
    engine.start();
    await settle();
    await settle();
    expect(engine.getStatus()).toMatchObject({ state: 'offline', pending: 2, error: { code: 'network' } });
    for (let i = 0; i < 5; i++) {
      timers.fire();
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(timers.delays).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    server.mode = 'ok';
    timers.fire();
    await new Promise((r) => setTimeout(r, 5));
    expect(engine.getStatus()).toMatchObject({ state: 'online', pending: 0, error: null });
    expect(server.ids.size).toBe(2);
    expect(states).toContain('syncing');
    await engine.stop();
    expect(timers.pending.size).toBe(0);
  });

  it('stops retrying when the device is refused, until started again', async () => {
    const server = new FakeServer();
    const timers = new ManualTimers();
    const engine = new SyncEngine({ store: new MemoryStore('a', Date.now), transport: server, workspace: WS, timers });
    server.mode = 'unauthorized';
    engine.start();
    await new Promise((r) => setTimeout(r, 5));
    expect(engine.getStatus()).toMatchObject({ state: 'error', error: { code: 'unauthorized' } });
    expect(timers.pending.size).toBe(0);
    const before = server.requests.length;
    server.handlers?.onPoke(99);
    engine.notifyLocalChange();
    await new Promise((r) => setTimeout(r, 5));
    expect(server.requests.length).toBe(before);
  });

  it('still receives others\u2019 events when its own push is refused (clock skew), and reports the refusal', async () => {
    const server = new FakeServer();
    const peer = new MemoryStore('peer', Date.now);
    note(peer, 1);
    await new SyncEngine({ store: peer, transport: server, workspace: WS }).syncNow();
    const mine = new MemoryStore('mine', Date.now);
    note(mine, 2);
    server.mode = 'skew-on-push';
    const engine = new SyncEngine({ store: mine, transport: server, workspace: WS });
    expect(await engine.syncNow()).toBe(false);
    expect(mine.events.size).toBe(2);
    expect(engine.getStatus()).toMatchObject({ state: 'error', pending: 1, error: { code: 'clock_skew' } });
  });

  it('follows pokes for sequence numbers it has not seen, and ignores stale ones', async () => {
    const server = new FakeServer();
    const timers = new ManualTimers();
    const engine = new SyncEngine({ store: new MemoryStore('a', Date.now), transport: server, workspace: WS, timers });
    engine.start();
    await new Promise((r) => setTimeout(r, 5));
    const pulls = () => server.requests.filter((r) => r.path === '/sync/pull').length;
    const after = pulls();
    server.handlers?.onPoke(0);
    await new Promise((r) => setTimeout(r, 5));
    expect(pulls()).toBe(after);
    const peer = new MemoryStore('peer', Date.now);
    note(peer, 1);
    await new SyncEngine({ store: peer, transport: server, workspace: WS }).syncNow();
    server.handlers?.onPoke(1);
    await new Promise((r) => setTimeout(r, 5));
    expect(pulls()).toBeGreaterThan(after);
    await engine.stop();
  });
});
