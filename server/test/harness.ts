// Test harness: a sync server on PGlite (temp dir) or on a throwaway PostgreSQL, plus small API helpers.
import { spawn, type ChildProcess } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { createEvent } from '@shared/incident/create';
import type { IncidentEvent } from '@shared/incident/events';
import { HybridClock } from '@shared/hlc/hlc';
import { startPostgres, type PostgresCluster } from '../../test/helpers/postgres';
import { createSyncServer, type ServerOptions, type SyncServer } from '../src/app';
import { bootstrapIfEmpty } from '../src/bootstrap';
import { openStore, type Store } from '../src/db/open';
import { createWorkspace, createInvite } from '../src/store/workspaces';

export type BackendKind = 'pglite' | 'postgres';
export const BACKENDS: BackendKind[] = ['pglite', 'postgres'];

export interface Backend {
  kind: BackendKind;
  store: Store;
  /** For PostgreSQL: the connection string (to start more instances on the same database). */
  databaseUrl?: string;
  dispose(): Promise<void>;
}

let cluster: PostgresCluster | undefined;
let dbCounter = 0;

export async function openBackend(kind: BackendKind): Promise<Backend> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(joinPath(tmpdir(), 'ic-pglite-'));
    const store = await openStore({ dataDir: dir });
    return { kind, store, dispose: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  cluster ??= await startPostgres();
  const url = cluster.createDatabase(`t${process.pid}_${++dbCounter}`);
  const store = await openStore({ databaseUrl: url });
  return { kind, store, databaseUrl: url, dispose: () => store.close() };
}

export function stopCluster(): void {
  cluster?.stop();
  cluster = undefined;
}

export interface Member {
  token: string;
  workspace: string;
  deviceId: string;
}

/** Listen on a free loopback port (once LISTEN is active where there is one); the base URL. */
export async function listen(server: SyncServer): Promise<string> {
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  await server.listening;
  const address = server.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

/** A server on one backend with a workspace and its admin, listening on loopback when `listen` is set (`url`). */
export interface WorkspaceServer {
  backend: Backend;
  server: SyncServer;
  admin: Member;
  /** The base URL ('' unless opened with `listen`). */
  url: string;
  close(): Promise<void>;
}

export async function openWorkspaceServer(kind: BackendKind, options: Partial<Omit<ServerOptions, 'store'>> = {}, how: { listen?: boolean } = {}): Promise<WorkspaceServer> {
  const backend = await openBackend(kind);
  const server = await createSyncServer({ store: backend.store, ...options });
  const close = async () => { await server.close(); await backend.dispose(); };
  try {
    const { admin } = await newWorkspace(server, backend.store);
    const url = how.listen ? await listen(server) : '';
    return { backend, server, admin, url, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Create a workspace with an admin device, both through the public API. */
export async function newWorkspace(server: SyncServer, store: Store, name = 'ws'): Promise<{ admin: Member; workspace: string }> {
  const boot = await bootstrapIfEmpty(store.db, name);
  const workspace = boot?.workspaceId ?? (await createWorkspace(store.db, name));
  const invite = boot?.invite ?? (await createInvite(store.db, workspace, { role: 'admin', maxUses: 1, expiresInHours: 1 }));
  const admin = await join(server.app, invite.inviteCode, 'admin-laptop');
  return { admin, workspace };
}

export async function join(app: FastifyInstance, inviteCode: string, deviceName: string): Promise<Member> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/join', payload: { inviteCode, deviceName, displayName: deviceName } });
  if (res.statusCode !== 200) throw new Error(`join failed: ${res.statusCode} ${res.body}`);
  return res.json<Member>();
}

export async function inviteMember(app: FastifyInstance, admin: Member, deviceName: string): Promise<Member> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/invites', headers: auth(admin), payload: { role: 'member' } });
  if (res.statusCode !== 200) throw new Error(`invite failed: ${res.statusCode} ${res.body}`);
  return join(app, res.json<{ inviteCode: string }>().inviteCode, deviceName);
}

export const auth = (m: Pick<Member, 'token'>) => ({ authorization: `Bearer ${m.token}` });

export function eventMaker(node: string, skewMs = 0): (incidentId: string, text?: string) => IncidentEvent {
  const clock = new HybridClock(node, () => Date.now() + skewMs);
  const actor = { name: node, deviceId: node };
  return (incidentId, text = 'a note') =>
    createEvent({ clock, actor, now: () => Date.now() + skewMs }, incidentId, 'entry.added', { kind: 'note', text }) as IncidentEvent;
}

export async function push(app: FastifyInstance, m: Member, events: unknown[], workspace = m.workspace) {
  return app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: auth(m), payload: { workspace, events } });
}

