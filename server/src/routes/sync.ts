// POST /sync/push and GET /sync/pull: the whole sync contract; the realtime channel is only a hint on top.
import type { FastifyInstance } from 'fastify';
import { parseEvent, type IncidentEvent } from '@shared/incident/events';
import { decodeHlc, encodeHlc, MAX_DRIFT_MS, type HybridClock } from '@shared/hlc/hlc';
import { pullQuerySchema, pushRequestSchema } from '@shared/sync/protocol';
import { authenticate, requireWorkspace } from '../auth/guard';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import { pullEvents, pushEvents } from '../store/events';
import { parseOr400 } from './validate';

/** A push of 500 events of the largest allowed size fits; anything beyond is refused before parsing. */
export const PUSH_BODY_LIMIT = 12 * 1024 * 1024;

function validateBatch(raw: unknown[], now: number): IncidentEvent[] {
  const events: IncidentEvent[] = [];
  for (let index = 0; index < raw.length; index++) {
    const parsed = parseEvent(raw[index]);
    if (!parsed.ok) {
      const path = parsed.error.split(':')[0] ?? '';
      throw new ApiError(400, 'invalid_event', `events[${index}].${parsed.error}`, { index, path });
    }
    const wall = decodeHlc(parsed.event.hlc).wall;
    if (wall - now > MAX_DRIFT_MS) {
      throw new ApiError(422, 'clock_skew',
        `events[${index}].hlc is ${Math.round((wall - now) / 1000)} s ahead of server time (limit ${MAX_DRIFT_MS / 1000} s); fix this device's clock`,
        { index, path: 'hlc' });
    }
    events.push(parsed.event);
  }
  return events;
}

function maxHlc(events: IncidentEvent[]): string | undefined {
  let max: string | undefined;
  for (const e of events) if (max === undefined || e.hlc > max) max = e.hlc;
  return max;
}

function stampServerClock(clock: HybridClock, events: IncidentEvent[]): string {
  const max = maxHlc(events);
  if (max) clock.receive(decodeHlc(max)); // within the drift bound: checked above
  return encodeHlc(clock.now());
}

export function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/sync/push', { bodyLimit: PUSH_BODY_LIMIT }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    const body = parseOr400(pushRequestSchema, request.body, 'body');
    requireWorkspace(caller, body.workspace);
    const events = validateBatch(body.events, ctx.now());
    const result = await ctx.trackWrite(pushEvents(ctx.db, caller.workspaceId, caller.deviceId, events, ctx.instanceId));
    if (result.inserted > 0) ctx.hub.poke(caller.workspaceId, result.seq);
    ctx.metrics.pushedEvents.inc({ outcome: 'inserted' }, result.inserted);
    ctx.metrics.pushedEvents.inc({ outcome: 'duplicate' }, result.acked.length - result.inserted);
    request.log.info({ workspace: caller.workspaceId, device: caller.deviceId, received: events.length, inserted: result.inserted, seq: result.seq }, 'push');
    return { acked: result.acked, serverHlc: stampServerClock(ctx.clock, events), seq: result.seq };
  });

  app.get('/sync/pull', async (request) => {
    const caller = await authenticate(ctx.db, request);
    const query = parseOr400(pullQuerySchema, request.query, 'query');
    requireWorkspace(caller, query.workspace);
    const page = await pullEvents(ctx.db, caller.workspaceId, query.after, query.limit);
    ctx.metrics.pulledEvents.inc(page.events.length);
    return page;
  });
}
