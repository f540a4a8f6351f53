// What an HTTP status from a destination means, in a few words: the only thing of a reply that reaches a
// delivery's reason, a "Send test" answer or a log line (a reply body never does: the server must not become a
// way to read internal services).
import { defaultVerdict } from '@shared/delivery/channels/adapter';

const WORDS: Record<number, string> = {
  400: 'bad request: the destination refused the message', 401: 'unauthorised: the destination wants credentials',
  403: 'forbidden: the destination refused this sender', 404: 'not found: no such webhook', 405: 'method not allowed',
  408: 'request timeout', 410: 'gone: the webhook was removed or its channel archived', 413: 'message too large',
  415: 'unsupported media type', 422: 'unprocessable: the destination refused the message', 429: 'rate limited',
};

export function statusWords(status: number): string {
  if (WORDS[status]) return WORDS[status];
  if (status >= 300 && status < 400) return 'a redirect, which is never followed';
  if (status >= 500) return 'server error at the destination';
  if (status >= 400) return 'refused by the destination';
  return 'unexpected answer';
}

/** 408, 429 and 5xx are worth another attempt; any other 4xx or a redirect is a configuration problem. */
export const transientStatus = (status: number) => defaultVerdict(status) === 'retry';
