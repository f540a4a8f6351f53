// Builds the HTTP server: API under /api/v1, realtime pokes, LISTEN/NOTIFY on PostgreSQL, and the web build.
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import { HybridClock } from '@shared/hlc/hlc';
import { API_PREFIX } from '@shared/sync/protocol';
import { bearerToken, verifiedCaller, verifyBearer } from './auth/guard';
import { tokenCacheFor } from './auth/token-cache';
import type { ServerContext } from './context';
import type { Store } from './db/open';
import { ApiError, clientErrorHandler, installErrorHandler } from './errors';
import { consoleHeaders } from './public/headers';
import { PokeHub } from './realtime/hub';
import { accessPokeGate } from './access/pokes';
import { markExclusiveWriter } from './access/load';
import { listenForPokes, type Listener } from './realtime/listen';
import { registerAccessRoutes } from './routes/access';
import { registerAckRoutes } from './routes/ack';
import { registerChannelRoutes } from './routes/channels';
import { registerHealthRoutes } from './routes/health';
import { registerIntakeRoutes } from './routes/intake';
import { registerIntegrationRoutes } from './routes/integrations';
import { registerRealtimeRoute } from './routes/realtime';
import { registerStatusPageRoutes } from './routes/status-page';
import { registerSubscribeRoutes } from './routes/subscribe';
import { registerSubscriberRoutes } from './routes/subscribers';
import { registerSyncRoutes } from './routes/sync';
import { registerRelayRoute } from './routes/relay';
import { registerKeyRoutes } from './routes/keys';
import { loadServerKey } from './store/server-key';
import { refuseUnstorableInput } from './routes/validate';
import { createMetrics, instrumentRequests } from './metrics';
import { latestSeq } from './store/events';
import { checkStoreIdentity } from './store/epoch';
import type { DeliverySettings } from './deliveries/types';
import { startDeliveryWorker, type DeliveryWorker } from './deliveries/worker';

export interface ServerOptions {
  store: Store;
  /** Directory of the browser build to serve at / (skipped when it holds no index.html). */
  webDir?: string;
  logger?: FastifyServerOptions['logger'];
  /** Requests per minute per device token (or per IP without one). */
  rateLimitPerMinute?: number;
  joinRateLimitPerMinute?: number;
  /** Alert notifications per minute per sending IP (default 600). */
  intakeRateLimitPerMinute?: number;
  /** Wall clock for the drift check and the server's HLC (default Date.now); tests simulate time passing. */
  now?: () => number;
  /** Delivery settings (config.ts); when given, this instance runs the delivery worker. */
  deliveries?: DeliverySettings;
  /** METRICS_TOKEN: when set, GET /metrics needs it as a bearer token. */
  metricsToken?: string;
  /** Alert sources' signing secrets by source id (SENTRY_CLIENT_SECRET: 'sentry'); a source with one has its bodies' signatures checked. */
  intakeSecrets?: Readonly<Record<string, string>>;
  /** RELAY_UNVERIFIED: 'admins' lets admin devices relay events whose signature cannot be checked (recovery mode). */
  relayUnverified?: 'refuse' | 'admins';
}

export interface SyncServer {
  app: FastifyInstance;
  hub: PokeHub;
  instanceId: string;
  /** What routes share (db, clock, hub, ...): for server-side work outside a request, e.g. appendServerEvents. */
  ctx: ServerContext;
  /** The delivery worker, when deliveries are configured. */
  deliveries?: DeliveryWorker;
  /** Resolves when LISTEN is active (immediately for PGlite). */
  listening: Promise<void>;
  /** Graceful: refuse new work, let in-flight requests and writes finish, drop sockets. Leaves the store open. */
  close(): Promise<void>;
}

const DEFAULT_BODY_LIMIT = 256 * 1024;

