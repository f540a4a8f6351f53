// One HTTP POST of a JSON payload to a chat, webhook or paging destination, through the outbound policy
// (outbound/request.ts: no internal addresses, checked on the address connected to; no redirects; a deadline),
// its answer classified by the kind's verdict (default: 2xx sent; 408, 429 and 5xx, and no connection, retried; any
// other answer is a configuration problem and gives up). A reason says the status and what it means, never the
// reply body, and never the URL itself (for chat webhooks the URL is the secret): only its host.
import { defaultVerdict, type HttpVerdict } from '@shared/delivery/channels/adapter';
import { outboundRequest } from '../../outbound/request';
import { statusWords } from '../../outbound/status-words';
import type { DeliverySettings, SendResult } from '../types';

export async function postJson(
  what: string, url: string, body: string, headers: Record<string, string>, settings: Pick<DeliverySettings, 'sendTimeoutMs' | 'outbound'>,
  verdict: (status: number) => HttpVerdict = defaultVerdict,
): Promise<SendResult> {
  const a = await outboundRequest({ method: 'POST', url, body, headers: { 'content-type': 'application/json', ...headers }, timeoutMs: settings.sendTimeoutMs, policy: settings.outbound });
  switch (a.kind) {
    case 'invalid': return { ok: false, reason: `${what}: ${a.reason}`, permanent: true };
    case 'refused': return { ok: false, reason: `${what}: refused to send to ${a.host}: ${a.reason}`, permanent: true };
    case 'unreachable': return { ok: false, reason: `${what}: cannot reach ${a.host} (${a.cause})`, permanent: false };
    case 'answered': {
      const v = verdict(a.status);
      if (v === 'sent') return { ok: true, detail: `HTTP ${a.status} from ${a.host}` };
      return { ok: false, reason: `${what}: HTTP ${a.status} from ${a.host} (${statusWords(a.status)})`, permanent: v === 'give-up' };
    }
  }
}
