// The sync engine against a scripted transport: batching, cursor paging, status, backoff, halting, pokes.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { SyncEngine, TOO_LARGE_MESSAGE, type RealtimeHandlers, type SyncTransport, type Timers, type TransportRequest, type TransportResponse } from '@shared/sync/engine';
import { decodeHlc, encodeHlc, MAX_DRIFT_MS } from '@shared/hlc/hlc';
import { MemoryStore } from './memory-store';

const WS = randomUUID();

/** An in-memory stand-in for the server's push/pull contract, with switchable failures. */
class FakeServer implements SyncTransport {
  events: unknown[] = [];
  ids = new Set<string>();
  requests: TransportRequest[] = [];
  mode: 'ok' | 'offline' | 'unauthorized' | 'skew-on-push' = 'ok';
  handlers: RealtimeHandlers | undefined;
  /** Server wall clock for the per-event checks below (as the real server: index of the first bad event). */
  now = Date.now();
  /** Push bodies over this many bytes are refused as the real server does (413 body_too_large). */
  maxBodyBytes = Number.POSITIVE_INFINITY;

  async request(req: TransportRequest): Promise<TransportResponse> {
    this.requests.push(req);
    if (this.mode === 'offline') throw new TypeError('fetch failed');
    if (this.mode === 'unauthorized') return { status: 401, body: { error: 'unauthorized', message: 'revoked' } };
    if (req.path === '/sync/push') {
      if (JSON.stringify(req.body).length > this.maxBodyBytes) return { status: 413, body: { error: 'body_too_large', message: "the request body is over this route's limit (12 MB); send less at a time" } };
      if (this.mode === 'skew-on-push') return { status: 422, body: { error: 'clock_skew', message: 'too far ahead' } };
      const { events } = req.body as { events: Array<{ id: string; hlc: string; payload: { text?: string } }> };
      for (const [index, e] of events.entries()) {
        if (e.payload.text === 'poison') return { status: 400, body: { error: 'invalid_event', message: `events[${index}].payload.text: poison`, index, path: 'payload.text' } };
        if (decodeHlc(e.hlc).wall - this.now > MAX_DRIFT_MS) return { status: 422, body: { error: 'clock_skew', message: `events[${index}].hlc is ahead`, index, path: 'hlc' } };
      }
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
const pushedIds = (server: FakeServer) => server.requests.filter((r) => r.path === '/sync/push').flatMap((r) => (r.body as { events: Array<{ id: string }> }).events.map((e) => e.id));
/** Fire the pending timer and wait for the round it started. */
const tick = async (timers: ManualTimers, engine: SyncEngine) => {
  timers.fire();
  await engine.idle();
};

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
    await engine.idle();
    expect(engine.getStatus()).toMatchObject({ state: 'offline', pending: 2, error: { code: 'network' } });
    for (let i = 0; i < 5; i++) await tick(timers, engine);
    expect(timers.delays).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    server.mode = 'ok';
    await tick(timers, engine);
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
    await engine.idle();
    expect(engine.getStatus()).toMatchObject({ state: 'error', error: { code: 'unauthorized' } });
    expect(timers.pending.size).toBe(0);
    const before = server.requests.length;
    server.handlers?.onPoke(99);
    engine.notifyLocalChange();
    await engine.idle();
    expect(server.requests.length).toBe(before);

    // "Connect again" after the admin restores access: start() runs again and keeps going.
    server.mode = 'ok';
    engine.start();
    await engine.idle();
    expect(server.requests.length).toBeGreaterThan(before);
    expect(engine.getStatus()).toMatchObject({ state: 'online', error: null });
    expect(timers.pending.size).toBe(1);
    server.handlers?.onPoke(99);
    await engine.idle();
    expect(server.requests.filter((r) => r.path === '/sync/pull').length).toBeGreaterThan(2);
    await engine.stop();
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
    await engine.idle();
    const pulls = () => server.requests.filter((r) => r.path === '/sync/pull').length;
    const after = pulls();
    server.handlers?.onPoke(0);
    await engine.idle();
    expect(pulls()).toBe(after);
    const peer = new MemoryStore('peer', Date.now);
    note(peer, 1);
    await new SyncEngine({ store: peer, transport: server, workspace: WS }).syncNow();
    server.handlers?.onPoke(1);
    await engine.idle();
    expect(pulls()).toBeGreaterThan(after);
    await engine.stop();
  });

