// Backup and restore as an admin runs them (`npm run server -- --backup FILE`, `--restore FILE`) against a running
// server under heavy pushes, on PGlite (an online backup through the running server) and on PostgreSQL (our backup
// and pg_dump/pg_restore): the restored store is one consistent moment, whole pushes or none, and a new epoch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { startPostgres, type PostgresCluster } from '../../test/helpers/postgres';
import { openStore } from '../src/db/open';
import { restoreBackup } from '../src/backup/restore';
import { eventMaker, runServerCommand, spawnServer, waitForOutput, type ServerProcess } from './harness';

const root = mkdtempSync(join(tmpdir(), 'ic-backup-'));
const webDir = join(root, 'web');
mkdirSync(webDir);
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Incident Console</title>');
let cluster: PostgresCluster | undefined;
const started: ServerProcess[] = [];

beforeAll(async () => { cluster = await startPostgres(); }, 60_000);
afterAll(() => {
  for (const r of started) r.child.kill('SIGKILL');
  cluster?.stop();
  rmSync(root, { recursive: true, force: true });
});

interface Admin { url: string; token: string; workspace: string; deviceId: string }

async function startServer(env: Record<string, string>): Promise<{ proc: ServerProcess; url: string; invite?: string }> {
  const proc = spawnServer({ WEB_DIR: webDir, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '10000000', ...env });
  started.push(proc);
  const [, url] = await waitForOutput(proc, /server: (http:\/\/\S+)\n/);
  const invite = /ADMIN invite code: (\S+) /.exec(proc.out())?.[1];
  return { proc, url: url as string, ...(invite ? { invite } : {}) };
}

async function joinAdmin(url: string, invite: string): Promise<Admin> {
  const res = await fetch(`${url}/api/v1/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ inviteCode: invite, deviceName: 'admin', displayName: 'Admin' }) });
  expect(res.status).toBe(200);
  return { url, ...(await res.json() as Omit<Admin, 'url'>) };
}

async function api<T>(a: Admin, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${a.url}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${a.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

interface PullPage { events: Array<{ id: string; payload: { text: string } }>; cursor: number; hasMore: boolean; epoch: string; head: number }

async function pullAll(a: Admin): Promise<{ events: PullPage['events']; epoch: string; head: number }> {
  const events: PullPage['events'] = [];
  let after = 0;
  for (;;) {
    const page = await api<PullPage>(a, `/sync/pull?workspace=${a.workspace}&after=${after}&limit=1000`);
    events.push(...page.events);
    after = page.cursor;
    if (!page.hasMore) return { events, epoch: page.epoch, head: page.head };
  }
}

/**
 * Pushers that keep pushing batches (each batch's events name it) until stopped; every batch acked is recorded
 * with the time its answer arrived.
 */
function pushers(a: Admin, count: number, batchSize: number) {
  const make = eventMaker(a.deviceId);
  const incident = randomUUID();
  const acked: Array<{ batch: string; sent: number; at: number; ids: string[] }> = [];
  let stop = false;
  const loops = Array.from({ length: count }, async (_, p) => {
    for (let n = 0; !stop; n++) {
      const batch = `b${p}-${n}`;
      const events = Array.from({ length: batchSize }, (_, i) => make(incident, `${batch} #${i}`));
      const sent = Date.now();
      await api(a, '/sync/push', { workspace: a.workspace, events });
      acked.push({ batch, sent, at: Date.now(), ids: events.map((e) => e.id) });
    }
  });
  return { acked, stop: async () => { stop = true; await Promise.all(loops); } };
}

/** The restored log is one moment of the original: gap-free sequence, each batch whole or absent, all acked before the backup began. */
function expectConsistent(restored: { events: PullPage['events']; head: number }, acked: Array<{ batch: string; at: number; ids: string[] }>, backupStarted: number) {
  expect(restored.head).toBe(restored.events.length);
  const ids = new Set(restored.events.map((e) => e.id));
  expect(ids.size).toBe(restored.events.length);
  const byBatch = new Map<string, number>();
  for (const e of restored.events) {
    const batch = e.payload.text.split(' ')[0] as string;
    byBatch.set(batch, (byBatch.get(batch) ?? 0) + 1);
  }
  let before = 0;
  let after = 0;
  for (const b of acked) {
    const present = b.ids.filter((id) => ids.has(id)).length;
    expect([0, b.ids.length], `batch ${b.batch} is whole or absent`).toContain(present);
    if (b.at < backupStarted) { before += 1; expect(present, `batch ${b.batch} acked before the backup began`).toBe(b.ids.length); }
    if (present === 0) after += 1;
  }
  // The backup was taken mid-stream: pushes were acked before it, and some acked pushes are not in it.
  expect(before).toBeGreaterThan(0);
  expect(after).toBeGreaterThan(0);
}

/** A server on `env` with its admin, and four pushers already pushing. */
async function serverUnderLoad(env: Record<string, string>) {
  const { url, invite } = await startServer(env);
  const admin = await joinAdmin(url, invite as string);
  const load = pushers(admin, 4, 200);
  while (load.acked.length < 40) await new Promise((r) => setTimeout(r, 50));
  return { admin, load };
}

/** Let a few more batches be acked (the backup was mid-stream), then stop pushing. */
async function finishLoad(load: ReturnType<typeof pushers>): Promise<void> {
  // Batches *sent* after the backups ended (an ack's arrival time can be late: a synchronous pg_dump holds this
  // process's event loop, so answers to batches committed long before are only read, and timed, after it).
  const since = Date.now();
  while (load.acked.filter((b) => b.sent > since).length < 8) await new Promise((r) => setTimeout(r, 50));
  await load.stop();
}

