// The configured URL of a chat or webhook target (CHAT_WEBHOOKS in the server's environment).
import type { DeliveryJob, DeliverySettings } from '../types';

export function destinationOf(job: DeliveryJob, settings: DeliverySettings): { url: string } | { reason: string } {
  const t = job.target;
  if (t.channel !== 'slack' && t.channel !== 'teams' && t.channel !== 'webhook') return { reason: 'not a chat target' };
  const dest = settings.webhooks.get(`${t.channel}:${t.destination.toLowerCase()}`);
  if (!dest) return { reason: `no ${t.channel} destination "${t.destination}" is configured on the server (CHAT_WEBHOOKS)` };
  return { url: dest.url };
}
