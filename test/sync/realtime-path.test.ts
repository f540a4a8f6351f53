// The fast path between two consoles, over the real Dexie sync store (fake-indexeddb): a local write is pushed the
// moment it commits, in its own push (no outbox read, no pull), and a poke that carries the events of a push is
// stored and moves the cursor without a pull. Pull stays the correctness path: a property test delivers the carried
// events dropped, repeated, reordered and with gaps, and the cursor never claims an event the console lacks.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import Dexie from 'dexie';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvent } from '@shared/incident/create';
import type { IncidentEvent } from '@shared/incident/events';
import { encodeHlc, HybridClock } from '@shared/hlc/hlc';
import { SyncEngine, type RealtimeHandlers, type SyncTransport, type TransportRequest, type TransportResponse } from '@shared/sync/engine';
import { setDisplayName, META } from '../../renderer/src/db/meta';
import { IncidentDb } from '../../renderer/src/db/schema';
import { createLocalSyncStore } from '../../renderer/src/db/sync-store';
import { recordEventIn } from '../../renderer/src/db/write';
import { liveIncident } from '../../renderer/src/db/live-incident';
import { markOf } from '../../server/src/store/cursor-marks';
import { onLocalWriting } from '../../renderer/src/db/local-changes';
import { generateSigningKey, signerFor, verifyEventSignature, type EventSigner } from '@shared/sync/signature';
import { countUnsent } from '../../renderer/src/db/outbox';

const WS = randomUUID();
const INCIDENT = randomUUID();
const EPOCH = 'epoch-1';

/** The server's push/pull contract in memory, with the epoch and cursor marks (recovery), an offline switch and the realtime handlers. */
class Server implements SyncTransport {
  events: IncidentEvent[] = [];
  requests: TransportRequest[] = [];
  offline = false;
  handlers: RealtimeHandlers | undefined;

  async request(req: TransportRequest): Promise<TransportResponse> {
    this.requests.push(req);
    if (this.offline) throw new TypeError('fetch failed');
    if (req.path === '/sync/push') {
      const { events } = req.body as { events: IncidentEvent[] };
      for (const e of events) if (!this.events.some((x) => x.id === e.id)) this.events.push(e);
      return { status: 200, body: { acked: events.map((e) => e.id), serverHlc: encodeHlc({ wall: Date.now(), counter: 0, node: 'server' }), seq: this.events.length, epoch: EPOCH } };
    }
    // A server without the join's summaries (older than issue #27): the console reads the whole log.
    if (req.path !== '/sync/pull') return { status: 404, body: { error: 'not_found', message: `no route ${req.path}` } };
    const after = Number(req.query?.after);
    const limit = Number(req.query?.limit);
    const page = this.events.slice(after, after + limit);
    const cursor = after + page.length;
    return { status: 200, body: { events: page, cursor, hasMore: after + limit < this.events.length, epoch: EPOCH, head: this.events.length, afterMark: this.markAt(after), cursorMark: this.markAt(cursor) } };
  }

  /** The mark of the event at a sequence number, as the server answers it (null for 0 or no event). */
  markAt(seq: number): string | null {
    const e = this.events[seq - 1];
    return seq > 0 && e ? markOf(e.id) : null;
  }

  subscribe(handlers: RealtimeHandlers): () => void {
    this.handlers = handlers;
    return () => (this.handlers = undefined);
  }

  /** Another console's event, stored on the server (seq = its position). */
  add(n: number): IncidentEvent {
    const clock = new HybridClock('peer');
    const event = createEvent({ clock, actor: { name: 'Peer', deviceId: 'peer' } }, INCIDENT, 'entry.added', { kind: 'note', text: `peer ${n}` }) as IncidentEvent;
    this.events.push(event);
    return event;
  }

  /** The poke a push of seq from..to sends (events included). */
  carried(from: number, to: number, epoch = EPOCH) {
    return { from, seq: to, events: this.events.slice(from - 1, to), epoch, cursorMark: this.markAt(to) ?? undefined };
  }

  pulls(): number {
    return this.requests.filter((r) => r.path === '/sync/pull').length;
  }
}

const dbs: IncidentDb[] = [];
const engines: SyncEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.stop();
  for (const db of dbs.splice(0)) { db.close(); await Dexie.delete(db.name); }
});

