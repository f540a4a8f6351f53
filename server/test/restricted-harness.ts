// Restricted incidents, black box: a server (or two instances on one PostgreSQL) listening on loopback, a workspace
// whose contact sheet names a security officer, and consoles that are the real sync engine over HTTP and WebSocket with
// an in-memory store. Every answer a console receives is recorded (which streams' events, which pokes), so tests
// can judge what left the server against a model of who may see what that is written here, independently.
import WebSocket from 'ws';
import { createEvent } from '@shared/incident/create';
import type { EventType, IncidentEvent, PayloadInput } from '@shared/incident/events';
import { HybridClock } from '@shared/hlc/hlc';
import { SyncEngine, type SyncTransport } from '@shared/sync/engine';
import { createHttpTransport } from '@shared/sync/http-transport';
import { REALTIME_PATH } from '@shared/sync/protocol';
import { TEAM_STREAM_ID } from '@shared/workspace/streams';
import { MemoryStore } from '../../test/sync/memory-store';
import { createSyncServer, type SyncServer } from '../src/app';
import { openStore } from '../src/db/open';
import { createInvite, createWorkspace } from '../src/store/workspaces';
import { join, listen, openBackend, push, type Backend, type Member } from './harness';

/** One shared wall clock for the servers and every console: each step moves it, so clock order is step order. */
export class TestClock {
  now = Date.parse('2026-06-01T10:00:00.000Z');
  read = (): number => this.now;
  tick(ms = 1_000): number {
    this.now += ms;
    return this.now;
  }
}

export interface Received {
  /** The API path that answered (/sync/pull, /sync/stream). */
  path: string;
  streams: string[];
}

export interface Console {
  name: string;
  member: Member;
  store: MemoryStore;
  engine: SyncEngine;
  /** Every answer with events, in order. */
  received: Received[];
  /** Every realtime poke's seq. */
  /** The next this many pushes are answered 429 (rate limited) without reaching the server. */
  refusePushes?: number;
  /** While true, every request fails as with no network (the console is offline). */
  offline?: boolean;
  pokes: number[];
  /** The pokes that carried events (issue #27): the streams of the events each carried. */
  carried: Array<{ seq: number; streams: string[] }>;
  /** Called with each answer as it arrives (tests judge it against their model at that moment). */
  onReceive?: (r: Received) => void;
  record<T extends EventType>(incidentId: string, type: T, payload: PayloadInput<T>): IncidentEvent;
  /** One sync round (push, pull, owed stream reads); true when it went through. */
  sync(): Promise<boolean>;
  close(): void;
}

export interface Bench {
  backend: Backend;
  servers: SyncServer[];
  urls: string[];
  clock: TestClock;
  close(): Promise<void>;
}

/** One server on PGlite; two instances on PostgreSQL (their own pools on one database; only LISTEN/NOTIFY links them). */
export async function openBench(kind: Backend['kind']): Promise<Bench> {
  const clock = new TestClock();
  const backend = await openBackend(kind);
  const limits = { rateLimitPerMinute: 1_000_000, joinRateLimitPerMinute: 1_000_000 };
  const first = await createSyncServer({ store: backend.store, now: clock.read, ...limits });
  const servers = [first];
  const closers: Array<() => Promise<void>> = [];
  if (kind === 'postgres') {
    const secondStore = await openStore({ databaseUrl: backend.databaseUrl as string });
    servers.push(await createSyncServer({ store: secondStore, now: clock.read, ...limits }));
    closers.push(() => secondStore.close());
  }
  const urls = [];
  for (const s of servers) urls.push(await listen(s));
  return {
    backend, servers, urls, clock,
    async close() {
      for (const s of servers) await s.close();
      for (const c of closers) await c();
      await backend.dispose();
    },
  };
}

export interface Team {
  workspace: string;
  admin: Member;
  /** The security officer's name on the contact sheet (role security-officer of the built-in plan). */
  officerName: string;
  /** The sequence number of that contact's push (its poke may still reach consoles opened after it). */
  setupSeq: number;
}

/** A new workspace whose admin puts `officerName` on the contact sheet as Security Officer. */
export async function newTeam(bench: Bench, officerName: string): Promise<Team> {
  const { db } = bench.backend.store;
  const workspace = await createWorkspace(db, `ws-${bench.clock.now}`);
  const invite = await createInvite(db, workspace, { role: 'admin', maxUses: 1, expiresInHours: 1 });
  const admin = await join(bench.servers[0]!.app, invite.inviteCode, 'Admin');
  const clock = new HybridClock(admin.deviceId, bench.clock.read);
  const contact = createEvent({ clock, actor: { name: 'Admin', deviceId: admin.deviceId }, now: bench.clock.read }, TEAM_STREAM_ID, 'contact.added',
    { contactId: 'c-officer', name: officerName, roleIds: ['security-officer'], phone: '', email: '', notes: '' });
  const res = await push(bench.servers[0]!.app, admin, [contact]);
  if (res.statusCode !== 200) throw new Error(`contact: ${res.body}`);
  return { workspace, admin, officerName, setupSeq: res.json<{ seq: number }>().seq };
}

