// Pull with visibility enforced where the data leaves: the workspace's log past a cursor without the streams this
// console may not read (restricted incidents it is not in, alert groups attached to them), and one stream's whole
// history for a console newly admitted to it (the backfill; also the per-incident read #27 builds on).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface VisiblePage {
  events: unknown[];
  /** The last seq this page covers: past the hidden rows too, so they are never scanned again. */
  cursor: number;
  hasMore: boolean;
}

interface Row { at: string; body: unknown }

/**
 * Rows after `after` up to `head` (all committed: seq order is commit order), skipping the hidden streams. A full
 * page ends at its last row; a short one covers everything up to `head`.
 */
export async function pullVisible(db: Kysely<Database>, workspaceId: string, after: number, limit: number, head: number, hidden: readonly string[]): Promise<VisiblePage> {
  const { rows } = await sql<Row>`select seq::text as at, body from events
    where workspace_id = ${workspaceId} and seq > ${String(after)}::bigint and seq <= ${String(head)}::bigint
      and incident_id <> all(${[...hidden]}::text[])
    order by seq limit ${limit + 1}`.execute(db);
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  const cursor = hasMore && last ? Number(last.at) : Math.max(after, head);
  return { events: page.map((r) => r.body), cursor, hasMore };
}

/** One stream's rows after `after` up to `head`, in log order. */
export async function pullStream(db: Kysely<Database>, workspaceId: string, streamId: string, after: number, limit: number, head: number): Promise<VisiblePage> {
  const rows = await db.selectFrom('events').select(['seq', 'body'])
    .where('workspace_id', '=', workspaceId).where('incident_id', '=', streamId)
    .where('seq', '>', String(after)).where('seq', '<=', String(head))
    .orderBy('seq').limit(limit + 1).execute();
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { events: page.map((r) => r.body), cursor: hasMore && last ? Number(last.seq) : Math.max(after, head), hasMore };
}
