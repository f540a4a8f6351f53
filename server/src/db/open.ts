// Opens the store: PostgreSQL when a connection string is given, else embedded PGlite (in its own thread) in a
// locked data dir.
import type { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { lockDataDir } from './lock';
import { MIGRATIONS, migrate } from './migrations';
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
  createdFrom?: 'initdb' | 'template' | 'existing';
  close(): Promise<void>;
}

export type StoreOptions =
  | { databaseUrl: string; poolSize?: number }
  /** templateDir: where the initialised cluster new data dirs start from is kept (default node_modules/.cache). */
  | { dataDir: string; templateDir?: string }
  | { pglite: PGlite };

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const DEFAULT_TEMPLATE_DIR = join(repoRoot, 'node_modules', '.cache', 'incident-console');
/** The installed PGlite's version (its package.json is not in its exports: found next to its entry point). */
const PGLITE_VERSION = (JSON.parse(readFileSync(join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8')) as { version: string }).version;

export async function openStore(options: StoreOptions): Promise<Store> {
  if ('databaseUrl' in options) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', () => undefined); // idle-client errors surface on the next query instead of crashing
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await migrate(db);
    return { kind: 'postgres', db, databaseUrl: options.databaseUrl, close: () => db.destroy() };
  }
  if ('pglite' in options) {
    // A caller-owned instance, on this thread (the caller chose where it runs and closes it).
    const db = pgliteDb(options.pglite);
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

/** kysely over pg over PGlite's node-postgres adapter; a pool of one serialises transactions, as PGlite needs. */
function pgliteDb(lite: PGlite | PgliteThread): Kysely<Database> {
  const pool = new pg.Pool(createPgConfig(lite as PGlite) as unknown as pg.PoolConfig);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

async function migrateOrDestroy(db: Kysely<Database>): Promise<void> {
  try {
    await migrate(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

/**
 * The engine in its own thread. A new data dir starts as a copy of the template (an initialised, migrated
 * cluster; ~0.5 s) instead of running initdb (~3.5 s and hundreds of MB of WASM memory that a thread never
 * gives back). Without a template, the first start runs initdb and migrations in a throwaway thread, leaves
 * the template behind for the next new data dir, and opens the result in a fresh thread.
 */
async function openDataDir(dataDir: string, templateDir: string): Promise<{ thread: PgliteThread; db: Kysely<Database>; createdFrom: 'initdb' | 'template' | 'existing' }> {
  const pgdata = join(dataDir, 'pgdata');
  const template = join(templateDir, templateName());
  const isNew = !existsSync(join(pgdata, 'PG_VERSION'));
  let initialised = false;
  if (isNew && !existsSync(template)) {
    initialised = true;
    const first = await startThread({ pgdata });
    try {
      await migrateOrDestroy(first.db);
      await first.db.destroy();
      try {
        mkdirSync(templateDir, { recursive: true });
        await first.thread.dump(template);
      } catch {
        // No writable cache (a read-only install): every new data dir then runs initdb, nothing else changes.
      }
    } finally {
      await first.thread.close();
    }
  }
  const opened = await startThread({ pgdata, template });
  try {
    await migrate(opened.db);
    const from = await opened.thread.opened;
    // A damaged template is skipped by the thread (initdb instead) and removed, so the next start writes a
    // good one; one written by another PGlite build or schema never matches this name.
    if (isNew && !initialised && from === 'initdb') rmSync(template, { force: true });
    return { ...opened, createdFrom: initialised ? 'initdb' : from };
  } catch (err) {
    await opened.db.destroy();
    await opened.thread.close();
    throw err;
  }
}

async function startThread(options: { pgdata: string; template?: string }): Promise<{ thread: PgliteThread; db: Kysely<Database> }> {
  const thread = new PgliteThread(options);
  try {
    await thread.opened;
  } catch (err) {
    await thread.close().catch(() => undefined);
    throw err;
  }
  return { thread, db: pgliteDb(thread) };
}

/** Templates are per PGlite build and per schema: another version of either never loads a stale copy. */
function templateName(): string {
  const schema = createHash('sha256').update(JSON.stringify(MIGRATIONS)).digest('hex').slice(0, 16);
  return `pglite-${PGLITE_VERSION}-${schema}.tar.gz`;
}
