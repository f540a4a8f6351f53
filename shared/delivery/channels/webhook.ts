// The generic JSON webhook: the update and its incident as JSON, signed by the server with HMAC-SHA256 over
// `${timestamp}.${body}` (X-Incident-Signature: sha256=<hex>, X-Incident-Timestamp: unix seconds), with an
// Idempotency-Key per (request, target) so a receiver can drop a retry it already handled.
import { z } from 'zod';
import { v4 as uuidv4 } from 'uuid';
import { defineChannel, destinationTarget, field, httpUrl, type RenderContext, type UpdateToSend } from './adapter';
import type { StatusPageFields } from '../../incident/events-delivery';
import { statusUrlOf, testMessage } from './message';

/** The body a webhook receives (docs/server.md, Chat and webhooks). Written out: the adapter's type must not depend on the events'. */
export interface WebhookBody {
  type: 'incident.update';
  deliveryId: string;
  sentAt: string;
  incident: { id: string; title: string; severity: string | null; status: string; drill: boolean; detectedAt: string };
  update: { id: string; audience: string; text: string; postedAt: string; postedBy: string };
  statusPage: StatusPageFields | null;
  statusPageUrl: string;
}

export function webhookPayload(job: UpdateToSend, at: Pick<RenderContext, 'publicUrl' | 'now'>): WebhookBody {
  const s = job.incident;
  return {
    type: 'incident.update',
    deliveryId: `${job.requestId}.${job.targetKey}`,
    sentAt: at.now.toISOString(),
    incident: { id: s.id, title: s.title, severity: s.severity, status: s.status, drill: s.drill, detectedAt: new Date(s.detectedAt).toISOString() },
    update: { id: job.update.id, audience: job.update.payload.audience, text: job.update.payload.text, postedAt: job.update.recordedAt, postedBy: job.update.actor.name },
    statusPage: job.request.payload.statusPage ?? null,
    statusPageUrl: statusUrlOf(at.publicUrl),
  };
}

/** The URL and own HMAC key of a signed destination (webhook, paging gateway); without a key, WEBHOOK_SECRET signs. */
export const signedSettings = (placeholder: string) => z.object({
  url: field(httpUrl, { label: 'Webhook URL', input: 'url', placeholder, problem: 'The URL must start with http:// or https://.' }),
  secret: field(z.string().min(16, 'use at least 16 characters').max(500).optional(), {
    label: 'Signing secret', input: 'secret', placeholder: '16+ characters',
    problem: 'The signing secret needs at least 16 characters (or leave it empty to use the server’s WEBHOOK_SECRET).',
  }),
});

export const webhook = defineChannel({
  kind: 'webhook',
  words: 'Webhook',
  timelineName: 'Webhook',
  setIn: 'console',
  settings: signedSettings('https://hooks.slack.com/services/…'),
  target: destinationTarget('webhook'),
  targetKey: (t) => `webhook:${t.destination}`,
  composer: 'destination',
  inChatWebhooks: true,
  sending: {
    via: 'http',
    what: 'Webhook',
    signed: true,
    render: (job, at) => ({ body: webhookPayload(job, at), headers: { 'idempotency-key': `${job.requestId}.${job.targetKey}` } }),
    test: (at) => {
      const m = testMessage(at);
      return { body: { type: 'test', sentAt: at.now.toISOString(), text: m.text, statusPageUrl: m.statusUrl }, headers: { 'idempotency-key': `test.${uuidv4()}` } };
    },
  },
});
