// Admin routes for integration tokens: list, create (the token is shown once), revoke.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createIntegrationSchema } from '@shared/alerts/integration-protocol';
import { authBeforeBody, authenticate, requireAdmin } from '../auth/guard';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import { createIntegration, listIntegrations, revokeIntegration } from '../store/integrations';
import { parseOr400 } from './validate';

const idParams = z.object({ id: z.string().min(1).max(100) });

export function registerIntegrationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/integrations', { preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    requireAdmin(caller);
    return { integrations: await listIntegrations(ctx.db, caller.workspaceId) };
  });

  app.post('/integrations', { preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    requireAdmin(caller);
    const body = parseOr400(createIntegrationSchema, request.body ?? {}, 'body');
    const created = await ctx.trackWrite(createIntegration(ctx.db, caller.workspaceId, body.name, caller.deviceId));
    request.log.info({ workspace: caller.workspaceId, integration: created.id, by: caller.deviceId }, 'integration token created');
    return created;
  });

  app.post('/integrations/:id/revoke', { preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    requireAdmin(caller);
    const { id } = parseOr400(idParams, request.params, 'params');
    if (!(await revokeIntegration(ctx.db, caller.workspaceId, id))) throw new ApiError(404, 'not_found', 'no such integration in this workspace');
    request.log.info({ workspace: caller.workspaceId, integration: id, by: caller.deviceId }, 'integration token revoked');
    return { revoked: id };
  });
}
