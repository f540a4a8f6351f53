// The configured URL (and signing key) of a chat or webhook target: resolved when the job is built, from the
// workspace's Integrations (added in the console) or the server's CHAT_WEBHOOKS.
import type { DeliveryJob, DeliverySettings } from '../types';

export function destinationOf(job: DeliveryJob, settings: DeliverySettings): { url: string; secret?: string } | { reason: string } {
  const t = job.target;
  if (t.channel !== 'slack' && t.channel !== 'teams' && t.channel !== 'webhook') return { reason: 'not a chat target' };
  const dest = job.destination ?? settings.webhooks.get(`${t.channel}:${t.destination.toLowerCase()}`);
  if (!dest) return { reason: `no ${t.channel} destination "${t.destination}" is configured on the server (Server page → Integrations, or CHAT_WEBHOOKS)` };
  return 'secret' in dest && dest.secret ? { url: dest.url, secret: dest.secret } : { url: dest.url };
}