  it('a batch over the server\'s body limit is split until it fits; an entry too large alone is held as "too large to send", not resent in a loop', async () => {
    const server = new FakeServer();
    const timers = new ManualTimers();
    const store = new MemoryStore('a', Date.now);
    for (let i = 0; i < 40; i++) note(store, i);
    const huge = store.record(randomUUID(), 'entry.added', { kind: 'note', text: 'x'.repeat(6_000) });
    for (let i = 40; i < 60; i++) note(store, i);
    server.maxBodyBytes = 5_000; // about ten small entries per push
    const engine = new SyncEngine({ store, transport: server, workspace: WS, timers, heldRetryRounds: 2, heldRetryMs: 0 });
    await engine.syncNow();
    expect(server.ids.size).toBe(60); // every entry but the huge one arrived
    expect(server.ids.has(huge.id)).toBe(false);
    expect(engine.getStatus()).toMatchObject({ state: 'online', pending: 1, held: 1, heldReason: { code: 'body_too_large', message: TOO_LARGE_MESSAGE } });
    expect(TOO_LARGE_MESSAGE).toMatch(/^too large to send/);

    // Later rounds do not send it again (a retry cannot help), even past the held-retry period...
    const offered = () => pushedIds(server).filter((id) => id === huge.id).length;
    const before = offered();
    for (let i = 0; i < 5; i++) await engine.syncNow();
    expect(offered()).toBe(before);
    expect(engine.getStatus()).toMatchObject({ held: 1, pending: 1 });
    // ...until the user asks (here the server's limit was raised meanwhile).
    server.maxBodyBytes = Number.POSITIVE_INFINITY;
    engine.retryHeld();
    await engine.syncNow();
    expect(server.ids.has(huge.id)).toBe(true);
    expect(engine.getStatus()).toMatchObject({ held: 0, pending: 0, heldReason: null });
    await engine.stop();
  });

  it('holds back an event the server refuses (invalid_event) and still pushes everything after it', async () => {
    const server = new FakeServer();
    const timers = new ManualTimers();
    const store = new MemoryStore('a', Date.now);
    note(store, 0);
    const poison = store.record(randomUUID(), 'entry.added', { kind: 'note', text: 'poison' });
    for (let i = 2; i < 6; i++) note(store, i);
    const engine = new SyncEngine({ store, transport: server, workspace: WS, timers, batchSize: 3, heldRetryRounds: 3 });
    engine.start();
    await engine.idle();
    expect(server.ids.size).toBe(5);
    expect(server.ids.has(poison.id)).toBe(false);
    expect(engine.getStatus()).toMatchObject({ state: 'online', pending: 1, held: 1, heldReason: { code: 'invalid_event' } });
    expect((await store.readOutbox(10)).map((e) => e.id)).toEqual([poison.id]); // never dropped without an ack
    const offered = () => pushedIds(server).filter((id) => id === poison.id).length;
    expect(offered()).toBe(1);

    // Later rounds skip it; three rounds (heldRetryRounds) after it was held it is offered again.
    note(store, 6);
    await engine.syncNow();
    expect(server.ids.size).toBe(6);
    await tick(timers, engine);
    expect(offered()).toBe(1);
    await tick(timers, engine);
    expect(offered()).toBe(2);
    expect(engine.getStatus()).toMatchObject({ held: 1, pending: 1 });
    await engine.stop();
  });

  it('holds events stamped too far ahead (clock_skew) and pushes them once the server clock catches up', async () => {
    const server = new FakeServer();
    let skew = 0;
    const store = new MemoryStore('a', () => Date.now() + skew);
    const before = note(store, 0);
    skew = 10 * 60_000;
    const ahead = [note(store, 1), note(store, 2)];
    let now = Date.now();
    const engine = new SyncEngine({ store, transport: server, workspace: WS, now: () => now, heldRetryRounds: 1_000, heldRetryMs: 5 * 60_000 });
    expect(await engine.syncNow()).toBe(true);
    expect([...server.ids]).toEqual([before.id]);
    expect(engine.getStatus()).toMatchObject({ state: 'online', pending: 2, held: 2, heldReason: { code: 'clock_skew' }, error: null });

    // Another device's events still arrive meanwhile.
    const peer = new MemoryStore('peer', Date.now);
    const theirs = note(peer, 3);
    await new SyncEngine({ store: peer, transport: server, workspace: WS }).syncNow();
    await engine.syncNow();
    expect(store.events.has(theirs.id)).toBe(true);
    expect(engine.getStatus().held).toBe(2);

    // Ten minutes later the server's clock has caught up; the held events are offered again after heldRetryMs.
    server.now += 10 * 60_000;
    now += 5 * 60_000;
    await engine.syncNow();
    expect(ahead.every((e) => server.ids.has(e.id))).toBe(true);
    expect(engine.getStatus()).toMatchObject({ state: 'online', pending: 0, held: 0, heldReason: null });
  });

  it('keeps pulled events that fail local validation in a quarantine and applies them at the next start', async () => {
    const server = new FakeServer();
    const peer = new MemoryStore('peer', Date.now);
    const events = [note(peer, 1), note(peer, 2), note(peer, 3)];
    await new SyncEngine({ store: peer, transport: server, workspace: WS }).syncNow();
    const store = new MemoryStore('a', Date.now);
    const refused = events[1] as { id: string };
    store.accept = (e) => e.id !== refused.id; // an older app that cannot read this event yet
    const timers = new ManualTimers();
    const engine = new SyncEngine({ store, transport: server, workspace: WS, timers });
    engine.start();
    await engine.idle();
    expect(await store.getCursor(WS)).toBe(3);
    expect(store.events.has(refused.id)).toBe(false);
    expect(store.quarantine).toHaveLength(1);
    expect(engine.getStatus()).toMatchObject({ state: 'online', quarantined: 1 });
    await engine.syncNow(); // the cursor moved on: pulling again does not bring it back
    expect(store.events.has(refused.id)).toBe(false);

    await engine.stop();
    store.accept = () => true; // the app was updated
    engine.start();
    await engine.idle();
    expect(store.events.has(refused.id)).toBe(true);
    expect(engine.getStatus()).toMatchObject({ quarantined: 0 });
    await engine.stop();
  });
});
