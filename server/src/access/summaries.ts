// The join read (GET /sync/summaries, issue #27): what a console that joins needs to list every incident without its
// history. For every stream the console may read: the events the incident list's summary folds (declaration, status,
// severity, classification, visibility) and the stream's newest event (its last activity), up to the workspace's head,
// plus how many events each stream holds. The console folds these with the fold it uses for everything it stores, then
// reads whole only what it needs now (the active incidents, the workspace streams) and the rest when opened.
import { sql, type Kysely } from 'kysely';
import { SUMMARY_EVENT_TYPES } from '@shared/incident/summary-types';
import type { Database } from '../db/schema';

export interface StreamSize {
  stream: string;
  /** Events the log holds for the stream (at least those up to the head read with it). */
  events: number;
}

export interface SummaryRead {
  /** In log order, each once. */
  events: unknown[];
  /** Every stream the console may read that has events, by id. */
  streams: StreamSize[];
}

interface SizeRow { stream: string; events: string; last: string }

/**
 * The summary rows of every readable stream up to `head`: two index reads (events_summary for the folded types, the
 * unique (workspace_id, seq) for each stream's newest row) and the per-stream sizes (event_streams), never a scan of
 * the log. Hidden streams are left out of both, in the statements themselves.
 */
export async function readSummaries(db: Kysely<Database>, workspaceId: string, head: number, hidden: readonly string[]): Promise<SummaryRead> {
  const { rows: sizes } = await sql<SizeRow>`select incident_id as stream, events::text as events, last_seq::text as last from event_streams
    where workspace_id = ${workspaceId} and incident_id <> all(${[...hidden]}::text[])
    order by incident_id`.execute(db);
  const newest = sizes.map((s) => s.last).filter((last) => Number(last) <= head);
  const { rows } = await sql<{ body: unknown }>`select e.body from events e
    where e.workspace_id = ${workspaceId} and e.seq in (
      select seq from events
        where workspace_id = ${workspaceId} and seq <= ${String(head)}::bigint
          and type in (${sql.join(SUMMARY_EVENT_TYPES.map((t) => sql.lit(t)))})
      union
      select unnest(${newest}::bigint[]))
      and e.incident_id <> all(${[...hidden]}::text[])
    order by e.seq`.execute(db);
  return { events: rows.map((r) => r.body), streams: sizes.map((s) => ({ stream: s.stream, events: Number(s.events) })) };
}
