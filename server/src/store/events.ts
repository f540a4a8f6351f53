// The event log: idempotent push with gap-free per-workspace sequence numbers, and pull by sequence.
import { sql, type Kysely } from 'kysely';
import type { IncidentEvent } from '@shared/incident/events';
import type { Database } from '../db/schema';
import { workspaceHistory } from './epoch';

/** Channel used with LISTEN/NOTIFY so that several instances poke each other's clients. */
export const NOTIFY_CHANNEL = 'incident_sync';

export interface PushResult {
  /** Ids durably stored (new or already there). */
  acked: string[];
  /** How many of them were new. */
  inserted: number;
  /** Newest sequence number in the workspace after this push. */
  seq: number;
  /** Ids this push stored for the first time (in batch order). */
  insertedIds: string[];
  /** Set when an id was already stored with different content: nothing of the batch was written. */
  conflict?: { id: string };
  /** The workspace's history epoch (store/epoch.ts), read under the counter lock. */
  epoch: string;
}

export interface PushOptions {
  /**
   * What an id already stored means. 'must-match' (device pushes): the same event again is acked, different
   * content is a conflict and nothing is written. 'keep' (server-authored events with deterministic ids):
   * the first write wins, so a retried server action never duplicates or rewrites.
   */
  existing?: 'must-match' | 'keep';
  /**
   * sha256 of the pushing device's token: re-checked inside the write (not revoked, this workspace), so a
   * token lookup cached in front of it can never let a revoked device store anything. Absent for the server.
   */
  tokenHash?: string;
}

interface PushRow { outcome: 'ok' | 'conflict' | 'unauthorized'; seq: string; inserted_ids: string[] | null; conflict_id: string | null; epoch: string | null }

/**
 * Store a batch, in ONE statement (ic_push_events, migration 5). The workspace's counter row is locked FOR
 * UPDATE until commit, so sequence numbers are handed out in commit order: a puller that has seen seq n can
 * never later miss a row < n. Ids already stored are skipped (ON CONFLICT DO NOTHING backs this up), so a
 * retried push is a no-op. The events travel as one jsonb array: no per-row bind parameters to build.
 */
export async function pushEvents(
  db: Kysely<Database>,
  workspaceId: string,
  deviceId: string,
  events: IncidentEvent[],
  origin: string,
  options: PushOptions = {},
): Promise<PushResult & { unauthorized?: true }> {
  const unique = new Map<string, IncidentEvent>();
  for (const e of events) if (!unique.has(e.id)) unique.set(e.id, e);
  const ids = [...unique.keys()];
  if (ids.length === 0 && !options.tokenHash) {
    const history = await workspaceHistory(db, workspaceId);
    return { acked: [], inserted: 0, seq: history.head, insertedIds: [], epoch: history.epoch };
  }
  const mustMatch = (options.existing ?? 'must-match') === 'must-match';
  const { rows } = await sql<PushRow>`select * from ic_push_events(${workspaceId}, ${options.tokenHash ?? null}, ${deviceId},
    ${mustMatch}, ${JSON.stringify([...unique.values()])}::jsonb, ${origin})`.execute(db);
  const row = rows[0] as PushRow;
  const seq = Number(row.seq);
  const epoch = row.epoch ?? '';
  if (row.outcome === 'unauthorized') return { acked: [], inserted: 0, seq: 0, insertedIds: [], unauthorized: true, epoch };
  if (row.outcome === 'conflict') return { acked: [], inserted: 0, seq, insertedIds: [], conflict: { id: row.conflict_id as string }, epoch };
  const insertedIds = row.inserted_ids ?? [];
  return { acked: ids, inserted: insertedIds.length, seq, insertedIds, epoch };
}

export async function latestSeq(db: Kysely<Database>, workspaceId: string): Promise<number> {
  const row = await db.selectFrom('workspaces').select('last_seq').where('id', '=', workspaceId).executeTakeFirst();
  return row ? Number(row.last_seq) : 0;
}
