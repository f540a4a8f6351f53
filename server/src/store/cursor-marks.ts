// The mark of the event at a sequence number (docs/server.md, "Recovery: epochs and the re-push"): a short hash of its
// id, which a pull answers for `after` and for its cursor. A console keeps its cursor's mark; when the event under
// that number is another one (a data directory put back from a copy: same epoch, head moved past the cursor by new
// writes), it knows the history went back. A hash, not the id: the number may hold an event the caller may not read.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export const markOf = (id: string): string => createHash('sha256').update(id).digest('base64url').slice(0, 16);

/** The marks of the events at these sequence numbers (a number with no event, or 0, maps to null). */
export async function cursorMarks(db: Kysely<Database>, workspaceId: string, seqs: readonly number[]): Promise<Map<number, string | null>> {
  const wanted = [...new Set(seqs.filter((s) => s > 0))];
  const out = new Map<number, string | null>(seqs.map((s) => [s, null]));
  if (wanted.length === 0) return out;
  const rows = await db.selectFrom('events').select(['seq', 'id'])
    .where('workspace_id', '=', workspaceId).where('seq', 'in', wanted.map(String)).execute();
  for (const row of rows) out.set(Number(row.seq), markOf(row.id));
  return out;
}