async function consoleOn(server: Server, signer?: EventSigner) {
  const db = new IncidentDb(`rt-${randomUUID()}`);
  dbs.push(db);
  await setDisplayName(db, 'Ada IC');
  const store = createLocalSyncStore(db);
  const engine = new SyncEngine({ store, transport: server, workspace: WS, backstopMs: 3_600_000, ...(signer ? { signer } : {}) });
  engines.push(engine);
  engine.start();
  await engine.idle();
  const cursor = async () => ((await db.meta.get(META.cursor(WS)))?.value as number | undefined) ?? 0;
  const ids = async () => new Set((await db.events.toArray()).map((r) => r.id));
  return { db, engine, store, cursor, ids };
}

describe('the fast path between consoles', () => {
  it('a local write is pushed the moment it commits, in its own push: no outbox read first, no pull after', async () => {
    const server = new Server();
    const a = await consoleOn(server);
    server.requests = [];
    const event = await recordEventIn(a.db, INCIDENT, 'entry.added', { kind: 'note', text: 'error rate 12%' });
    a.engine.notifyLocalChange([event]);
    await a.engine.idle();
    expect(server.requests.map((r) => r.path)).toEqual(['/sync/push']);
    expect((server.requests[0]?.body as { events: IncidentEvent[] }).events.map((e) => e.id)).toEqual([event.id]);
    expect(await countUnsent(a.db)).toBe(0);
    expect(a.engine.getStatus()).toMatchObject({ pending: 0 });
  });

  it('a signed write is signed while it commits: its push leaves at the commit notice, before anything else runs', async () => {
    const key = await generateSigningKey();
    const made: Array<Promise<unknown>> = [];
    const signer: EventSigner = { publicKey: key.publicKey, sign: (e) => { const p = signerFor(key).sign(e); made.push(p); return p; } };
    const server = new Server();
    const a = await consoleOn(server, signer);
    const off = onLocalWriting((events) => a.engine.prepareLocal(events));
    const event = await recordEventIn(a.db, INCIDENT, 'entry.added', { kind: 'note', text: 'error rate 12%' });
    off();
    await Promise.all(made); // the signature made beside the commit (it usually finishes first)
    server.requests = [];
    a.engine.notifyLocalChange([event]);
    // Synchronously, in the same task: the console's re-render of the new row comes after the request left.
    expect(server.requests.map((r) => r.path)).toEqual(['/sync/push']);
    const [sent] = (server.requests[0]?.body as { events: IncidentEvent[] }).events;
    expect(sent?.id).toBe(event.id);
    expect(await verifyEventSignature(key.publicKey, sent as IncidentEvent)).toBe(true);
    await a.engine.idle();
    expect(made).toHaveLength(1); // signed once, not again at push
  });

  it('entries written offline and signed as they were written go out on reconnect without being signed again', async () => {
    const key = await generateSigningKey();
    let signings = 0;
    const signer: EventSigner = { publicKey: key.publicKey, sign: (e) => { signings += 1; return signerFor(key).sign(e); } };
    const server = new Server();
    const a = await consoleOn(server, signer);
    server.offline = true;
    const off = onLocalWriting((events) => a.engine.prepareLocal(events));
    const written = [];
    for (let i = 0; i < 5; i++) written.push(await recordEventIn(a.db, INCIDENT, 'entry.added', { kind: 'note', text: `offline ${i}` }));
    off();
    server.offline = false;
    expect(await a.engine.syncNow()).toBe(true);
    expect(signings).toBe(5);
    for (const e of written) {
      const stored = server.events.find((x) => x.id === e.id);
      expect(stored && await verifyEventSignature(key.publicKey, stored)).toBe(true);
    }
    expect(await countUnsent(a.db)).toBe(0);
  });

  it('a fast push that fails loses nothing: the entry stays in the outbox and the next round sends it', async () => {
    const server = new Server();
    const a = await consoleOn(server);
    server.offline = true;
    const event = await recordEventIn(a.db, INCIDENT, 'entry.added', { kind: 'note', text: 'written while the network dropped' });
    a.engine.notifyLocalChange([event]);
    await a.engine.idle();
    expect(await countUnsent(a.db)).toBe(1);
    expect(a.engine.getStatus()).toMatchObject({ state: 'offline', pending: 1 });
    server.offline = false;
    expect(await a.engine.syncNow()).toBe(true);
    expect(server.events.map((e) => e.id)).toContain(event.id);
    expect(await countUnsent(a.db)).toBe(0);
  });

  it('a poke that carries the events of a push is stored and moves the cursor without a pull', async () => {
    const server = new Server();
    const b = await consoleOn(server);
    const before = server.pulls();
    const e1 = server.add(1);
    const e2 = server.add(2);
    server.handlers?.onEvents?.(server.carried(1, 2));
    await b.engine.idle();
    expect(server.pulls()).toBe(before);
    expect(await b.ids()).toEqual(new Set([e1.id, e2.id]));
    expect(await b.cursor()).toBe(2);
  });

  it('carried events are on the open console before they are stored, and stored right after', async () => {
    const server = new Server();
    const b = await consoleOn(server);
    const opened = createEvent({ clock: new HybridClock('peer'), actor: { name: 'Peer', deviceId: 'peer' } }, INCIDENT, 'incident.opened', {
      title: 'Checkout latency', detectedAt: new Date().toISOString(), impactStartedAt: new Date().toISOString(), severity: 'P1' }) as IncidentEvent;
    server.events.push(opened);
    await b.engine.syncNow();
    const live = liveIncident(b.db, INCIDENT);
    const stop = live.subscribe(() => undefined);
    await expect.poll(() => live.getSnapshot()?.title).toBe('Checkout latency');
    const e = server.add(1);
    server.handlers?.onEvents?.(server.carried(2, 2));
    expect(live.getSnapshot()?.timeline.some((t) => t.id === e.id)).toBe(true); // shown at once, no storage round trip
    await b.engine.idle();
    expect(await b.ids()).toContain(e.id);
    expect(await b.cursor()).toBe(2);
    stop();
  });

  it('carried events after a gap are stored but the cursor waits, and a pull fills the gap', async () => {
    const server = new Server();
    const b = await consoleOn(server);
    const missed = server.add(1); // its poke never arrived
    const e2 = server.add(2);
    const before = server.pulls();
    server.handlers?.onEvents?.(server.carried(2, 2));
    await b.engine.idle();
    expect(server.pulls()).toBeGreaterThan(before);
    expect(await b.ids()).toEqual(new Set([missed.id, e2.id]));
    expect(await b.cursor()).toBe(2);
  });

  it('carried events of another history (a new epoch) are only a poke: the console pulls', async () => {
    const server = new Server();
    const b = await consoleOn(server);
    server.add(1);
    const before = server.pulls();
    server.handlers?.onEvents?.(server.carried(1, 1, 'epoch-after-restore'));
    await b.engine.idle();
    expect(server.pulls()).toBeGreaterThan(before);
    expect(await b.cursor()).toBe(1);
  });

  it('property: carried events dropped, repeated, reordered or after gaps, mixed with pulls, never move the cursor past an event the console lacks', async () => {
    const step = fc.oneof(
      { weight: 3, arbitrary: fc.record({ t: fc.constant('add' as const), n: fc.integer({ min: 1, max: 4 }) }) },
      { weight: 4, arbitrary: fc.record({ t: fc.constant('carry' as const), from: fc.nat(30), len: fc.integer({ min: 1, max: 5 }) }) },
      { weight: 1, arbitrary: fc.constant({ t: 'pull' as const }) },
    );
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
      const server = new Server();
      const b = await consoleOn(server);
      for (const s of steps) {
        if (s.t === 'add') for (let i = 0; i < s.n; i++) server.add(i);
        else if (s.t === 'pull') await b.engine.syncNow();
        else if (server.events.length > 0) {
          // Any window of what the server holds, delivered now: late, early, again, or beside a gap.
          const from = 1 + (s.from % server.events.length);
          const to = Math.min(server.events.length, from + s.len - 1);
          server.handlers?.onEvents?.(server.carried(from, to));
        }
        await b.engine.idle();
        const cursor = await b.cursor();
        const held = await b.ids();
        for (const e of server.events.slice(0, cursor)) expect(held.has(e.id)).toBe(true);
        // The history mark moves with the cursor, whichever path moved it: else the next pull would take the
        // history for one that went back and re-read it all (recovery).
        if (cursor > 0) expect((await b.store.getHistory?.(WS))?.cursorMark).toBe(server.markAt(cursor));
        expect(b.engine.getStatus().recovery).toBeNull();
      }
      await b.engine.syncNow();
      expect(await b.ids()).toEqual(new Set(server.events.map((e) => e.id)));
      expect(await b.cursor()).toBe(server.events.length);
      await b.engine.stop();
    }), { numRuns: 25 });
  });
});
