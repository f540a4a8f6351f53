// The generic JSON webhook: the update and its incident as JSON, signed with HMAC-SHA256 over
// `${timestamp}.${body}` (X-Incident-Signature: sha256=<hex>, X-Incident-Timestamp: unix seconds), with an
// Idempotency-Key per (request, target) so a receiver can drop a retry it already handled.
import { createHmac } from 'node:crypto';
import type { Channel, DeliveryJob, DeliverySettings } from '../types';
import { destinationOf } from './destination';
import { postJson } from './http';

export function webhookPayload(job: DeliveryJob, settings: DeliverySettings, sentAt: string) {
  const s = job.incident;
  return {
    type: 'incident.update',
    deliveryId: `${job.requestId}.${job.targetKey}`,
    sentAt,
    incident: { id: s.id, title: s.title, severity: s.severity, status: s.status, drill: s.drill, detectedAt: new Date(s.detectedAt).toISOString() },
    update: { id: job.update.id, audience: job.update.payload.audience, text: job.update.payload.text, postedAt: job.update.recordedAt, postedBy: job.update.actor.name },
    statusPage: job.request.payload.statusPage ?? null,
    statusPageUrl: `${settings.publicUrl.replace(/\/$/, '')}/status`,
  };
}

export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export const webhookChannel: Channel = {
  async send(job, settings) {
    const dest = destinationOf(job, settings);
    if ('reason' in dest) return { ok: false, reason: dest.reason, permanent: true };
    const secret = dest.secret ?? settings.webhookSecret;
    if (!secret) return { ok: false, reason: 'the generic webhook needs a signing secret (set one in Integrations, or WEBHOOK_SECRET) to sign its requests', permanent: true };
    const timestamp = String(Math.floor(Date.now() / 1000));
    const body = JSON.stringify(webhookPayload(job, settings, new Date().toISOString()));
    return postJson('Webhook', dest.url, body, {
      'x-incident-timestamp': timestamp,
      'x-incident-signature': signature(secret, timestamp, body),
      'idempotency-key': `${job.requestId}.${job.targetKey}`,
    }, settings);
  },
};
