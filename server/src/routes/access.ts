// POST /join with an invite; admin routes: list and revoke devices, create invites. All scoped to the caller.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { deviceIdSchema, inviteRequestSchema, joinRequestSchema } from '@shared/sync/protocol';
import { accessForWrite } from '../access/load';
import { authBeforeBody, authenticate, requireAdmin } from '../auth/guard';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import { createInvite, joinWithInvite, listDevices, revokeDevice } from '../store/workspaces';
import { parseOr400 } from './validate';

/** Device ids are server-made UUIDs or a console's own id: anything else (a NUL byte, ...) cannot name one. */
const deviceParams = z.object({ id: deviceIdSchema });

export function registerAccessRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // Invite codes are guessable only by brute force: keep that slow.
  // Keyed by IP alone: a made-up bearer header must not buy a fresh bucket.
  app.post('/join', { config: { rateLimit: { max: ctx.joinRateLimitPerMinute, timeWindow: 60_000, keyGenerator: (request) => `join:${request.ip}` } } }, async (request) => {
    const body = parseOr400(joinRequestSchema, request.body, 'body');
    const standing = async (workspaceId: string) => (await accessForWrite(ctx.db, workspaceId)).personsWithStanding();
    const joined = await ctx.trackWrite(joinWithInvite(ctx.db, body.inviteCode, body, standing));
    if ('refused' in joined) {
      if (joined.refused === 'invite') throw new ApiError(403, 'invalid_invite', 'invite code unknown, expired or already used');
      throw new ApiError(409, 'name_taken', joined.message);
    }
    request.log.info({ workspace: joined.workspace, device: joined.deviceId, role: joined.role }, 'device joined');
    return joined;
  });

  app.get('/devices', { preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    requireAdmin(caller);
    return { devices: await listDevices(ctx.db, caller.workspaceId) };
  });

  app.post('/devices/:id/revoke', { preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    requireAdmin(caller);
    const { id } = parseOr400(deviceParams, request.params, 'params');
    if (!(await revokeDevice(ctx.db, caller.workspaceId, id, ctx.instanceId))) throw new ApiError(404, 'not_found', 'no such device in this workspace');
    ctx.disconnectDevice(id); // other instances close theirs on the revoke notification
    request.log.info({ workspace: caller.workspaceId, device: id, by: caller.deviceId }, 'device revoked');
    return { revoked: id };
  });

  app.post('/invites', { preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    requireAdmin(caller);
    const body = parseOr400(inviteRequestSchema, request.body ?? {}, 'body');
    return createInvite(ctx.db, caller.workspaceId, { ...body, createdBy: caller.deviceId });
  });
}
