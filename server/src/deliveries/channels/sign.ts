// The signature of the signed kinds (generic webhook, paging gateway): HMAC-SHA256 over `${timestamp}.${body}`,
// sent as X-Incident-Signature: sha256=<hex> with X-Incident-Timestamp: <unix seconds> (docs/server.md).
import { createHmac } from 'node:crypto';

export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The two headers of a signed request made now. */
export function signedHeaders(secret: string, body: string, nowMs = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return { 'x-incident-timestamp': timestamp, 'x-incident-signature': signature(secret, timestamp, body) };
}
