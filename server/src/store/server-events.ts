// Events the server writes in its own name (alerts, delivery results): stamped by the server's clock, stored
// through the same path as a device's push (sequence under the counter lock, notify, realtime poke).
import { createEvent, type NewEventOptions } from '@shared/incident/create';
import type { EventType, IncidentEvent, PayloadInput } from '@shared/incident/events';
import { SERVER_ACTOR, SERVER_DEVICE_ID } from '@shared/sync/server-actor';
import type { ServerContext } from '../context';
import { pushEvents } from './events';
import { noteWrite } from '../access/load';
import { carriedEvents } from '../realtime/hub';

/** One event the server wants to write. Pass a deterministic `id` (e.g. uuid v5 of the alert) to make retries no-ops. */
export type ServerEventDraft = {
  [T in EventType]: { incidentId: string; type: T; payload: PayloadInput<T> } & NewEventOptions;
}[EventType];

export interface ServerEventsResult {
  /** The events as built now; for an id that was already stored, the stored one stays (first write wins). */
  events: IncidentEvent[];
  /** Ids stored by this call (absent: already there from an earlier attempt). */
  insertedIds: string[];
  seq: number;
}

/**
 * Build every draft with createEvent as SERVER_ACTOR (the same validation a device's events get, so a bad
 * draft throws before anything is written), sign each with the server's key, and store them in one transaction.
 * Pokes listeners when new.
 */
export async function appendServerEvents(
  ctx: Pick<ServerContext, 'db' | 'clock' | 'now' | 'hub' | 'instanceId' | 'trackWrite' | 'serverKey'>,
  workspaceId: string,
  drafts: readonly ServerEventDraft[],
): Promise<ServerEventsResult> {
  const eventCtx = { clock: ctx.clock, actor: { ...SERVER_ACTOR }, now: ctx.now };
  const built = drafts.map((d) => {
    const options: NewEventOptions = {};
    if (d.id !== undefined) options.id = d.id;
    if (d.occurredAt !== undefined) options.occurredAt = d.occurredAt;
    // The mapped draft type keeps type and payload paired; createEvent's generic cannot see that through a union.
    return createEvent(eventCtx, d.incidentId, d.type as EventType, d.payload as never, options) as IncidentEvent;
  });
  // Signed with the server's key, so a console can give them back after the server went back (routes/relay.ts).
  const events = await Promise.all(built.map((e) => ctx.serverKey.sign(e, workspaceId)));
  // Ids already stored keep their first version (first write wins): only the new ones are folded as built.
  const result = await ctx.trackWrite(noteWrite(ctx.db, workspaceId,
    pushEvents(ctx.db, workspaceId, SERVER_DEVICE_ID, events, ctx.instanceId, { existing: 'keep' }), (r) => events.filter((e) => r.insertedIds.includes(e.id))));
  if (result.insertedIds.length > 0) ctx.hub.poke(workspaceId, result.seq, carriedEvents(events, result));
  return { events, insertedIds: result.insertedIds, seq: result.seq };
}
