// One HTTP POST of a JSON payload with a timeout, its answer classified: 2xx sent; 408, 429 and 5xx (and no
// connection) retried; any other 4xx is a configuration problem and gives up with the reply in the reason.
// The URL itself never appears in a reason or a log line: for chat webhooks the URL is the secret.
import type { SendResult } from '../types';

export async function postJson(what: string, url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<SendResult> {
  let host = 'the configured URL';
  try {
    host = new URL(url).host;
  } catch {
    return { ok: false, reason: `${what}: the configured URL is not a valid URL`, permanent: true };
  }
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    return { ok: false, reason: `${what}: cannot reach ${host} (${cause})`, permanent: false };
  }
  const reply = (await res.text().catch(() => '')).slice(0, 300).trim();
  if (res.ok) return { ok: true, detail: `HTTP ${res.status} from ${host}` };
  const transient = res.status === 408 || res.status === 429 || res.status >= 500;
  return { ok: false, reason: `${what}: HTTP ${res.status} from ${host}${reply ? `: ${reply}` : ''}`, permanent: !transient };
}
