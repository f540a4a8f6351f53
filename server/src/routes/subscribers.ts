// The status page's subscribers for the console (/api/v1): any member gets how many an update would reach (the
// composer shows it before Post); only an admin counts them all, sees addresses (the Server page's export and its
// search by address) and deletes one or every one. Personal data: nothing here is public, nothing is in the event
// log, and no answer carries a confirmation token, an unsubscribe link or the workspace's unsubscribe key.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authBeforeBody, authenticate, requireAdmin } from '../auth/guard';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import { deleteAllSubscribersSchema, type SubscriberRecord } from '@shared/statuspage/subscribers-protocol';
import { emailAddress } from '@shared/incident/events-delivery';
import { countReached, deleteAllSubscribers, deleteSubscriber, listSubscribers, subscriberSummary, sweepSubscribers, type Subscriber } from '../subscribers/store';
import { parseOr400 } from './validate';

const componentId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'expected a component id').max(100);
const countQuery = z.object({
  /** Comma-separated component ids; absent or empty: an update about no component in particular (every subscriber). */
  components: z.string().max(10_000).optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : []))
    .pipe(z.array(componentId).max(100)),
});
const idParams = z.object({ id: z.string().uuid('expected a subscriber id') });
const listQuery = z.object({ email: emailAddress.optional() });

const record = (s: Subscriber): SubscriberRecord => ({
  id: s.id, email: s.email, components: s.componentIds, state: s.confirmedAt ? 'confirmed' : 'waiting for confirmation',
  createdAt: s.createdAt.toISOString(), confirmedAt: s.confirmedAt?.toISOString() ?? null,
});

export function registerSubscriberRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/subscribers/count', { preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    const { components } = parseOr400(countQuery, request.query ?? {}, 'query');
    return { count: await countReached(ctx.db, caller.workspaceId, components.length ? components : null, new Date(ctx.now())) };
  });

  app.get('/subscribers/summary', { preParsing: authBeforeBody(ctx.db) }, async (request, reply) => {
    const caller = await authenticate(ctx.db, request);
    requireAdmin(caller);
    await sweepSubscribers(ctx.db, new Date(ctx.now()));
    reply.header('cache-control', 'no-store');
    return subscriberSummary(ctx.db, caller.workspaceId);
  });

  // The export (every address with what it subscribed to and when: a person's request for their data, or a move), or
  // with ?email= the one address an admin looks for (to delete it on the person's request).
  app.get('/subscribers', { preParsing: authBeforeBody(ctx.db) }, async (request, reply) => {
    const caller = await authenticate(ctx.db, request);
    requireAdmin(caller);
    const { email } = parseOr400(listQuery, request.query ?? {}, 'query');
    await sweepSubscribers(ctx.db, new Date(ctx.now()));
    const subscribers = (await listSubscribers(ctx.db, caller.workspaceId, email === undefined ? {} : { email })).map(record);
    request.log.info({ workspace: caller.workspaceId, by: caller.deviceId, count: subscribers.length, search: email !== undefined }, email === undefined ? 'subscribers exported' : 'subscriber looked up');
    reply.header('cache-control', 'no-store');
    return { subscribers };
  });

  app.post('/subscribers/delete-all', { preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    requireAdmin(caller);
    parseOr400(deleteAllSubscribersSchema, request.body ?? {}, 'body');
    const deleted = await ctx.trackWrite(deleteAllSubscribers(ctx.db, caller.workspaceId));
    request.log.info({ workspace: caller.workspaceId, by: caller.deviceId, deleted }, 'every subscriber deleted by an admin');
    return { deleted };
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