describe('backup and restore of the embedded store (PGlite)', () => {
  it('an online backup taken through the running server during heavy pushes restores to one consistent moment, with a new epoch', { timeout: 300_000 }, async () => {
    const dataDir = join(root, 'pglite-live');
    const { admin, load } = await serverUnderLoad({ DATA_DIR: dataDir });
    const file = join(root, 'pglite.icb');
    const backupStarted = Date.now();
    const backup = await runServerCommand({ DATA_DIR: dataDir }, ['--backup', file]);
    expect(backup.out).toMatch(/online backup through it/);
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toMatch(/backup of the embedded store in .* written to .*pglite\.icb: 1 workspace\(s\), \d+ events/);
    await finishLoad(load);
    const original = await pullAll(admin);

    const restoredDir = join(root, 'pglite-restored');
    const restore = await runServerCommand({ DATA_DIR: restoredDir }, ['--restore', file]);
    expect(restore.code, restore.out).toBe(0);
    expect(restore.out).toMatch(/starts a new history: epoch \S+/);
    const { url: url2 } = await startServer({ DATA_DIR: restoredDir });
    const restored = await pullAll({ ...admin, url: url2 }); // the admin's device and token came back with the backup
    expect(restored.epoch).not.toBe(original.epoch);
    expect(restored.events.length).toBeLessThan(original.events.length);
    expectConsistent(restored, load.acked, backupStarted);
  });

  it('a damaged, cut-short or foreign file, or a store that is not empty, is refused with the reason and nothing restored', { timeout: 120_000 }, async () => {
    const dataDir = join(root, 'pglite-small');
    const { proc, url, invite } = await startServer({ DATA_DIR: dataDir });
    const admin = await joinAdmin(url, invite as string);
    await api(admin, '/sync/push', { workspace: admin.workspace, events: [eventMaker(admin.deviceId)(randomUUID(), 'kept')] });
    proc.child.kill('SIGTERM');
    await proc.exited;
    const file = join(root, 'small.icb');
    const offline = await runServerCommand({ DATA_DIR: dataDir }, ['--backup', file]);
    expect(offline.code, offline.out).toBe(0);
    expect(offline.out).not.toMatch(/online backup/);

    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const cutShort = join(root, 'cut.icb');
    writeFileSync(cutShort, gzipSync(lines.slice(0, -3).join('\n')));
    const altered = join(root, 'altered.icb');
    writeFileSync(altered, gzipSync(lines.join('\n').replace('kept', 'kep!')));
    const foreign = join(root, 'foreign.icb');
    writeFileSync(foreign, 'not a backup at all');

    const target = join(root, 'pglite-target');
    for (const [bad, reason] of [[cutShort, /cut short after line \d+/], [altered, /checksum mismatch/], [foreign, /not a gzip'd backup/], [join(root, 'missing.icb'), /no such file/]] as const) {
      const r = await runServerCommand({ DATA_DIR: target }, ['--restore', bad]);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(reason);
      expect(r.out).toMatch(/nothing was restored/);
    }
    const store = await openStore({ dataDir: target });
    try {
      expect(await store.db.selectFrom('workspaces').select('id').execute()).toEqual([]);
      await restoreBackup(store.db, file);
      await expect(restoreBackup(store.db, file)).rejects.toThrow(/already holds the workspace .* restored only into an empty one/);
      expect((await store.db.selectFrom('events').select('id').execute()).length).toBe(1);
    } finally {
      await store.close();
    }
    const running = await runServerCommand({ DATA_DIR: target }, ['--restore', file]);
    expect(running.code).toBe(1);
  });
});

describe('backup and restore on PostgreSQL', () => {
  it('our backup (taken beside the running server) and pg_dump/pg_restore both restore one consistent moment; the server starts a new epoch on either', { timeout: 300_000 }, async () => {
    const pg = cluster as PostgresCluster;
    const databaseUrl = pg.createDatabase(`live_${process.pid}`);
    const { admin, load } = await serverUnderLoad({ DATABASE_URL: databaseUrl });
    const file = join(root, 'pg.icb');
    const backupStarted = Date.now();
    const backup = await runServerCommand({ DATABASE_URL: databaseUrl }, ['--backup', file]);
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toMatch(/backup of PostgreSQL \(DATABASE_URL\) written to/);
    // pg_dump's own consistent snapshot, taken the same way (the recipe in docs/server.md).
    const dump = join(root, 'pg.dump');
    execFileSync('pg_dump', ['-Fc', '-f', dump, databaseUrl]);
    await finishLoad(load);
    const original = await pullAll(admin);

    const restoredUrl = pg.createDatabase(`restored_${process.pid}`);
    const restore = await runServerCommand({ DATABASE_URL: restoredUrl }, ['--restore', file]);
    expect(restore.code, restore.out).toBe(0);
    const { url: url2 } = await startServer({ DATABASE_URL: restoredUrl });
    const restored = await pullAll({ ...admin, url: url2 });
    expect(restored.epoch).not.toBe(original.epoch);
    expectConsistent(restored, load.acked, backupStarted);

    const pgRestoredUrl = pg.createDatabase(`pgrestored_${process.pid}`);
    execFileSync('pg_restore', ['--no-owner', '-d', pgRestoredUrl, dump]);
    const { url: url3 } = await startServer({ DATABASE_URL: pgRestoredUrl });
    const fromDump = await pullAll({ ...admin, url: url3 });
    // Another database under the server (its oid differs): new epoch, found without anyone saying so.
    expect(fromDump.epoch).not.toBe(original.epoch);
    expectConsistent(fromDump, load.acked, backupStarted);
  });
});
