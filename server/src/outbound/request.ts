// The one way the server makes an HTTP request to the outside: the policy is checked on the address actually
// connected to (a `lookup` that resolves once, checks every address and hands exactly those to the socket, so a
// DNS answer cannot change between the check and the connect), redirects are never followed, the whole exchange
// has a deadline, and the reply body is read only up to a cap. node:http rather than fetch: fetch's undici has no
// per-request lookup without a dispatcher from a second copy of undici.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { allowedHost, hostOfUrl, refusedAddress, refusalAdvice, type OutboundPolicy } from './policy';

export type OutboundAnswer =
  | { kind: 'answered'; status: number; body: string; host: string }
  /** The policy refused the address (or the URL): never retried. */
  | { kind: 'refused'; reason: string; host: string }
  /** No answer: no connection, a timeout, a reset. */
  | { kind: 'unreachable'; cause: string; host: string }
  | { kind: 'invalid'; reason: string; host: string };

export interface OutboundRequest {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  policy: OutboundPolicy;
  /** Bytes of the reply kept (the rest is discarded); default 64 KB. */
  maxReplyBytes?: number;
}

class RefusedAddress extends Error {
  readonly code = 'EREFUSEDADDRESS';
}

/** A lookup that refuses the connection unless every address the name resolves to is allowed. */
function pinnedLookup(policy: OutboundPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0, hints: options.hints ?? 0 }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const trusted = allowedHost(hostname, policy);
      const refused = trusted ? undefined : addresses.map((a) => refusedAddress(a.address, policy)).find(Boolean);
      if (refused) return callback(new RefusedAddress(`${hostname} resolves to ${refused}`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

export async function outboundRequest(req: OutboundRequest): Promise<OutboundAnswer> {
  let url: URL;
  try { url = new URL(req.url); } catch { return { kind: 'invalid', reason: 'the configured URL is not a valid URL', host: 'the configured URL' }; }
  const host = url.host;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'invalid', reason: 'the configured URL is not http(s)', host };
  const hostname = hostOfUrl(url);
  // An IP literal never goes through lookup: check it here, as the socket will use it.
  if (/^[0-9.]+$|:/.test(hostname) && !allowedHost(hostname, req.policy)) {
    const refused = refusedAddress(hostname, req.policy);
    if (refused) return { kind: 'refused', reason: `${refused}; ${refusalAdvice}`, host };
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const cap = req.maxReplyBytes ?? 64 * 1024;
  const signal = AbortSignal.timeout(req.timeoutMs);
  return new Promise<OutboundAnswer>((resolve) => {
    let settled = false;
    const done = (a: OutboundAnswer) => { if (!settled) { settled = true; resolve(a); } };
    const onError = (err: Error & { code?: string }) => {
      if (err instanceof RefusedAddress) return done({ kind: 'refused', reason: `${err.message}; ${refusalAdvice}`, host });
      if (signal.aborted) return done({ kind: 'unreachable', cause: `no answer within ${Math.round(req.timeoutMs / 100) / 10} s`, host });
      done({ kind: 'unreachable', cause: err.code ?? err.name, host });
    };
    const outgoing = send(url, {
      method: req.method,
      headers: { ...(req.headers ?? {}), ...(req.body !== undefined ? { 'content-length': String(Buffer.byteLength(req.body)) } : {}) },
      lookup: pinnedLookup(req.policy),
      signal,
    }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const answered = () => done({ kind: 'answered', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), host });
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk.subarray(0, cap - size));
        size += chunk.length;
        // Enough of it: an endless reply must not hold the attempt until its deadline.
        if (size >= cap) { answered(); res.destroy(); }
      });
      res.on('end', answered);
      res.on('error', () => answered());
    });
    outgoing.on('error', onError);
    outgoing.end(req.body);
  });
}
