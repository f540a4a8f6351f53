// The server's own Prometheus metrics (prom-client): requests, sync push/pull, alert intake, realtime sockets.
import type { FastifyInstance } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ServerMetrics {
  registry: Registry;
  pushedEvents: Counter<'outcome'>;
  pulledEvents: Counter;
  intakeNotifications: Counter<'source' | 'outcome'>;
  intakeAlerts: Counter<'source' | 'status'>;
}

/** One registry per server instance (tests start several in one process). */
export function createMetrics(realtimeSockets: () => number): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({ name: 'ic_realtime_sockets', help: 'Open realtime (WebSocket) connections', registers: [registry], collect() { this.set(realtimeSockets()); } });
  return {
    registry,
    pushedEvents: new Counter({ name: 'ic_sync_push_events_total', help: 'Events received by push, by outcome (inserted or duplicate)', labelNames: ['outcome'], registers: [registry] }),
    pulledEvents: new Counter({ name: 'ic_sync_pull_events_total', help: 'Events served by pull', registers: [registry] }),
    intakeNotifications: new Counter({ name: 'ic_intake_notifications_total', help: 'Alert notifications received, by source and outcome', labelNames: ['source', 'outcome'], registers: [registry] }),
    intakeAlerts: new Counter({ name: 'ic_intake_alerts_total', help: 'Alerts in accepted notifications, by source and status', labelNames: ['source', 'status'], registers: [registry] }),
  };
}

/** Constant-time comparison of a presented bearer token with the configured one (hashed: equal lengths). */
function tokenMatches(header: string | undefined, expected: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!presented) return false;
  const digest = (t: string) => createHash('sha256').update(t).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * Counts and times every request by its route pattern (never the raw URL: ids and tokens stay out of labels).
 * With `token` (METRICS_TOKEN), /metrics answers only `Authorization: Bearer <token>` (Prometheus's
 * `authorization` scrape setting); without it, /metrics is open, as on a private network.
 */
export function instrumentRequests(app: FastifyInstance, metrics: ServerMetrics, token?: string): void {
  const requests = new Counter({ name: 'ic_http_requests_total', help: 'HTTP requests by method, route and status', labelNames: ['method', 'route', 'status'], registers: [metrics.registry] });
  const latency = new Histogram({
    name: 'ic_http_request_duration_seconds', help: 'HTTP request latency by method and route (push and pull included)',
    labelNames: ['method', 'route'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [metrics.registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', async (request, reply) => {
    if (token !== undefined && !tokenMatches(request.headers.authorization, token)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      return reply.code(401).send({ error: 'unauthorized', message: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>' });
    }
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
