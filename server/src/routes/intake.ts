// POST /intake/<source>[/:token] (each source of shared/alerts/sources/registry.ts): alerts from monitoring, authenticated by an integration
// token, parsed leniently, triaged by the plan's intake rules and stored as server-authored events.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { foldAlertGroup } from '@shared/alerts/group';
import { alertStreamId } from '@shared/alerts/ids';
import { notificationEvents } from '@shared/alerts/intake';
import { INTAKE_KINDS } from '@shared/alerts/integration-protocol';
import { sourceOf } from '@shared/alerts/sources/registry';
import type { AlertSourceAdapter } from '@shared/alerts/sources/source';
import { intakePlan } from '../alerts/team-plan';
import { loadMaintenance } from '../maintenance/windows';
import { writeAlertEvents } from '../alerts/write';
import { incidentEvents } from '../deliveries/incident';
import { bearerToken } from '../auth/guard';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import { integrationForToken } from '../store/integrations';
import { parseOr400 } from './validate';

/** Alertmanager sends up to 1000 alerts of a group in one body; 1 MB holds that with long annotations. */
export const INTAKE_BODY_LIMIT = 1024 * 1024;

const params = z.object({ kind: z.enum(INTAKE_KINDS, { message: `expected one of ${INTAKE_KINDS.join(', ')}` }), token: z.string().max(200).optional() });

/** Hides the token of a path-token intake URL (for logs). */
export function maskIntakeToken(url: string): string {
  return url.replace(/(\/intake\/[a-z0-9-]+\/)[^/?#]+/i, '$1<token>');
}

/** The bytes each intake body arrived as: a sender's signature is over them, not over any re-serialisation. */
const rawBodies = new WeakMap<FastifyRequest, Buffer>();

/**
 * A signing source's check (`signature` in its adapter), when its secret is set: the header must be the hex
 * HMAC-SHA256 of the raw body with that secret, compared in constant time. Else 401 saying what was missing or wrong.
 */
function checkSignature(source: AlertSourceAdapter, request: FastifyRequest, secrets: Readonly<Record<string, string>>): void {
  const sig = source.signature;
  const secret = sig ? secrets[source.id] : undefined;
  if (!sig || !secret) return;
  const given = request.headers[sig.header.toLowerCase()];
  if (typeof given !== 'string' || given.trim() === '') {
    throw new ApiError(401, 'signature_required', `missing ${sig.header} header: this server checks ${source.shortName}'s signature (${sig.setting} is set)`);
  }
  const expected = createHmac('sha256', secret).update(rawBodies.get(request) ?? Buffer.alloc(0)).digest();
  const received = /^[0-9a-f]{64}$/i.test(given.trim()) ? Buffer.from(given.trim(), 'hex') : Buffer.alloc(0);
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    throw new ApiError(401, 'signature_invalid', `${sig.header} does not match the body: it must be the HMAC-SHA256 of the body with the integration's client secret (${sig.setting} on this server)`);
  }
}

export function registerIntakeRoutes(app: FastifyInstance, ctx: ServerContext, secrets: Readonly<Record<string, string>> = {}): void {
  // JSON as fastify parses it (its own parser: prototype poisoning refused), keeping the bytes for signatures.
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    rawBodies.set(request, body as Buffer);
    json(request, (body as Buffer).toString('utf8'), done);
  });
  const handler = async (request: FastifyRequest) => {
    const { kind, token: pathToken } = parseOr400(params, request.params, 'params');
    const token = pathToken ?? bearerToken(request);
    if (!token) throw new ApiError(401, 'unauthorized', 'missing integration token: send "Authorization: Bearer <token>" or post to /api/v1/intake/<kind>/<token>');
    const integration = await integrationForToken(ctx.db, token);
    if (!integration) {
      ctx.metrics.intakeNotifications.inc({ source: kind, outcome: 'unauthorized' });
      throw new ApiError(401, 'unauthorized', 'unknown or revoked integration token; create one in the Server page\'s Team section');
    }
    const now = ctx.now();
    const source = sourceOf(kind);
    if (!source) throw new ApiError(404, 'not_found', `no alert source "${kind}"`);
    try {
      checkSignature(source, request, secrets);
    } catch (err) {
      ctx.metrics.intakeNotifications.inc({ source: kind, outcome: 'unauthorized' });
      throw err;
    }
    const parsed = source.read(request.body, now);
    if (!parsed.ok) {
      ctx.metrics.intakeNotifications.inc({ source: kind, outcome: 'invalid' });
      const at = parsed.path ? `body.${parsed.path}` : 'body';
      throw new ApiError(400, 'invalid_request', `${at}: ${parsed.message}`, parsed.path ? { path: parsed.path } : {});
    }
    const n = parsed.notification;
    const ignored = (reason: string) => {
      ctx.metrics.intakeNotifications.inc({ source: kind, outcome: 'ignored' });
      return { group: null, status: n.status, alerts: 0, stored: 0, firing: [], ignored: reason };
    };
    if (n.ignored) return ignored(n.ignored);
    // What the group already holds decides a generic alert's episode and whether a late firing is stale.
    const prior = foldAlertGroup(await incidentEvents(ctx.db, integration.workspaceId, alertStreamId(integration.workspaceId, n.source, n.groupKey)));
    if (n.onlyIfHeld && !prior) return ignored('it ends an alert this server never received');
    const { plan, pin, officers } = await intakePlan(ctx.db, integration.workspaceId);
    const maintenance = await loadMaintenance(ctx.db, integration.workspaceId);
    const batch = notificationEvents(n, { workspaceId: integration.workspaceId, plan, pin, officers, receivedAt: now, maintenance, ...(prior ? { prior } : {}) });
    const stored = await writeAlertEvents(ctx, integration.workspaceId, batch.drafts);
    ctx.metrics.intakeNotifications.inc({ source: kind, outcome: 'accepted' });
    for (const a of n.alerts) ctx.metrics.intakeAlerts.inc({ source: kind, status: a.status });
    request.log.info({
      workspace: integration.workspaceId, integration: integration.integrationId, source: kind, group: batch.streamId,
      status: n.status, alerts: n.alerts.length, inserted: stored.inserted, firing: batch.firing, declared: batch.declared,
    }, 'alert notification');
    return { group: batch.streamId, status: n.status, alerts: n.alerts.length, stored: stored.inserted, firing: batch.firing };
  };
  // Keyed by IP: a made-up token must not buy a fresh bucket.
  const config = { rateLimit: { max: ctx.intakeRateLimitPerMinute, timeWindow: 60_000, keyGenerator: (r: FastifyRequest) => `intake:${r.ip}` } };
  app.post('/intake/:kind', { bodyLimit: INTAKE_BODY_LIMIT, config }, handler);
  app.post('/intake/:kind/:token', { bodyLimit: INTAKE_BODY_LIMIT, config }, handler);
}
