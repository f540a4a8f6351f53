// The server side of every kind the registry renders itself (`sending.via: 'http'`: Slack, Teams, the generic
// webhook, ...): the destination's URL and secret from the configuration, the adapter's message, the signature for
// signed kinds, one POST through the outbound client, the answer judged by the adapter's verdict.
import type { ChannelAdapter, HttpMessage, HttpSending } from '@shared/delivery/channels/adapter';
import type { Channel, DeliverySettings, SendResult } from '../types';
import { destinationOf } from './destination';
import { postJson } from './http';
import { signedHeaders } from './sign';

type Destination = { name?: string; url: string; secret?: string };

/** POST a message of a kind: refused by its adapter, unsigned without a key, or sent and judged. */
export async function postMessage(s: Pick<HttpSending, 'what' | 'signed' | 'verdict'>, message: HttpMessage, dest: Destination, settings: DeliverySettings): Promise<SendResult> {
  if ('refuse' in message) return { ok: false, reason: `${s.what}: ${message.refuse}`, permanent: true };
  const body = JSON.stringify(message.body);
  let headers = { ...message.headers };
  if (s.signed) {
    const secret = dest.secret ?? settings.webhookSecret;
    if (!secret) return { ok: false, reason: `${s.what}${dest.name ? ` "${dest.name}"` : ''}: no signing secret (set one for this destination in Integrations, or WEBHOOK_SECRET on the server)`, permanent: true };
    headers = { ...signedHeaders(secret, body), ...headers };
  }
  return postJson(s.what, message.url ?? dest.url, body, headers, settings, s.verdict);
}

export function httpChannel(adapter: ChannelAdapter & { sending: HttpSending }): Channel {
  const s = adapter.sending;
  const context = (settings: DeliverySettings, dest: Destination) => ({ publicUrl: settings.publicUrl, url: dest.url, now: new Date(), ...(dest.secret ? { secret: dest.secret } : {}) });
  return {
    async send(job, settings) {
      const dest = destinationOf(job, settings);
      if ('reason' in dest) return { ok: false, reason: dest.reason, permanent: true };
      return postMessage(s, s.render(job, context(settings, dest)), dest, settings);
    },
    async test({ destination, by }, settings) {
      if (!destination) return { ok: false, detail: `${s.what}: no such destination` };
      const r = await postMessage(s, s.test({ ...context(settings, destination), by }), destination, settings);
      return r.ok ? { ok: true, detail: r.detail } : { ok: false, detail: r.reason };
    },
  };
}