export async function createSyncServer(options: ServerOptions): Promise<SyncServer> {
  const { store } = options;
  const instanceId = randomUUID();
  const hub = new PokeHub();
  hub.setGate(accessPokeGate(store.db));
  // The embedded store has one writer, this process (its lock file): who may see what is kept in memory.
  if (store.kind === 'pglite') markExclusiveWriter(store.db);
  const sockets = new Map<string, Set<WebSocket>>();
  const writes = new Set<Promise<unknown>>();
  let shuttingDown = false;
  const worker: { current?: DeliveryWorker } = {}; // set once the worker runs (it needs ctx first)
  const serverKey = await loadServerKey(store.db);

  const ctx: ServerContext = {
    db: store.db,
    hub,
    clock: new HybridClock(`server-${instanceId.slice(0, 8)}`, options.now ?? Date.now),
    now: options.now ?? Date.now,
    instanceId,
    joinRateLimitPerMinute: options.joinRateLimitPerMinute ?? 20,
    intakeRateLimitPerMinute: options.intakeRateLimitPerMinute ?? 600,
    serverKey,
    metrics: createMetrics(() => [...sockets.values()].reduce((n, set) => n + set.size, 0)),
    trackWrite(work) {
      writes.add(work);
      void work.finally(() => writes.delete(work)).catch(() => undefined);
      return work;
    },
    disconnectDevice(deviceId) {
      tokenCacheFor(store.db).forgetDevice(deviceId);
      for (const s of sockets.get(deviceId) ?? []) s.close(4401, 'revoked');
      sockets.delete(deviceId);
    },
    isShuttingDown: () => shuttingDown,
    deliveryRequested: () => worker.current?.kick(),
  };

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: DEFAULT_BODY_LIMIT,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // A URL that does not decode (%ED%A0%80, a lone surrogate) or a too long path segment: our error shape.
    frameworkErrors: (error, _request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      void (reply as FastifyReply).code(status).send({ error: 'invalid_request', message: error.message });
    },
    // A request node's HTTP parser refuses (bad method, duplicate Content-Length, headers over 16 KB): our shape too.
    clientErrorHandler,
  });
  installErrorHandler(app);
  // CSP, nosniff, no framing, no referrer on every answer; the public pages set their own stricter CSP per route.
  await app.register(fastifyHelmet, { global: true, ...consoleHeaders });
  instrumentRequests(app, ctx.metrics, options.metricsToken);
  // The desktop app (app:// origin) calls the API cross-origin. Auth is a bearer header, never a cookie,
  // so allowing any origin grants nothing a page could not already do with the token.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(API_PREFIX)) return;
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-allow-headers', 'authorization, content-type');
    reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
    reply.header('access-control-max-age', '600');
    if (request.method === 'OPTIONS') return reply.code(204).send();
  });
  // While draining, answer in-flight requests with Connection: close so keep-alive sockets do not hold shutdown open.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (shuttingDown) reply.header('connection', 'close');
    return payload;
  });

  // Verify a bearer token before the limiter (this hook is added first, so it runs first): only a token the
  // server accepted gets its own bucket; a made-up token counts against its IP like no token at all.
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith(API_PREFIX) || request.url.startsWith(`${API_PREFIX}/join`) || request.url.startsWith(`${API_PREFIX}/intake/`) || !bearerToken(request)) return;
    await verifyBearer(store.db, request).catch(() => undefined); // a failing lookup is reported by the route
  });
  await app.register(fastifyRateLimit, {
    global: true,
    max: options.rateLimitPerMinute ?? 1200,
    timeWindow: 60_000,
    keyGenerator: (request) => {
      const caller = verifiedCaller(request);
      return caller ? `d:${caller.deviceId}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, 'rate_limited', `too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`),
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: 4096 } });

  await app.register(async (api) => {
    // Push and intake check their bodies' text themselves (with the event index, or the alert's path).
    api.addHook('preValidation', refuseUnstorableInput((url) => url === `${API_PREFIX}/sync/push` || url === `${API_PREFIX}/sync/relay` || url.startsWith(`${API_PREFIX}/intake/`)));
    registerHealthRoutes(api, ctx);
    registerAccessRoutes(api, ctx);
    registerSyncRoutes(api, ctx);
    registerRelayRoute(api, ctx, { unverified: options.relayUnverified ?? 'refuse' });
    registerKeyRoutes(api, ctx);
    registerRealtimeRoute(api, ctx, sockets);
    registerIntegrationRoutes(api, ctx);
    // In a scope of its own: intake keeps each body's bytes (its JSON parser), for senders that sign them.
    await api.register(async (intake) => registerIntakeRoutes(intake, ctx, options.intakeSecrets ?? {}));
    registerChannelRoutes(api, ctx, options.deliveries);
    registerSubscriberRoutes(api, ctx);
  }, { prefix: API_PREFIX });
  // Health probes are also reachable at the root, where load balancers look.
  await app.register(async (root) => registerHealthRoutes(root, ctx));
  await app.register(async (root) => registerStatusPageRoutes(root, ctx, { publicUrl: options.deliveries?.publicUrl ?? '', subscribe: Boolean(options.deliveries?.smtpUrl) }));
  await app.register(async (root) => registerAckRoutes(root, ctx));
  await app.register(async (root) => registerSubscribeRoutes(root, ctx, options.deliveries));

  // A directory without the app shell is no web build (a wrong WEB_DIR): / then says how to build one.
  const webDir = options.webDir && existsSync(join(options.webDir, 'index.html')) ? options.webDir : undefined;
  if (webDir) await app.register(fastifyStatic, { root: webDir, index: ['index.html'], wildcard: false });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // Client-side routes get the app shell; a missing asset (has an extension) stays a 404.
    const reads = request.method === 'GET' || request.method === 'HEAD'; // HEAD answers as GET does, without the body
    const wantsPage = reads && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path) && webDir;
    if (wantsPage) return reply.sendFile('index.html'); // client-side routes of the single-page app
    if (!webDir && reads && !path.startsWith('/api/')) {
      return reply.code(404).send({ error: 'not_found', message: 'the console is not built on this server: run `npm run build:web`, then restart it (the API is at /api/v1)' });
    }
    return reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });

  // Another database than last time (a pg_restore, a point-in-time recovery, a failover): new epochs, so consoles
  // re-read and re-push. Checked at start and whenever the LISTEN connection had to reconnect (a failover drops it).
  const checkHistory = async () => {
    const identity = await checkStoreIdentity(store.db, store.kind);
    if (identity.changed) app.log.warn({ fingerprint: identity.fingerprint }, 'the database is not the one this server last used: every workspace starts a new history epoch');
  };
  await checkHistory();
  let listener: Listener | undefined;
  if (store.kind === 'postgres' && store.databaseUrl) {
    listener = listenForPokes(store.databaseUrl, hub, instanceId, app.log, async () => {
      await checkHistory();
      for (const ws of hub.workspaces()) hub.poke(ws, await latestSeq(store.db, ws));
    }, (deviceId) => ctx.disconnectDevice(deviceId));
  }

  // Beside the routes, never in their path: a slow or failing channel cannot hold up sync.
  const deliveries = options.deliveries
    ? await startDeliveryWorker(ctx, options.deliveries, app.log, { exclusive: store.kind === 'pglite' })
    : undefined;
  if (deliveries) worker.current = deliveries;

  return {
    app,
    hub,
    instanceId,
    ctx,
    ...(deliveries ? { deliveries } : {}),
    listening: listener?.ready ?? Promise.resolve(),
    async close() {
      shuttingDown = true;
      await deliveries?.stop();
      for (const set of sockets.values()) for (const s of set) s.close(1001, 'server shutting down');
      const sweep = setInterval(() => app.server.closeIdleConnections?.(), 50);
      try {
        await app.close();
      } finally {
        clearInterval(sweep);
      }
      await Promise.allSettled([...writes]);
      await listener?.close();
    },
  };
}
