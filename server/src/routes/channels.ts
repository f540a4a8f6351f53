// Outbound channels of the workspace (Server page → Integrations): any member lists names and kinds (the
// composer's chat options, paging); an admin adds, replaces and removes destinations and runs "Send test".
// URLs and signing secrets go in and never come back out.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { adapterOf, type ConfigurableKind } from '@shared/delivery/channels/registry';
import { CHANNEL_KINDS, channelName, channelTestRequestSchema, createChannelSchema, type ChannelTestResult } from '@shared/delivery/channels-protocol';
import { authBeforeBody, authenticate, requireAdmin } from '../auth/guard';
import type { ServerContext } from '../context';
import { createChannels } from '../deliveries/channels';
import type { DeliverySettings } from '../deliveries/types';
import { ApiError } from '../errors';
import { DENY_INTERNAL, refusedUrl, refusalAdvice } from '../outbound/policy';
import { listChannels, removeChannel, resolveDestination, saveChannel } from '../store/channels';
import { parseOr400 } from './validate';

const channelParams = z.object({ kind: z.enum(CHANNEL_KINDS), name: channelName });

export function registerChannelRoutes(app: FastifyInstance, ctx: ServerContext, settings: DeliverySettings | undefined): void {
  const channels = createChannels(ctx.db);
  app.get('/channels', { preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    return { channels: await listChannels(ctx.db, caller.workspaceId, settings, channels) };
  });

  app.post('/channels', { preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    requireAdmin(caller);
    const body = parseOr400(createChannelSchema, request.body ?? {}, 'body');
    // An internal address is refused here, in whatever spelling, and again on the resolved address at each send.
    const refused = refusedUrl(body.url, settings?.outbound ?? DENY_INTERNAL);
    if (refused) throw new ApiError(400, 'invalid_request', `body.url: ${refused}; ${refusalAdvice}`, { path: 'url' });
    const channel = await ctx.trackWrite(saveChannel(ctx.db, caller.workspaceId, body, caller.deviceId));
    // The log names the destination, never its URL or secret.
    request.log.info({ workspace: caller.workspaceId, kind: channel.kind, name: channel.name, host: channel.where, by: caller.deviceId }, 'outbound channel saved');
    return { channel };
  });

  app.post('/channels/:kind/:name/remove', { preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    requireAdmin(caller);
    const { kind, name } = parseOr400(channelParams, request.params, 'params');
    if (!(await ctx.trackWrite(removeChannel(ctx.db, caller.workspaceId, kind, name)))) {
      throw new ApiError(404, 'not_found', `no ${kind} destination "${name}" was added in the console (one set in the server's environment is removed there)`);
    }
    request.log.info({ workspace: caller.workspaceId, kind, name, by: caller.deviceId }, 'outbound channel removed');
    return { removed: `${kind}:${name}` };
  });

  app.post('/channels/:kind/:name/test', { preParsing: authBeforeBody(ctx.db) }, async (request): Promise<ChannelTestResult> => {
    const caller = await authenticate(ctx.db, request);
    requireAdmin(caller);
    const { kind, name } = parseOr400(channelParams, request.params, 'params');
    const body = parseOr400(channelTestRequestSchema, request.body ?? {}, 'body');
    if (!settings) return { ok: false, detail: 'deliveries are not enabled on this server' };
    let destination;
    if (adapterOf(kind)?.setIn === 'console') {
      destination = await resolveDestination(ctx.db, caller.workspaceId, settings, kind as ConfigurableKind, name);
      if (!destination) throw new ApiError(404, 'not_found', `no ${kind} destination "${name}" is configured`);
    }
    const channel = channels.get(kind);
    if (!channel) throw new ApiError(404, 'not_found', `this server cannot send to ${kind}`);
    const result: ChannelTestResult = await channel.test({ ...(destination ? { destination } : {}), ...(body.to ? { to: body.to } : {}), by: caller.displayName }, settings);
    // A bad configuration is visible in the server's log too, with the same words the console shows.
    if (result.ok) request.log.info({ workspace: caller.workspaceId, kind, name, detail: result.detail }, 'channel test sent');
    else request.log.warn({ workspace: caller.workspaceId, kind, name, reason: result.detail }, 'channel test failed');
    return result;
  });
}
