// Opens the store: PostgreSQL when a connection string is given, else embedded PGlite (in its own thread) in a
// locked data dir. The query layer (connect.ts: kysely, pg) is imported lazily, after the engine's thread has
// been started: both load at once, on the two threads, instead of one after the other.
import type { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import { createHash, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { repoRoot } from '../repo-root';
import { lockDataDir } from './lock';
import { MIGRATIONS } from './migrations';
import { PgliteThread } from './pglite-thread';
import type { Database } from './schema';

// bigint (int8) as string is the pg default; counts come back as strings too. Keep both explicit.
export type StoreKind = 'pglite' | 'postgres';

export interface Store {
  kind: StoreKind;
  db: Kysely<Database>;
  /** Connection string for a dedicated LISTEN connection (PostgreSQL only). */
  databaseUrl?: string;
  /** Embedded store in a data dir: how its cluster came to be this time (new by initdb or from the template, or existing). */
  createdFrom?: CreatedFrom;
  close(): Promise<void>;
}

export type CreatedFrom = 'initdb' | 'template' | 'existing';

export type StoreOptions =
  | { databaseUrl: string; poolSize?: number }
  /** templateDir: where the initialised cluster that new data dirs start from is kept (default node_modules/.cache/incident-console). */
  | { dataDir: string; templateDir?: string }
  | { pglite: PGlite };

const DEFAULT_TEMPLATE_DIR = join(repoRoot, 'node_modules', '.cache', 'incident-console');
/** The installed PGlite's version (its package.json is not in its exports: found next to its entry point). */
const PGLITE_VERSION = (JSON.parse(readFileSync(join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8')) as { version: string }).version;

const queryLayer = () => import('./connect');

export async function openStore(options: StoreOptions): Promise<Store> {
  if ('databaseUrl' in options) {
    const { postgresDb, migrate } = await queryLayer();
    const db = postgresDb(options.databaseUrl, options.poolSize ?? 10);
    await migrate(db);
    return { kind: 'postgres', db, databaseUrl: options.databaseUrl, close: () => db.destroy() };
  }
  if ('pglite' in options) {
    // A caller-owned instance, on this thread (the caller chose where it runs and closes it); the data-dir
    // store never loads PGlite on this thread.
    const { pgliteInstanceDb, migrateOrDestroy } = await queryLayer();
    const db = await pgliteInstanceDb(options.pglite);
    await migrateOrDestroy(db);
    return { kind: 'pglite', db, close: () => db.destroy() };
  }
  const release = lockDataDir(options.dataDir);
  try {
    const { thread, db, createdFrom } = await openDataDir(options.dataDir, options.templateDir ?? DEFAULT_TEMPLATE_DIR);
    return {
      kind: 'pglite',
      db,
      createdFrom,
      async close() {
        await db.destroy();
        await thread.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * The engine in its own thread. A new data dir starts as a file copy of the template: an initialised,
 * migrated, empty cluster (tens of milliseconds, instead of initdb's ~3.5 s and the hundreds of MB of WASM
 * memory a thread never gives back). Without a template, the first start runs initdb and the migrations in a
 * throwaway thread, keeps the result as the template, and copies it. A template that does not open is
 * removed and made again.
 */
async function openDataDir(dataDir: string, templateDir: string): Promise<{ thread: PgliteThread; db: Kysely<Database>; createdFrom: CreatedFrom }> {
  const pgdata = join(dataDir, 'pgdata');
  const template = join(templateDir, templateName());
  const isNew = !existsSync(join(pgdata, 'PG_VERSION'));
  let createdFrom: CreatedFrom = 'existing';
  if (isNew) createdFrom = copyTemplate(template, pgdata) ? 'template' : await initialise(template, pgdata);
  try {
    return { ...(await startMigrated(pgdata)), createdFrom };
  } catch (err) {
    if (createdFrom !== 'template') throw err;
    // A damaged template (a half-deleted cache, say): nothing was stored in this copy yet, so start over.
    rmSync(pgdata, { recursive: true, force: true });
    rmSync(template, { recursive: true, force: true });
    await initialise(template, pgdata);
    return { ...(await startMigrated(pgdata)), createdFrom: 'initdb' };
  }
}

/** Copy the template to pgdata; pgdata appears complete or not at all. False when there is no template. */
function copyTemplate(template: string, pgdata: string): boolean {
  if (!existsSync(join(template, 'PG_VERSION'))) return false;
  const partial = `${pgdata}.partial`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(template, partial, { recursive: true });
  renameSync(partial, pgdata);
  return true;
}

/** initdb and migrations in a throwaway thread, kept as the template when the cache is writable, then copied. */
async function initialise(template: string, pgdata: string): Promise<'initdb'> {
  let target = pgdata;
  try {
    mkdirSync(dirname(template), { recursive: true });
    target = `${template}.${process.pid}.${randomUUID().slice(0, 8)}`;
  } catch {
    // No writable cache (a read-only install): initdb straight into the data dir, every time.
  }
  const first = await startMigrated(target);
  await first.db.destroy();
  await first.thread.close();
  if (target === pgdata) return 'initdb';
  try {
    renameSync(target, template);
  } catch {
    rmSync(target, { recursive: true, force: true }); // another process made it first: theirs is the same
  }
  if (!copyTemplate(template, pgdata)) throw new Error(`the embedded database template ${template} disappeared while starting`);
  return 'initdb';
}

async function startMigrated(pgdata: string): Promise<{ thread: PgliteThread; db: Kysely<Database> }> {
  const thread = new PgliteThread({ pgdata });
  const loading = queryLayer();
  loading.catch(() => undefined); // awaited below, once the engine is up
  let layer: Awaited<typeof loading>;
  try {
    await thread.opened;
    layer = await loading;
  } catch (err) {
    await thread.close().catch(() => undefined);
    throw err;
  }
  const { pgliteThreadDb, migrate } = layer;
  const db = pgliteThreadDb(thread);
  try {
    await migrate(db);
  } catch (err) {
    await db.destroy();
    await thread.close();
    throw err;
  }
  return { thread, db };
}

/** Templates are per PGlite build and per schema: another version of either never uses a stale copy. */
function templateName(): string {
  const schema = createHash('sha256').update(JSON.stringify(MIGRATIONS)).digest('hex').slice(0, 16);
  return `pglite-${PGLITE_VERSION}-${schema}`;
}
