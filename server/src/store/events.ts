// The event log: idempotent push with gap-free per-workspace sequence numbers, and pull by sequence.
import { sql, type Kysely } from 'kysely';
import { eventContentKey } from '@shared/incident/canonical';
import type { IncidentEvent } from '@shared/incident/events';
import type { Database } from '../db/schema';

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
}

export interface PushOptions {
  /**
   * What an id already stored means. 'must-match' (device pushes): the same event again is acked, different
   * content is a conflict and nothing is written. 'keep' (server-authored events with deterministic ids):
   * the first write wins, so a retried server action never duplicates or rewrites.
   */
  existing?: 'must-match' | 'keep';
}

/**
 * Store a batch. The workspace's counter row is locked FOR UPDATE for the whole transaction, so sequence
 * numbers are handed out in commit order: a puller that has seen seq n can never later miss a row < n.
 * Ids already stored are skipped (ON CONFLICT DO NOTHING backs this up), so a retried push is a no-op.
 */
export async function pushEvents(
  db: Kysely<Database>,
  workspaceId: string,
  deviceId: string,
  events: IncidentEvent[],
  origin: string,
  options: PushOptions = {},
): Promise<PushResult> {
  const unique = new Map<string, IncidentEvent>();
  for (const e of events) if (!unique.has(e.id)) unique.set(e.id, e);
  const ids = [...unique.keys()];
  return db.transaction().execute(async (trx) => {
    const counter = await trx.selectFrom('workspaces').select('last_seq').where('id', '=', workspaceId).forUpdate().executeTakeFirstOrThrow();
    let seq = Number(counter.last_seq);
    if (ids.length === 0) return { acked: [], inserted: 0, seq, insertedIds: [] };
    const stored = await trx.selectFrom('events').select(['id', 'body']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
    if ((options.existing ?? 'must-match') === 'must-match') {
      for (const row of stored) {
        if (eventContentKey(row.body as Record<string, unknown>) !== eventContentKey(unique.get(row.id) as IncidentEvent)) return { acked: [], inserted: 0, seq, insertedIds: [], conflict: { id: row.id } };
      }
    }
    const existing = new Set(stored.map((r) => r.id));
    const fresh = ids.filter((id) => !existing.has(id));
    if (fresh.length > 0) {
      const now = new Date();
      const rows = fresh.map((id) => {
        const e = unique.get(id) as IncidentEvent;
        seq += 1;
        return {
          workspace_id: workspaceId, seq, id, incident_id: e.incidentId, type: e.type, hlc: e.hlc,
          body: JSON.stringify(e), pushed_by: deviceId, received_at: now,
        };
      });
      const inserted = await trx.insertInto('events').values(rows).onConflict((oc) => oc.columns(['workspace_id', 'id']).doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? BigInt(rows.length)) !== rows.length) {
        // Cannot happen while every writer holds the counter lock; refuse rather than leave a gap.
        throw new Error('concurrent insert outside the workspace lock');
      }
      await trx.updateTable('workspaces').set({ last_seq: seq }).where('id', '=', workspaceId).execute();
      // Delivered on commit only, so other instances never poke for rows they cannot see yet.
      await sql`select pg_notify(${NOTIFY_CHANNEL}, ${JSON.stringify({ workspace: workspaceId, seq, origin })})`.execute(trx);
    }
    return { acked: ids, inserted: fresh.length, seq, insertedIds: fresh };
  });
}

export interface PullPage {
  events: unknown[];
  cursor: number;
  hasMore: boolean;
}

export async function pullEvents(db: Kysely<Database>, workspaceId: string, after: number, limit: number): Promise<PullPage> {
  const rows = await db.selectFrom('events')
    .select(['seq', 'body'])
    .where('workspace_id', '=', workspaceId)
    .where('seq', '>', String(after))
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { events: page.map((r) => r.body), cursor: last ? Number(last.seq) : after, hasMore };
}

export async function latestSeq(db: Kysely<Database>, workspaceId: string): Promise<number> {
  const row = await db.selectFrom('workspaces').select('last_seq').where('id', '=', workspaceId).executeTakeFirst();
  return row ? Number(row.last_seq) : 0;
}
