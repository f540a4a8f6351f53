// The disaster-recovery story, black-box, on the embedded store and on PostgreSQL: three consoles (the console's real
// sync service over its local database, with their signing keys) write and send email updates through a real server
// process and a real SMTP server (Postfix's smtp-sink). Then the server comes back older, restored from a backup taken
// halfway, or comes back empty (its data deleted; only the settings backup restored) and is rebuilt from the consoles.
// The consoles reconnect and keep writing. At the end every console and the server hold the same events, none lost,
// none twice, and no email went out twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { IncidentEvent } from '@shared/incident/events';
import { canonicalJson } from '@shared/incident/canonical';
import { readSyncConnection } from '../../renderer/src/db/sync-connection';
import { runServerCommand, spawnServer, waitForOutput, type ServerProcess } from '../../server/test/harness';
import { freePort, startPostgres, type PostgresCluster } from '../helpers/postgres';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { connectConsole, type TestConsole } from './consoles';

// Long enough that the consoles are surely back within it on a loaded machine (it counts from the server's start).
const HOLD_SECONDS = 20;
const root = mkdtempSync(join(tmpdir(), 'ic-dr-'));
const webDir = join(root, 'web');
mkdirSync(webDir);
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Incident Console</title>');
let cluster: PostgresCluster | undefined;
let sink: SmtpSink;
const procs: ServerProcess[] = [];
const consoles: TestConsole[] = [];

beforeAll(async () => {
  // The SMTP server takes a second to accept each message, as a real one under load may: long enough that a console
  // can push a request and go away before its outcome exists.
  [cluster, sink] = await Promise.all([startPostgres(), startSmtpSink({ dataDelaySeconds: 1 })]);
}, 120_000);
afterAll(async () => {
  for (const p of procs) p.child.kill('SIGKILL');
  for (const c of consoles) await c.close();
  await sink?.stop();
  cluster?.stop();
  rmSync(root, { recursive: true, force: true });
});

type Kind = 'pglite' | 'postgres';

