// Opens the store: PostgreSQL when a connection string is given, else embedded PGlite in a locked data dir.
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import { join } from 'node:path';
import pg from 'pg';
import { lockDataDir } from './lock';
import { migrate } from './migrations';
import type { Database } from './schema';

// bigint (int8) as string is the pg default; counts come back as strings too. Keep both explicit.
export type StoreKind = 'pglite' | 'postgres';

export interface Store {
  kind: StoreKind;
  db: Kysely<Database>;
  /** Connection string for a dedicated LISTEN connection (PostgreSQL only). */
  databaseUrl?: string;
  close(): Promise<void>;
}

export type StoreOptions = { databaseUrl: string; poolSize?: number } | { dataDir: string } | { pglite: PGlite };

export async function openStore(options: StoreOptions): Promise<Store> {
  if ('databaseUrl' in options) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', () => undefined); // idle-client errors surface on the next query instead of crashing
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await migrate(db);
    return { kind: 'postgres', db, databaseUrl: options.databaseUrl, close: () => db.destroy() };
  }
  let release = () => {};
  let lite: PGlite;
  let ownsLite = true;
  if ('dataDir' in options) {
    release = lockDataDir(options.dataDir);
    try {
      lite = await PGlite.create(join(options.dataDir, 'pgdata'));
    } catch (err) {
      release();
      throw err;
    }
  } else {
    lite = options.pglite;
    ownsLite = false;
  }
  // PGlite is single-connection: a pool of one serialises transactions, which is what its engine needs.
  const pool = new pg.Pool(createPgConfig(lite) as unknown as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db);
  } catch (err) {
    await db.destroy();
    if (ownsLite) await lite.close();
    release();
    throw err;
  }
  return {
    kind: 'pglite',
    db,
    async close() {
      await db.destroy();
      if (ownsLite) await lite.close();
      release();
    },
  };
}
