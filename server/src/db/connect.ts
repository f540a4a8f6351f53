// The query layer over a store: kysely over pg, to PostgreSQL, to the embedded engine's thread, or to a caller's
// PGlite, and the migrations run through it. open.ts loads this module lazily, so at start-up kysely and pg load
// on this thread while the embedded engine starts in its own.
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { MIGRATIONS } from './migrations';
import { pgConfigFor } from './pglite-connection';
import type { PgliteThread } from './pglite-thread';
import type { Database } from './schema';

export function postgresDb(databaseUrl: string, poolSize: number): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead of crashing
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** kysely over pg over a connection to the thread; a pool of one serialises transactions, as PGlite needs. */
export function pgliteThreadDb(thread: PgliteThread): Kysely<Database> {
  const pool = new pg.Pool(pgConfigFor(thread) as unknown as pg.PoolConfig);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** A caller-owned instance, on this thread, through PGlite's own adapter (loaded only here). */
export async function pgliteInstanceDb(pglite: PGlite): Promise<Kysely<Database>> {
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig) }) });
}

export async function migrateOrDestroy(db: Kysely<Database>): Promise<void> {
  try {
    await migrate(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

const MIGRATION_LOCK_KEY = 4_711_001;

export async function migrate(db: Kysely<Database>): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await sql`create table if not exists schema_migrations (
      version integer primary key, name text not null, applied_at timestamptz not null default now())`.execute(trx);
    const done = new Set((await trx.selectFrom('schema_migrations').select('version').execute()).map((r) => r.version));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      for (const statement of m.up) await sql.raw(statement).execute(trx);
      await trx.insertInto('schema_migrations').values({ version: m.version, name: m.name, applied_at: new Date() }).execute();
      applied.push(m.version);
    }
    return applied;
  });
}