/** Where one scenario's server keeps its data, and how to wipe it entirely. */
async function storeFor(kind: Kind, name: string): Promise<{ env: Record<string, string>; wipe(): Promise<void> }> {
  if (kind === 'pglite') {
    const dir = join(root, name);
    return { env: { DATA_DIR: dir }, wipe: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const pgc = cluster as PostgresCluster;
  const db = `${name.replace(/-/g, '_')}_${process.pid}`;
  const url = pgc.createDatabase(db);
  return {
    env: { DATABASE_URL: url },
    async wipe() {
      const admin = new pg.Client({ connectionString: pgc.url });
      await admin.connect();
      try {
        await admin.query(`drop database ${db} with (force)`);
        await admin.query(`create database ${db}`);
      } finally {
        await admin.end();
      }
    },
  };
}

async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const proc = spawnServer({
    WEB_DIR: webDir, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '10000000', SMTP_URL: sink.url, MAIL_FROM: 'Incident Console <ic@example.com>',
    DELIVERY_POLL_MS: '100', RECOVERY_HOLD_SECONDS: String(HOLD_SECONDS), OUTBOUND_ALLOW: '127.0.0.1', ...env,
  });
  procs.push(proc);
  await waitForOutput(proc, /server: (http:\/\/\S+)\n/);
  return proc;
}

async function stopServer(proc: ServerProcess): Promise<void> {
  proc.child.kill('SIGTERM');
  expect(await proc.exited).toBe(0);
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const content = (e: IncidentEvent): string => {
  const { relayed: _r, imported: _i, sig: _s, ...rest } = e;
  return canonicalJson(rest);
};

async function serverEvents(baseUrl: string, c: TestConsole): Promise<IncidentEvent[]> {
  const connection = await readSyncConnection(c.db);
  const events: IncidentEvent[] = [];
  for (let after = 0; ;) {
    const res = await fetch(`${baseUrl}/api/v1/sync/pull?workspace=${connection?.workspace}&after=${after}&limit=1000`, { headers: { authorization: `Bearer ${connection?.token}` } });
    const page = await res.json() as { events: IncidentEvent[]; cursor: number; hasMore: boolean };
    events.push(...page.events);
    after = page.cursor;
    if (!page.hasMore) return events;
  }
}

async function invite(baseUrl: string, admin: TestConsole): Promise<string> {
  const connection = await readSyncConnection(admin.db);
  const res = await fetch(`${baseUrl}/api/v1/invites`, { method: 'POST', headers: { authorization: `Bearer ${connection?.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ role: 'member' }) });
  return (await res.json() as { inviteCode: string }).inviteCode;
}

/** Sync every console until a whole pass leaves nothing to send and nothing new arrives. */
async function settleAll(all: TestConsole[]): Promise<void> {
  for (let pass = 0; pass < 3; pass++) for (const c of all) expect(await c.settle(), `${c.name} settles`).toBe(true);
}

describe.each<Kind>(['pglite', 'postgres'])('disaster recovery on %s', (kind) => {
  for (const scenario of ['restored from a backup taken halfway', 'data deleted entirely, rebuilt from the consoles'] as const) {
    it(`${scenario}: every console and the server end with the same events, none lost or doubled, and no email went out twice`, { timeout: 300_000 }, async () => {
      const rebuild = scenario !== 'restored from a backup taken halfway';
      const store = await storeFor(kind, `${kind}-${rebuild ? 'rebuild' : 'restore'}`);
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      const env = { ...store.env, PORT: String(port) };
      let server = await startServer(env);
      const [, adminInvite] = /ADMIN invite code: (\S+) /.exec(server.out()) as RegExpExecArray;
      const ic = await connectConsole(baseUrl, adminInvite as string, 'Ada');
      const scribe = await connectConsole(baseUrl, await invite(baseUrl, ic), 'Bo');
      const comms = await connectConsole(baseUrl, await invite(baseUrl, ic), 'Cy');
      const all = [ic, scribe, comms];
      consoles.push(...all);
      const incident = randomUUID();
      const mailsBefore = sink.messages().length;
      await ic.record([{ incidentId: incident, type: 'incident.opened', payload: { title: `Checkout down (${kind}, ${rebuild ? 'rebuild' : 'restore'})`, detectedAt: new Date().toISOString(), impactStartedAt: new Date().toISOString(), severity: 'P1' } }]);
      const emailUpdate = async (text: string) => {
        const updateId = randomUUID();
        await comms.record([
          { incidentId: incident, type: 'update.posted', id: updateId, payload: { audience: 'stakeholders', channel: 'email', text } },
          { incidentId: incident, type: 'delivery.requested', payload: { updateId, targets: [{ channel: 'email', list: 'stakeholders', to: ['exec@example.com'] }] } },
        ]);
      };
      /**
       * Everyone writes, Cy sends an email update; it goes out (the SMTP server takes a second to accept it) and every
       * console pulls its outcome, but `leaves` (if any) closes its lid as soon as its part is pushed.
       */
      const round = async (label: string, mails: number, leaves?: TestConsole) => {
        for (const c of all) for (let i = 0; i < 4; i++) await c.write(incident, `${label}: ${c.name} ${i}`);
        await emailUpdate(`${label}: customers cannot pay`);
        await settleAll(all);
        if (leaves) await leaves.closeLid();
        const staying = all.filter((c) => c !== leaves);
        await until(`${mails} emails`, () => sink.messages().length - mailsBefore >= mails);
        await until('the outcome on the consoles', async () => {
          await settleAll(staying);
          return (await Promise.all(staying.map(async (c) => (await c.events()).filter((e) => e.type === 'delivery.sent').length))).every((n) => n === mails);
        });
        if (leaves) expect((await leaves.events()).filter((e) => e.type === 'delivery.sent')).toHaveLength(mails - 1);
      };

      await round('before the backup', 1);
      const backup = join(root, `${kind}-${rebuild ? 'settings' : 'full'}.icb`);
      const took = await runServerCommand(store.env, [rebuild ? '--backup-settings' : '--backup', backup]);
      expect(took.code, took.out).toBe(0);
      // Cy's lid closes right after sending: the email goes out, but only Ada and Bo learn so.
      await round('after the backup', 2, comms);

      await stopServer(server);
      if (rebuild) await store.wipe(); // the server's data is gone; only the settings backup is left
      const restoredEnv = kind === 'pglite' ? { ...env, DATA_DIR: `${store.env.DATA_DIR}-restored` } : env;
      if (kind === 'postgres' && !rebuild) await store.wipe(); // restore goes into an empty database
      const restored = await runServerCommand(restoredEnv, ['--restore', backup]);
      expect(restored.code, restored.out).toBe(0);
      server = await startServer(restoredEnv);
      const servingSince = Date.now(); // the hold started at the server's first delivery round, before this

      // Cy is back first: it gives back its request for the second email (which the server lost, or never had) but
      // not its outcome, which Cy never saw. The server must not send that email again while it waits for the others.
      await comms.openLid();
      expect(await comms.settle()).toBe(true);
      await new Promise((r) => setTimeout(r, 1_500)); // fifteen ticks of the delivery worker
      expect(sink.messages().length - mailsBefore).toBe(2);
      // Ada and Bo come back, give back the outcome, and everyone keeps writing.
      await settleAll(all);
      await round('after the restore', 3);
      // The hold on requests from before the restore runs out: nothing that went out before goes out again.
      await new Promise((r) => setTimeout(r, Math.max(0, servingSince + (HOLD_SECONDS + 2) * 1000 - Date.now())));
      await settleAll(all);

      const mails = sink.messages().slice(mailsBefore);
      expect(mails).toHaveLength(3);
      expect(new Set(mails.map((m) => m.headers.get('message-id'))).size).toBe(3);
      const onServer = await serverEvents(baseUrl, ic);
      expect(new Set(onServer.map((e) => e.id)).size).toBe(onServer.length);
      const expected = new Map((await ic.events()).map((e) => [e.id, content(e)]));
      expect(expected.size).toBeGreaterThan(40);
      expect(new Map(onServer.map((e) => [e.id, content(e)]))).toEqual(expected);
      for (const c of all) expect(new Map((await c.events()).map((e) => [e.id, content(e)]))).toEqual(expected);
      for (const c of all) expect(c.status()?.recovery?.state).toBe('done');
      await stopServer(server);
    });
  }
});