/**
 * The cast of the restricted-incident tests: a team whose security officer is Sam, and three consoles, Pat (a
 * participant) and Sam on the first instance, Nico (kept out) on the second where there are two.
 */
export async function openCast(kind: Backend['kind']): Promise<{ bench: Bench; team: Team; pat: Console; nico: Console; sam: Console }> {
  const bench = await openBench(kind);
  const team = await newTeam(bench, 'Sam Officer');
  const pat = await openConsole(bench, team, 'Pat Participant', 0);
  const nico = await openConsole(bench, team, 'Nico Outsider', 1);
  const sam = await openConsole(bench, team, 'Sam Officer', 0);
  return { bench, team, pat, nico, sam };
}

/** A member console named `name` (the name it joins under), talking to server instance `instance`. */
export async function openConsole(bench: Bench, team: Team, name: string, instance = 0): Promise<Console> {
  const server = bench.servers[instance % bench.servers.length] as SyncServer;
  const url = bench.urls[instance % bench.urls.length] as string;
  const inviteRes = await server.app.inject({ method: 'POST', url: '/api/v1/invites', headers: { authorization: `Bearer ${team.admin.token}` }, payload: { role: 'member', person: name } });
  const member = await join(server.app, inviteRes.json<{ inviteCode: string }>().inviteCode, name);
  const store = new MemoryStore(member.deviceId, bench.clock.read, name);
  const received: Received[] = [];
  const pokes: number[] = [];
  const carried: Array<{ seq: number; streams: string[] }> = [];
  const inner = createHttpTransport({ baseUrl: url, token: member.token, workspace: member.workspace });
  const c: Console = {
    name, member, store, received, pokes, carried,
    engine: undefined as unknown as SyncEngine,
    record: (incidentId, type, payload) => store.record(incidentId, type, payload),
    sync: () => c.engine.syncNow(),
    close: () => socket.close(),
  };
  const transport: SyncTransport = {
    async request(req) {
      if (c.offline) throw new TypeError('fetch failed');
      // The server's rate limit, as a busy server answers it: the next `refusePushes` pushes get a 429.
      if (req.path === '/sync/push' && (c.refusePushes ?? 0) > 0) {
        c.refusePushes = (c.refusePushes ?? 0) - 1;
        return { status: 429, body: { error: 'rate_limited', message: 'too many requests' } };
      }
      const res = await inner.request(req);
      const body = res.body as { events?: Array<{ incidentId?: string }> };
      if (res.status === 200 && Array.isArray(body.events)) {
        const r = { path: req.path, streams: body.events.map((e) => String(e.incidentId)) };
        received.push(r);
        c.onReceive?.(r);
      }
      return res;
    },
  };
  c.engine = new SyncEngine({ store, transport, workspace: member.workspace, backstopMs: 3_600_000, now: bench.clock.read });
  // Pokes are watched on a socket of their own: the engine is driven step by step (sync()), never by a poke.
  const socket = new WebSocket(url.replace(/^http/, 'ws') + REALTIME_PATH);
  socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token: member.token, workspace: member.workspace })));
  socket.on('message', (data) => {
    const m = JSON.parse(String(data)) as { type: string; seq?: number; events?: Array<{ incidentId?: string }> };
    if (m.type === 'poke' && typeof m.seq === 'number') pokes.push(m.seq);
    if (m.type === 'poke' && typeof m.seq === 'number' && Array.isArray(m.events)) carried.push({ seq: m.seq, streams: m.events.map((e) => String(e.incidentId)) });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('message', () => resolve());
    socket.once('error', reject);
  });
  return c;
}

/** Every event the server holds for a workspace, by stream. */
export async function serverEvents(bench: Bench, workspace: string): Promise<IncidentEvent[]> {
  const rows = await bench.backend.store.db.selectFrom('events').select('body').where('workspace_id', '=', workspace).orderBy('seq').execute();
  return rows.map((r) => (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as IncidentEvent);
}

export async function headSeq(bench: Bench, workspace: string): Promise<number> {
  const row = await bench.backend.store.db.selectFrom('workspaces').select('last_seq').where('id', '=', workspace).executeTakeFirstOrThrow();
  return Number(row.last_seq);
}

export const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));
