// Restoring a backup into an empty store, in ONE transaction: every row of the file or none (a damaged or cut-short
// file is found out before the commit). Every workspace then starts a new epoch, so the consoles re-read from the
// start and re-push whatever the backup lacks.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { MIGRATIONS } from '../db/migrations';
import { startNewEpochs } from '../store/epoch';
import { BACKUP_TABLES, readBackup, type BackupHeader, type BackupTable } from './format';

/** Rows inserted per statement (they travel as one jsonb array). */
const INSERT_ROWS = 1000;

export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

export interface RestoreSummary {
  header: BackupHeader;
  counts: Record<string, number>;
  workspaces: Array<{ id: string; name: string; epoch: string }>;
}

/**
 * Restore `file` into `db`, which must hold no workspace yet (a new data dir, an empty database: restoring over
 * live data would merge two histories). Settings backups start each workspace's log empty (sequence 0).
 */
export async function restoreBackup(db: Kysely<Database>, file: string): Promise<RestoreSummary> {
  const current = Math.max(...MIGRATIONS.map((m) => m.version));
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('workspaces').select(['id', 'name']).limit(1).executeTakeFirst();
    if (existing) {
      throw new RestoreRefusedError(`this store already holds the workspace "${existing.name}" (${existing.id}); a backup is restored only into an empty one: move the data directory aside (or point DATABASE_URL at a new, empty database) and run --restore again`);
    }
    const columns = await tableColumns(trx);
    let buffer: { table: BackupTable; rows: Record<string, unknown>[] } | undefined;
    const flush = async () => {
      if (!buffer || buffer.rows.length === 0) return;
      await insertRows(trx, buffer.table, buffer.rows, columns.get(buffer.table) ?? new Set());
      buffer.rows = [];
    };
    const { header, counts } = await readBackup(file, (h) => {
      if (h.schemaVersion > current) {
        throw new RestoreRefusedError(`${file} was made by a newer server (schema ${h.schemaVersion}; this one has ${current}): update this server first`);
      }
    }, async ({ table, row }) => {
      if (buffer?.table !== table) {
        await flush();
        buffer = { table, rows: [] };
      }
      buffer.rows.push(row);
      if (buffer.rows.length >= INSERT_ROWS) await flush();
    });
    await flush();
    if (header.kind === 'settings') await trx.updateTable('workspaces').set({ last_seq: 0 }).execute();
    await startNewEpochs(trx, 'offline');
    const workspaces = await trx.selectFrom('workspaces').select(['id', 'name', 'epoch']).orderBy('created_at').execute();
    return { header, counts, workspaces };
  });
}

async function tableColumns(db: Kysely<Database>): Promise<Map<string, Set<string>>> {
  const names = BACKUP_TABLES.map((t) => t.name);
  const { rows } = await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and table_name in (${sql.join(names)})`.execute(db);
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = out.get(r.table_name) ?? new Set<string>();
    set.add(r.column_name);
    out.set(r.table_name, set);
  }
  return out;
}

/**
 * One statement per chunk: the rows as a jsonb array, typed by the table itself (jsonb_populate_recordset). Only
 * the columns the backup has are named, so a column a later migration added takes its default.
 */
async function insertRows(db: Kysely<Database>, table: BackupTable, rows: Record<string, unknown>[], known: Set<string>): Promise<void> {
  const names = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) names.add(key);
  for (const name of names) {
    if (!known.has(name)) throw new RestoreRefusedError(`the backup's table ${table} has a column "${name}" this server does not know`);
  }
  const cols = sql.join([...names].map((n) => sql.ref(n)));
  try {
    await sql`insert into ${sql.table(table)} (${cols}) select ${cols} from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb)`.execute(db);
  } catch (err) {
    throw new RestoreRefusedError(`the backup's ${table} rows do not fit this store: ${err instanceof Error ? err.message : String(err)}`);
  }
}
