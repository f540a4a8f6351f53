// The identity of each workspace's history (its epoch) and of the database under the server. A new epoch tells every
// console that the server's history may have gone back (a restore, a rebuild, a failover): it re-reads from the start
// and re-pushes what the server lacks (shared/sync/engine.ts, recovery-run.ts). docs/server.md, "Recovery".
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface WorkspaceHistory {
  epoch: string;
  /** Newest sequence number. */
  head: number;
  epochStartedAt: Date;
}

export async function workspaceHistory(db: Kysely<Database>, workspaceId: string): Promise<WorkspaceHistory> {
  const row = await db.selectFrom('workspaces').select(['epoch', 'last_seq', 'epoch_started_at']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
  return { epoch: row.epoch, head: Number(row.last_seq), epochStartedAt: new Date(row.epoch_started_at) };
}

/**
 * `recovered_at` of a recovery made while no server serves the store (`--restore`, `--new-epoch`,
 * `--recreate-workspace`): its hold has not started. The first delivery round of a running server starts it
 * (deliveries/recovery.ts), so the consoles get the whole hold to come back however long the admin took to start it.
 */
export const HOLD_NOT_STARTED = 'infinity';

/**
 * Every workspace starts a new epoch now (inside the caller's transaction). Send requests recorded before the
 * recovery wait for their outcomes to come back (deliveries/recovery.ts), so nothing sent before goes out twice:
 * from now (`serving`: found by a running server), or from when a server first serves the store (`offline`).
 */
export async function startNewEpochs(db: Kysely<Database>, when: 'serving' | 'offline'): Promise<number> {
  const recoveredAt = when === 'serving' ? sql<Date>`now()` : sql<Date>`${HOLD_NOT_STARTED}::timestamptz`;
  const res = await db.updateTable('workspaces')
    .set({ epoch: sql<string>`gen_random_uuid()::text`, epoch_started_at: sql<Date>`now()`, recovered_at: recoveredAt })
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * What database this is: PostgreSQL's cluster id (when this role may read it), the database's oid (a pg_restore
 * makes a new one) and the WAL timeline (a point-in-time recovery or a promoted standby starts a new one). The
 * embedded store has no such history of its own: its restores go through `--restore`, which starts new epochs.
 */
export async function storeFingerprint(db: Kysely<Database>, kind: 'pglite' | 'postgres'): Promise<string> {
  if (kind === 'pglite') return 'pglite';
  const { rows: [oid] } = await sql<{ oid: string }>`select oid::text as oid from pg_database where datname = current_database()`.execute(db);
  const system = await sql<{ id: string }>`select system_identifier::text as id from pg_control_system()`.execute(db)
    .then((r) => r.rows[0]?.id ?? '-', () => '-'); // not granted to every role: the oid and timeline still count
  const timeline = await sql<{ tl: string }>`select substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8) as tl`.execute(db)
    .then((r) => r.rows[0]?.tl ?? '-', () => '-');
  return `postgres:${system}:${oid?.oid ?? '-'}:${timeline}`;
}

/**
 * On start (and on a reconnect to PostgreSQL): when the database is not the one the server last recorded, start new
 * epochs. The first time (nothing recorded) only records it. True when the epochs changed. One instance wins when
 * several find the change together: the recorded fingerprint is compared and replaced under a row lock.
 */
export async function checkStoreIdentity(db: Kysely<Database>, kind: 'pglite' | 'postgres'): Promise<{ changed: boolean; fingerprint: string }> {
  const fingerprint = await storeFingerprint(db, kind);
  const changed = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(4711003)`.execute(trx);
    const recorded = await trx.selectFrom('store_identity').select('fingerprint').forUpdate().executeTakeFirst();
    if (recorded?.fingerprint === fingerprint) return false;
    await trx.insertInto('store_identity').values({ id: true, fingerprint, recorded_at: new Date() })
      .onConflict((oc) => oc.column('id').doUpdateSet({ fingerprint, recorded_at: new Date() })).execute();
    if (!recorded) return false;
    await startNewEpochs(trx, 'serving');
    return true;
  });
  return { changed, fingerprint };
}
