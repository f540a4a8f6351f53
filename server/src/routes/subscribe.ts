// Subscribing to the hosted status page, public (no login, no script): POST /status/subscribe from the page's form
// (an address, and the components, none ticked meaning all), the one-time confirmation link /status/confirm/:token
// (GET shows a button, POST confirms), and the unsubscribe link /status/unsubscribe/:token (GET shows a button, POST
// unsubscribes: the button, or a mail client's RFC 8058 one-click POST). Rate limited per address and per IP; the
// answer never says whether an address was already subscribed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { emailAddress } from '@shared/incident/events-delivery';
import { findUnstorable } from '@shared/incident/storable-text';
import type { ServerContext } from '../context';
import { sendConfirmation } from '../deliveries/channels/email-subscribers';
import { statusUrl, unsubscribeUrl } from '../deliveries/channels/subscriber-mail';
import { workspacePlan } from '../deliveries/plan-access';
import type { DeliverySettings } from '../deliveries/types';
import { publicPageHeaders } from '../public/headers';
import { publicWorkspace } from '../status/model';
import { alreadyUnsubscribedPage, checkInboxPage, confirmFormPage, refusedSubscriberPage, subscribedPage, SUBSCRIBER_STYLE, unsubscribedPage, unsubscribeFormPage } from '../subscribers/pages';
import {
  confirmationNotSent, confirmSubscription, deleteSubscriber, isSubscribed, readConfirmToken, requestSubscription, sweepSubscribers, unsubscribeToken, verifyUnsubscribeToken,
} from '../subscribers/store';

/** Subscribe attempts per IP per minute (each may send an email). */
export const SUBSCRIBE_PER_MINUTE = 10;

const form = z.object({
  email: emailAddress,
  component: z.union([z.string(), z.array(z.string())]).optional(),
});

const html = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

