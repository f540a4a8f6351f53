// POST /sync/relay: after the server's history went back, a console gives back events other devices (or the server)
// wrote, as relayed copies: each keeps its author, names the relaying device, and is stored only when its signer's
// signature verifies and only if the server lacks it (a relayed copy never changes an event the server has). Unlike a
// push, every event is judged on its own: the answer lists what was stored and what was refused, and why.
import type { FastifyInstance } from 'fastify';
import type { IncidentEvent } from '@shared/incident/events';
import { pushRequestSchema } from '@shared/sync/protocol';
import { authBeforeBody, authenticate, bearerToken, requireWorkspace } from '../auth/guard';
import { sha256 } from '../auth/secrets';
import { checkRelaySignatures, type Refusal, type RelayPolicy } from '../auth/signatures';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import { noteWrite } from '../access/load';
import { pushEvents } from '../store/events';
import { PUSH_BODY_LIMIT, readEvent, stampServerClock } from './sync';
import { parseOr400 } from './validate';

export function registerRelayRoute(app: FastifyInstance, ctx: ServerContext, policy: Omit<RelayPolicy, 'serverPublicKey'>): void {
  app.post('/sync/relay', { bodyLimit: PUSH_BODY_LIMIT, preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    const body = parseOr400(pushRequestSchema, request.body, 'body');
    requireWorkspace(caller, body.workspace);
    const refused: Refusal[] = [];
    const candidates: Array<{ index: number; event: IncidentEvent }> = [];
    const now = ctx.now();
    body.events.forEach((raw, index) => {
      const read = readEvent(raw, index, now);
      if ('error' in read) { refused.push({ index, id: idOf(raw), error: read.error, message: read.message }); return; }
      const mark = read.event.relayed;
      if (mark?.by.deviceId !== caller.deviceId) {
        refused.push({ index, id: read.event.id, error: 'actor_mismatch', message: `events[${index}].relayed.by.deviceId: a relayed copy must name the relaying device (${caller.deviceId})` });
        return;
      }
      candidates.push({ index, event: read.event });
    });
    refused.push(...await checkRelaySignatures(ctx.db, caller.workspaceId, caller, candidates, { ...policy, serverPublicKey: ctx.serverKey.publicKey }));
    const refusedAt = new Set(refused.map((r) => r.index));
    const accepted = candidates.filter((c) => !refusedAt.has(c.index)).map((c) => c.event);
    const tokenHash = sha256(bearerToken(request) as string);
    // 'keep': an id the server holds stays exactly as it is; the copy is acknowledged and changes nothing.
    // Folded as they commit, like every write (server/src/access/load.ts): a relayed restriction hides at once.
    const result = await ctx.trackWrite(noteWrite(ctx.db, caller.workspaceId,
      pushEvents(ctx.db, caller.workspaceId, caller.deviceId, accepted, ctx.instanceId, { existing: 'keep', tokenHash }),
      (r) => (r.unauthorized ? [] : accepted.filter((e) => r.insertedIds.includes(e.id)))));
    if (result.unauthorized) throw new ApiError(401, 'unauthorized', 'unknown or revoked device token; join the workspace again');
    if (result.inserted > 0) ctx.hub.poke(caller.workspaceId, result.seq);
    ctx.metrics.pushedEvents.inc({ outcome: 'relayed' }, result.inserted);
    request.log.info({ workspace: caller.workspaceId, device: caller.deviceId, received: body.events.length, inserted: result.inserted, refused: refused.length }, 'relay');
    return {
      acked: result.acked,
      refused: refused.sort((a, b) => a.index - b.index),
      serverHlc: stampServerClock(ctx.clock, accepted),
      seq: result.seq,
      epoch: result.epoch,
    };
  });
}

function idOf(raw: unknown): string {
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 100) : '';
}
