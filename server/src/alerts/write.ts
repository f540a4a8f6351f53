// Writes alert events as the server: the ONE place alert intake writes events, through appendServerEvents
// (SERVER_ACTOR, the server's clock, the push path; deterministic ids make a retried webhook a no-op).
import type { AlertEventDraft } from '@shared/alerts/intake';
import type { ServerContext } from '../context';
import { appendServerEvents, type ServerEventDraft } from '../store/server-events';

export async function writeAlertEvents(ctx: ServerContext, workspaceId: string, drafts: AlertEventDraft[]): Promise<{ inserted: number; seq: number }> {
  // AlertEventDraft pairs type and payload loosely (generic default); createEvent validates each payload.
  const result = await appendServerEvents(ctx, workspaceId, drafts as ServerEventDraft[]);
  return { inserted: result.insertedIds.length, seq: result.seq };
}
