// Taking a backup: every table of the backup's kind read in ONE read-only repeatable-read transaction (one snapshot:
// a push either committed before it, whole, or is not in it at all), streamed through gzip as the rows arrive.
import { sql, type Kysely } from 'kysely';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import type { Database } from '../db/schema';
import type { StoreKind } from '../db/open';
import { MIGRATIONS } from '../db/migrations';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupWriter, tablesOf, type BackupKind } from './format';

/** Rows fetched per round trip from the snapshot's cursor. */
const FETCH_ROWS = 2000;

export interface BackupSummary {
  kind: BackupKind;
  counts: Record<string, number>;
}

/**
 * Write a backup of the whole store to `out` (gzip'd). On the embedded store the snapshot's transaction holds its
 * one connection, so pushes wait for the backup (seconds for 100,000 events) rather than interleave with it.
 */
export async function writeBackup(db: Kysely<Database>, out: Writable, options: { kind: BackupKind; store: StoreKind }): Promise<BackupSummary> {
  const plain = new PassThrough();
  const piping = pipeline(plain, createGzip(), out);
  piping.catch(() => undefined); // awaited below
  const writer = new BackupWriter(plain, {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    kind: options.kind,
    createdAt: new Date().toISOString(),
    schemaVersion: Math.max(...MIGRATIONS.map((m) => m.version)),
    store: options.store,
  });
  let counts: Record<string, number>;
  try {
    await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
      await sql`set transaction read only`.execute(trx);
      for (const table of tablesOf(options.kind)) {
        // Table and column names are this module's constants, never input.
        await sql.raw(`declare ic_backup no scroll cursor for select to_jsonb(t)::text as row from ${table.name} t order by ${table.order}`).execute(trx);
        for (;;) {
          const { rows } = await sql.raw<{ row: string }>(`fetch ${FETCH_ROWS} from ic_backup`).execute(trx);
          for (const r of rows) await writer.row(table.name, r.row);
          if (rows.length < FETCH_ROWS) break;
        }
        await sql.raw('close ic_backup').execute(trx);
      }
    });
    counts = await writer.end();
  } catch (err) {
    plain.destroy(err instanceof Error ? err : new Error(String(err)));
    await piping.catch(() => undefined);
    throw err;
  }
  await piping;
  return { kind: options.kind, counts };
}
