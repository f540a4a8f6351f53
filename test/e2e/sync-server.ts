// Starts the real sync server (`npm run server` equivalent) on a free port with a throwaway data dir, for e2e tests.
import { test, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../helpers/postgres';
import { joinConsole } from './core-steps';

/** How long a change may take to reach another console: realtime pokes (fast) with a 30 s backstop pull, on a loaded machine. */
export const SYNC_TIMEOUT = 45_000;

export interface RunningServer {
  url: string;
  /** '' when the data dir already held a workspace (no invite is printed then). */
  adminInvite: string;
  dataDir: string;
  port: number;
  stop(): Promise<void>;
}

/** Where a server runs: an existing data dir (kept when it stops) and a given port, for a restart in place. */
export interface ServerPlace {
  dataDir: string;
  port: number;
}

/** The embedded store, whatever the caller's shell has set. */
function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.DATABASE_URL;
  return copy;
}

export { freePort };

/** Kill the whole process group (the server and a bundle build it may have started). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try { process.kill(-child.pid, signal); } catch { /* already gone */ }
}

/** `env`: extra settings for this server (delivery channels, say). */
export async function startSyncServer(startTimeoutMs = 120_000, env: Record<string, string> = {}, place?: ServerPlace): Promise<RunningServer> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dataDir = place?.dataDir ?? await mkdtemp(join(tmpdir(), 'incident-sync-e2e-'));
  const port = place?.port ?? await freePort();
  // As `npm run server` starts it: the bundle (already built by the unit suite's global setup in `npm test`, or
  // built here on the first start when stale).
  const child = spawn(process.execPath, [join(root, 'scripts/server.mjs')], {
    cwd: root,
    detached: true, // own process group, so stop() reaches a build child too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...withoutDatabaseUrl(process.env),
      HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, WEB_DIR: join(root, 'dist/web'),
      LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000', ...env,
    },
  });
  // Even when the test run dies on a failure, do not leave the server behind.
  const onExit = (): void => killGroup(child, 'SIGKILL');
  process.once('exit', onExit);

  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });

  const stop = async (): Promise<void> => {
    process.removeListener('exit', onExit);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    if (!place) await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const found = await new Promise<{ url: string; invite: string }>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`server did not start in ${startTimeoutMs} ms\n${stdout}\n${stderr}`)), startTimeoutMs);
      const check = (): void => {
        const url = /Incident Console server: (http\S+)/.exec(stdout)?.[1];
        const invite = /ADMIN invite code: (\S+)/.exec(stdout)?.[1];
        // A data dir that holds a workspace prints no invite: the URL line is the whole start then.
        if (url && (invite || (place && /\n\n$/.test(stdout)))) { clearTimeout(timer); done({ url, invite: invite ?? '' }); }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited (${code}) before listening\n${stdout}\n${stderr}`)); });
    });
    return { url: found.url, adminInvite: found.invite, dataDir, port, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface AdminSession {
  /** A new invite (member unless `role` says admin) usable `maxUses` times. */
  invite(maxUses: number, role?: 'member' | 'admin'): Promise<string>;
  /** Revoke every device of the workspace with this device name; returns how many. */
  revokeByName(deviceName: string): Promise<number>;
}

/** Redeem the first admin invite as a test-only admin device (the browsers then join with member invites). */
export async function adminSession(server: RunningServer): Promise<AdminSession> {
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<Record<string, unknown>> => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  const admin = await call('POST', '/join', { inviteCode: server.adminInvite, deviceName: 'e2e admin', displayName: 'E2E admin' });
  const token = admin.token;
  if (typeof token !== 'string') throw new Error('join gave no token');
  return {
    async invite(maxUses, role = 'member') {
      const invite = await call('POST', '/invites', { role, maxUses }, token);
      if (typeof invite.inviteCode !== 'string') throw new Error('invite gave no code');
      return invite.inviteCode;
    },
    async revokeByName(deviceName) {
      const { devices } = await call('GET', '/devices', undefined, token);
      const ids = (Array.isArray(devices) ? (devices as unknown[]) : [])
        .filter((d): d is { id: string; name: string } => typeof d === 'object' && d !== null && 'id' in d && 'name' in d && d.name === deviceName)
        .map((d) => d.id);
      for (const id of ids) await call('POST', `/devices/${encodeURIComponent(id)}/revoke`, undefined, token);
      return ids.length;
    },
  };
}

export interface SharedServer {
  /** The running server (after the file's beforeAll). */
  readonly server: RunningServer;
  /** A member invite usable `uses` times. */
  readonly invite: string;
  /** Browser contexts the spec opens on it; closed after the file. */
  readonly contexts: BrowserContext[];
  /** The test-only admin device (more invites, revoking devices). */
  readonly admin: AdminSession;
  /** A new console on this server: first run as `name`, joined with `code` (the file's member invite unless given). */
  join(browser: Browser, name: string, options?: { context?: BrowserContextOptions; code?: string }): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * One sync server for the whole spec file (started in beforeAll, stopped with every context in afterAll), with an
 * invite (member unless `role` says admin) usable `uses` times. `env`: extra server settings (or a function giving them
 * at start, for what earlier hooks started: an SMTP sink's address).
 */
export function sharedServer(uses: number, env: Record<string, string> | (() => Record<string, string>) = {}, role: 'member' | 'admin' = 'member'): SharedServer {
  let running: RunningServer | undefined;
  let session: AdminSession | undefined;
  let code = '';
  const contexts: BrowserContext[] = [];
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    running = await startSyncServer(120_000, typeof env === 'function' ? env() : env);
    session = await adminSession(running);
    code = await session.invite(uses, role);
  });
  test.afterAll(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
    await running?.stop();
  });
  const shared: SharedServer = {
    get server() { if (!running) throw new Error('server not started'); return running; },
    get invite() { return code; },
    get admin() { if (!session) throw new Error('server not started'); return session; },
    contexts,
    join: (browser, name, options = {}) =>
      joinConsole(browser, { url: shared.server.url, contexts, timeout: SYNC_TIMEOUT, ...(options.context ? { options: options.context } : {}) }, name, options.code ?? code),
  };
  return shared;
}
