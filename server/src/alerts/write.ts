// Writes alert events as the server: stamps them with the server's clock and identity and stores them through
// the push path (sequence numbers, notify, realtime poke). The ONE place alert intake writes events.
import { createEvent } from '@shared/incident/create';
import type { IncidentEvent } from '@shared/incident/events';
import type { AlertEventDraft } from '@shared/alerts/intake';
import type { ServerContext } from '../context';
import { pushEvents } from '../store/events';

const SERVER_ACTOR = { name: 'Server', deviceId: 'server' };

export async function writeAlertEvents(ctx: ServerContext, workspaceId: string, drafts: AlertEventDraft[]): Promise<{ inserted: number; seq: number }> {
  // createEvent validates each whole event: a draft that would be refused anywhere fails before anything is stored.
  const events = drafts.map((d) => createEvent({ clock: ctx.clock, actor: SERVER_ACTOR, now: ctx.now }, d.incidentId, d.type, d.payload as never, { id: d.id, occurredAt: d.occurredAt }) as IncidentEvent);
  const result = await ctx.trackWrite(pushEvents(ctx.db, workspaceId, SERVER_ACTOR.deviceId, events, ctx.instanceId));
  if (result.inserted > 0) ctx.hub.poke(workspaceId, result.seq);
  return { inserted: result.inserted, seq: result.seq };
}
