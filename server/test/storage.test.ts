// Storage lifecycle: the PGlite data-dir lock, migrations that run once, data kept across reopen, and a
// graceful shutdown that lets an in-flight push finish.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createSyncServer } from '../src/app';
import { DataDirLockedError, lockDataDir } from '../src/db/lock';
import { MIGRATIONS } from '../src/db/migrations';
import { openStore } from '../src/db/open';
import { eventMaker, newWorkspace, openBackend, push, stopCluster } from './harness';

afterAll(() => stopCluster());

describe('embedded store (PGlite data directory)', () => {
  const dir = mkdtempSync(joinPath(tmpdir(), 'ic-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second open of a data dir in use, keeps data and migrations across reopen, and takes over a stale lock', { timeout: 180_000 }, async () => {
    const first = await openStore({ dataDir: dir });
    await expect(openStore({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    const server = await createSyncServer({ store: first });
    const { admin } = await newWorkspace(server, first);
    const event = eventMaker(admin.deviceId)(randomUUID());
    expect((await push(server.app, admin, [event])).statusCode).toBe(200);
    await server.close();
    await first.close();
    expect(existsSync(joinPath(dir, 'server.lock'))).toBe(false);

    // A lock file left by a process that no longer exists does not block the next start.
    writeFileSync(joinPath(dir, 'server.lock'), '2147483646');
    const second = await openStore({ dataDir: dir });
    try {
      const rows = await second.db.selectFrom('events').select('id').execute();
      expect(rows.map((r) => r.id)).toEqual([event.id]);
      const versions = await second.db.selectFrom('schema_migrations').select('version').execute();
      expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await second.close();
    }
  });
});

describe('new data dirs start from the template', () => {
  const root = mkdtempSync(joinPath(tmpdir(), 'ic-template-'));
  const templateDir = joinPath(root, 'cache');
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const migrated = async (store: Awaited<ReturnType<typeof openStore>>) =>
    (await store.db.selectFrom('schema_migrations').select('version').execute()).map((v) => v.version);

  it('runs initdb once, keeps a template, copies it for the next new dir (empty, migrated), and makes it again when it is damaged', { timeout: 300_000 }, async () => {
    const first = await openStore({ dataDir: joinPath(root, 'a'), templateDir });
    expect(first.createdFrom).toBe('initdb');
    const server = await createSyncServer({ store: first });
    const { admin } = await newWorkspace(server, first);
    expect((await push(server.app, admin, [eventMaker(admin.deviceId)(randomUUID())])).statusCode).toBe(200);
    await server.close();
    await first.close();
    const [template] = readdirSync(templateDir);
    expect(template).toMatch(/^pglite-[\d.]+-[0-9a-f]{16}$/);

    // The template was kept before anything was written: a new dir holds none of the first one's data.
    const second = await openStore({ dataDir: joinPath(root, 'b'), templateDir });
    try {
      expect(second.createdFrom).toBe('template');
      expect(await migrated(second)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await second.db.selectFrom('workspaces').select('id').execute()).toEqual([]);
      expect(await second.db.selectFrom('events').select('id').execute()).toEqual([]);
    } finally {
      await second.close();
    }
    const reopened = await openStore({ dataDir: joinPath(root, 'b'), templateDir });
    expect(reopened.createdFrom).toBe('existing');
    await reopened.close();

    // A damaged template (its catalog gone) does not open: the new dir is made by initdb, and so is a new template.
    rmSync(joinPath(templateDir, template as string, 'global'), { recursive: true, force: true });
    const third = await openStore({ dataDir: joinPath(root, 'c'), templateDir });
    try {
      expect(third.createdFrom).toBe('initdb');
      expect(await migrated(third)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await third.close();
    }
    expect(readdirSync(templateDir)).toEqual([template]);
    const fourth = await openStore({ dataDir: joinPath(root, 'd'), templateDir });
    expect(fourth.createdFrom).toBe('template');
    await fourth.close();
  });
});

describe('data-dir lock file', () => {
  const dir = mkdtempSync(joinPath(tmpdir(), 'ic-lockfile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const lockFile = joinPath(dir, 'server.lock');

  it('takes over a stale lock holding our own pid (a container restarted as pid 1), but not one this process holds', () => {
    writeFileSync(lockFile, String(process.pid)); // left by the previous run of this container
    const release = lockDataDir(dir);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    release();
    expect(existsSync(lockFile)).toBe(false);
    lockDataDir(dir)();
  });

  it('takes over junk, refuses a live owner, and leaves no temp files behind', () => {
    writeFileSync(lockFile, '');
    lockDataDir(dir)();
    writeFileSync(lockFile, String(process.ppid)); // our parent is alive
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.ppid));
    rmSync(lockFile);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('graceful shutdown on PostgreSQL', () => {
  it('lets a push that is waiting on the database finish before close() resolves', async () => {
    const backend = await openBackend('postgres');
    const server = await createSyncServer({ store: backend.store });
    const { admin } = await newWorkspace(server, backend.store);
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const address = server.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    // Hold the workspace counter row so the push is provably in flight when shutdown starts.
    const blocker = new pg.Client({ connectionString: backend.databaseUrl });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('select last_seq from workspaces where id = $1 for update', [admin.workspace]);
    const events = Array.from({ length: 50 }, () => eventMaker(admin.deviceId)(randomUUID()));
    const pushing = fetch(`http://127.0.0.1:${port}/api/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ workspace: admin.workspace, events }),
    });
    const waiting = async () => (await blocker.query(`select count(*)::int as n from pg_locks where not granted`)).rows[0].n > 0;
    while (!(await waiting())) await new Promise((r) => setTimeout(r, 10));
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    // New requests are refused while draining; close() cannot finish while the push waits on the lock.
    const late = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 'refused');
    expect([503, 'refused']).toContain(late);
    expect(closed).toBe(false);
    await blocker.query('commit');
    await blocker.end();
    const res = await pushing;
    expect(res.status).toBe(200);
    await closing;
    const stored = await backend.store.db.selectFrom('events').select('id').execute();
    expect(stored).toHaveLength(50);
    await backend.dispose();
  });
});