export async function pull(app: FastifyInstance, m: Member, after = 0, limit = 500, workspace = m.workspace) {
  return app.inject({ method: 'GET', url: `/api/v1/sync/pull?workspace=${workspace}&after=${after}&limit=${limit}`, headers: auth(m) });
}

/** `npm run server` as a child process (the bundle, its own env), with everything it printed so far. */
export interface ServerProcess {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

/**
 * Start the server as `npm run server` does (scripts/server.mjs: the bundle, which test/global-setup.ts built for
 * this run) from the repository root on a free port (PORT=0), with `env` on top of this process's.
 */
export function spawnServer(env: Record<string, string>, args: string[] = []): ServerProcess {
  const child = spawn(process.execPath, ['scripts/server.mjs', ...args], {
    cwd: joinPath(import.meta.dirname, '../..'),
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, exited };
}

/** A call to a spawned server's API over real HTTP (JSON both ways, `member`'s token); throws on an answer other than 2xx. */
export async function httpApi<T>(url: string, path: string, member: Member | null, body?: unknown): Promise<T> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(member ? { authorization: `Bearer ${member.token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The first 1000 events of `m`'s workspace from a spawned server, over HTTP. */
export const httpPull = async (url: string, m: Member): Promise<IncidentEvent[]> =>
  (await httpApi<{ events: IncidentEvent[] }>(url, `/sync/pull?workspace=${m.workspace}&after=0&limit=1000`, m)).events;

/** A one-shot server command (`npm run server -- --backup FILE`, ...): its exit code and everything it printed. */
export async function runServerCommand(env: Record<string, string>, args: string[]): Promise<{ code: number | null; out: string }> {
  const r = spawnServer(env, args);
  const code = await r.exited;
  return { code, out: r.out() };
}

/** The first match of `pattern` in what the server printed; fails (with the output) once it exited without it. */
export async function waitForOutput(r: ServerProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  for (;;) {
    const m = pattern.exec(r.out());
    if (m) return m;
    const done = await Promise.race([r.exited.then(() => true), new Promise((res) => setTimeout(() => res(false), 50))]);
    if (done) {
      const late = pattern.exec(r.out());
      if (late) return late;
      throw new Error(`server exited before printing ${pattern}:\n${r.out()}`);
    }
  }
}

/** A server on one backend with a workspace, its admin and one invited member: the setup most API tests share. */
export interface TeamServer {
  backend: Backend;
  server: SyncServer;
  admin: Member;
  member: Member;
  close(): Promise<void>;
}

/** Rate limits default high: these tests are about behaviour, the limits have tests of their own. */
export async function openTeamServer(kind: BackendKind, memberDevice: string, options: Partial<Omit<ServerOptions, 'store'>> = {}): Promise<TeamServer> {
  const opened = await openWorkspaceServer(kind, { rateLimitPerMinute: 1_000_000, ...options });
  const { backend, server, admin, close } = opened;
  const member = await inviteMember(server.app, admin, memberDevice).catch(async (error: unknown) => { await close(); throw error; });
  return { backend, server, admin, member, close };
}

