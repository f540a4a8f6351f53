// The configured URL (and own secret) of a target that names a destination: resolved when the job is built, from
// the workspace's Integrations (added in the console) or the server's CHAT_WEBHOOKS.
import type { DeliveryJob, DeliverySettings } from '../types';

export function destinationOf(job: DeliveryJob, settings: DeliverySettings): { url: string; secret?: string } | { reason: string } {
  const t = job.target;
  if (!('destination' in t)) return { reason: 'not a target that names a destination' };
  if (job.destination) return { url: job.destination.url, ...(job.destination.secret ? { secret: job.destination.secret } : {}) };
  const env = settings.webhooks.get(`${t.channel}:${t.destination.toLowerCase()}`);
  if (!env) return { reason: `no ${t.channel} destination "${t.destination}" is configured on the server (Server page → Integrations, or CHAT_WEBHOOKS)` };
  return { url: env.url };
}
