// Signing keys: POST /sync/key (a device that joined before signing registers its key on its next connect) and
// GET /sync/keys (the keys a workspace's signatures are checked with: the server's and its devices'; archives
// carry them so an exported incident proves who wrote what).
import type { FastifyInstance } from 'fastify';
import { keyRequestSchema } from '@shared/sync/protocol';
import { authBeforeBody, authenticate, requireWorkspace } from '../auth/guard';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import { formerServerKeys, listDeviceKeys, registerDeviceKey } from '../store/workspaces';
import { parseOr400 } from './validate';

export function registerKeyRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/sync/key', { preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    const body = parseOr400(keyRequestSchema, request.body, 'body');
    requireWorkspace(caller, body.workspace);
    const result = await ctx.trackWrite(registerDeviceKey(ctx.db, caller.deviceId, body.publicKey));
    if (result.outcome === 'conflict') {
      throw new ApiError(409, 'key_conflict', 'this device registered another signing key before; connect again with a new invite to sign with this one');
    }
    if (result.outcome === 'registered') request.log.info({ workspace: caller.workspaceId, device: caller.deviceId }, 'device signing key registered');
    return { publicKey: body.publicKey, registeredAt: result.registeredAt };
  });

  app.get('/sync/keys', { preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    const [devices, formerServer] = await Promise.all([listDeviceKeys(ctx.db, caller.workspaceId), formerServerKeys(ctx.db, caller.workspaceId)]);
    return { server: ctx.serverKey.publicKey, formerServer, devices };
  });
}
