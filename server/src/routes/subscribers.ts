// The status page's subscribers for the console (/api/v1): any member gets how many an update would reach (the
// composer shows it before Post); only an admin sees addresses (the Server page's export) and deletes one.
// Personal data: nothing here is public, nothing is in the event log.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authBeforeBody, authenticate, requireAdmin } from '../auth/guard';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import { countReached, deleteSubscriber, listSubscribers, sweepSubscribers } from '../subscribers/store';
import { parseOr400 } from './validate';

const componentId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'expected a component id').max(100);
const countQuery = z.object({
  /** Comma-separated component ids; absent or empty: an update about no component in particular (every subscriber). */
  components: z.string().max(10_000).optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : []))
    .pipe(z.array(componentId).max(100)),
});
const idParams = z.object({ id: z.string().uuid('expected a subscriber id') });

export function registerSubscriberRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/subscribers/count', { preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    const { components } = parseOr400(countQuery, request.query ?? {}, 'query');
    return { count: await countReached(ctx.db, caller.workspaceId, components.length ? components : null, new Date(ctx.now())) };
  });

  // The export: every address with what it subscribed to and when (a person's request for their data, or a move).
  app.get('/subscribers', { preParsing: authBeforeBody(ctx.db) }, async (request, reply) => {
    const caller = await authenticate(ctx.db, request);
    requireAdmin(caller);
    await sweepSubscribers(ctx.db, new Date(ctx.now()));
    const subscribers = (await listSubscribers(ctx.db, caller.workspaceId)).map((s) => ({
      id: s.id, email: s.email, components: s.componentIds, state: s.confirmedAt ? 'confirmed' : 'waiting for confirmation',
      createdAt: s.createdAt.toISOString(), confirmedAt: s.confirmedAt?.toISOString() ?? null,
    }));
    request.log.info({ workspace: caller.workspaceId, by: caller.deviceId, count: subscribers.length }, 'subscribers exported');
    reply.header('cache-control', 'no-store');
    return { subscribers };
  });

  app.post('/subscribers/:id/delete', { preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    requireAdmin(caller);
    const { id } = parseOr400(idParams, request.params, 'params');
    if (!(await ctx.trackWrite(deleteSubscriber(ctx.db, caller.workspaceId, id)))) throw new ApiError(404, 'not_found', 'no such subscriber (already deleted or unsubscribed)');
    request.log.info({ workspace: caller.workspaceId, subscriber: id, by: caller.deviceId }, 'subscriber deleted by an admin');
    return { deleted: id };
  });
}