/** Tokens in logged URLs become <token>: a log reader must not confirm or unsubscribe anyone. */
export function maskSubscriberToken(url: string): string {
  return url.replace(/^\/status\/(confirm|unsubscribe)\/[^/?#]+/, '/status/$1/<token>');
}

export function registerSubscribeRoutes(app: FastifyInstance, ctx: ServerContext, settings: DeliverySettings | undefined): void {
  // The page's forms post urlencoded bodies; only these routes read them.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(String(body))) {
      const prev = out[k];
      out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    done(null, out);
  });
  const helmet = publicPageHeaders(SUBSCRIBER_STYLE, 'self');
  const status = statusUrl({ publicUrl: settings?.publicUrl ?? '' });

  app.post('/status/subscribe', {
    helmet, config: { rateLimit: { max: SUBSCRIBE_PER_MINUTE, timeWindow: 60_000, keyGenerator: (r: FastifyRequest) => `subscribe:${r.ip}` } },
  }, async (request, reply) => {
    const ws = await publicWorkspace(ctx.db);
    if (!ws) return html(reply, 404, refusedSubscriberPage('No status page yet', 'This server has no workspace yet.', status));
    const parsed = form.safeParse(request.body ?? {});
    if (!parsed.success || findUnstorable(request.body) !== null) {
      return html(reply, 400, refusedSubscriberPage('Check the address', 'That does not look like an email address (like name@example.com). Go back and correct it.', status));
    }
    const plan = await workspacePlan(ctx.db, ws.id);
    const known = new Map(plan.statusPage.components.map((c) => [c.id, c.name]));
    const chosen = [parsed.data.component ?? []].flat();
    const unknown = chosen.find((id) => !known.has(id));
    if (unknown !== undefined || chosen.length > 100) {
      return html(reply, 400, refusedSubscriberPage('Unknown component', 'A component you chose is not on this status page any more. Go back, reload the page and choose again.', status));
    }
    if (!settings?.smtpUrl) {
      return html(reply, 404, refusedSubscriberPage('Email updates are not available', 'This status page cannot send email right now. Check this page for updates.', status));
    }
    const now = new Date(ctx.now());
    await sweepSubscribers(ctx.db, now);
    const componentIds = [...new Set(chosen)];
    const asked = await ctx.trackWrite(requestSubscription(ctx.db, ws.id, parsed.data.email, componentIds, now));
    // The same answer whether the address is new, known, or asked for lately: nobody learns who subscribes.
    if (asked === 'throttled') return html(reply, 200, checkInboxPage(status));
    const sent = await sendConfirmation(settings, {
      to: parsed.data.email, pageName: plan.statusPage.name, confirmUrl: `${status}/confirm/${asked.token}`,
      componentNames: componentIds.map((id) => known.get(id) ?? id),
    });
    if (!sent.ok) {
      await confirmationNotSent(ctx.db, ws.id, asked.subscriberId);
      request.log.warn({ reason: sent.reason }, 'subscription confirmation not sent');
      return html(reply, 503, refusedSubscriberPage('Could not send the confirmation', 'The confirmation email could not be sent just now. Try again in a few minutes.', status));
    }
    request.log.info({ workspace: ws.id, subscriber: asked.subscriberId, components: componentIds.length }, 'subscription requested');
    return html(reply, 200, checkInboxPage(status));
  });

  const confirmRefusal = (reply: FastifyReply, state: 'expired' | 'unknown') => state === 'expired'
    ? html(reply, 410, refusedSubscriberPage('Link expired', 'This confirmation link has expired. Subscribe again on the status page.', status))
    : html(reply, 404, refusedSubscriberPage('Link not recognised', 'This confirmation link was already used or is not known here. If you are not subscribed yet, subscribe again on the status page.', status));

  app.get<{ Params: { token: string } }>('/status/confirm/:token', { helmet }, async (request, reply) => {
    const t = await readConfirmToken(ctx.db, request.params.token, new Date(ctx.now()));
    if (t.state !== 'valid') return confirmRefusal(reply, t.state);
    return html(reply, 200, confirmFormPage(`/status/confirm/${request.params.token}`, status));
  });

  app.post<{ Params: { token: string } }>('/status/confirm/:token', { helmet }, async (request, reply) => {
    const now = new Date(ctx.now());
    const done = await ctx.trackWrite(confirmSubscription(ctx.db, request.params.token, now));
    if (!done) {
      const t = await readConfirmToken(ctx.db, request.params.token, now);
      return confirmRefusal(reply, t.state === 'valid' ? 'unknown' : t.state);
    }
    request.log.info({ workspace: done.workspaceId, subscriber: done.subscriberId }, 'subscription confirmed');
    const token = await unsubscribeToken(ctx.db, done.workspaceId, done.subscriberId);
    return html(reply, 200, subscribedPage(unsubscribeUrl({ publicUrl: settings?.publicUrl ?? '' }, token), status));
  });

  const unsubscribeTarget = async (token: string) => {
    const ws = await publicWorkspace(ctx.db);
    return ws ? { ws, subscriberId: await verifyUnsubscribeToken(ctx.db, ws.id, token) } : undefined;
  };
  const notRecognised = (reply: FastifyReply) => html(reply, 404, refusedSubscriberPage('Link not recognised', 'This unsubscribe link is not known here. Use the link from the latest email.', status));

  app.get<{ Params: { token: string } }>('/status/unsubscribe/:token', { helmet }, async (request, reply) => {
    const t = await unsubscribeTarget(request.params.token);
    if (!t?.subscriberId) return notRecognised(reply);
    if (!(await isSubscribed(ctx.db, t.ws.id, t.subscriberId))) return html(reply, 200, alreadyUnsubscribedPage(status));
    return html(reply, 200, unsubscribeFormPage(`/status/unsubscribe/${request.params.token}`, status));
  });

  // The button, or a mail client's one-click POST (body "List-Unsubscribe=One-Click", RFC 8058): the same effect.
  app.post<{ Params: { token: string } }>('/status/unsubscribe/:token', { helmet }, async (request, reply) => {
    const t = await unsubscribeTarget(request.params.token);
    if (!t?.subscriberId) return notRecognised(reply);
    const removed = await ctx.trackWrite(deleteSubscriber(ctx.db, t.ws.id, t.subscriberId));
    request.log.info({ workspace: t.ws.id, subscriber: t.subscriberId, removed }, 'unsubscribed');
    // 200 either way: a mail client's one-click POST of an old link succeeded (RFC 8058 wants 2xx); nothing is created.
    return html(reply, 200, removed ? unsubscribedPage(status) : alreadyUnsubscribedPage(status));
  });
}
