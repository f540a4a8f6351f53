// API errors as {error: code, message}; maps fastify's own errors (bad JSON, too large, rate limit, any other 4xx
// it or a plugin raises) to that shape. An over-limit body is read to its end (up to a cap) before the 413, so the
// client, still sending, gets the answer instead of a reset connection.
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ApiErrorBody, ApiErrorCode } from '@shared/sync/protocol';

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: Pick<ApiErrorBody, 'index' | 'path'> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const FASTIFY_CODES: Record<string, [number, ApiErrorCode]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed_json'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_request'],
};

/** The documented code of any other 4xx a framework or plugin raises. */
function codeOfStatus(status: number): ApiErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 413) return 'body_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limited';
  return 'invalid_request';
}

/** How much of an over-limit body is read and thrown away so the 413 reaches the client; past it, the connection closes. */
export const DRAIN_CAP_BYTES = 64 * 1024 * 1024;
/** ...and for how long (a client sending slowly must not hold the server). */
const DRAIN_MS = 30_000;

/** Reads the rest of the request body (discarding it). True when it ended within the cap and the time. */
function drainBody(request: FastifyRequest): Promise<boolean> {
  const raw = request.raw;
  if (raw.complete || raw.readableEnded) return Promise.resolve(true);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > DRAIN_CAP_BYTES) return Promise.resolve(false);
  return new Promise((resolve) => {
    let seen = 0;
    const done = (ok: boolean) => { clearTimeout(timer); raw.off('data', onData); raw.off('end', onEnd); raw.off('error', onError); resolve(ok); };
    const onData = (chunk: Buffer) => { seen += chunk.length; if (seen > DRAIN_CAP_BYTES) done(false); };
    const onEnd = () => done(true);
    const onError = () => done(false);
    const timer = setTimeout(() => done(false), DRAIN_MS);
    raw.on('data', onData);
    raw.on('end', onEnd);
    raw.on('error', onError);
    raw.resume();
  });
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (err: FastifyError | ApiError, request, reply) => {
    if (err instanceof ApiError) {
      return reply.code(err.statusCode).send({ error: err.code, message: err.message, ...err.extra });
    }
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped?.[1] === 'body_too_large') {
      // fastify asks to close the connection because the client may still be sending: read the rest instead
      // (up to the cap), so the client sees the 413 rather than a reset, and the connection stays usable.
      if (await drainBody(request)) reply.removeHeader('connection');
      else reply.header('connection', 'close');
      return reply.code(413).send({ error: 'body_too_large', message: `the request body is over this route's limit (${limitWords(request)}); send less at a time` });
    }
    if (mapped) return reply.code(mapped[0]).send({ error: mapped[1], message: err.message });
    if (err.statusCode === 429) return reply.code(429).send({ error: 'rate_limited', message: 'too many requests; slow down and retry' });
    if (err instanceof SyntaxError) return reply.code(400).send({ error: 'malformed_json', message: err.message });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ error: codeOfStatus(err.statusCode), message: err.message });
    }
    request.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'internal server error' });
  });
}

function limitWords(request: FastifyRequest): string {
  const limit = request.routeOptions.bodyLimit;
  return limit >= 1024 * 1024 ? `${Math.round(limit / (1024 * 1024))} MB` : `${Math.round(limit / 1024)} KB`;
}

/** What node's HTTP parser refused, in words (its codes are llhttp's). */
function clientErrorWords(code: string | undefined): [number, string] {
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'the request headers are too large (over 16 KB)'];
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'the request did not arrive in time'];
  if (code === 'HPE_INVALID_METHOD') return [400, 'malformed HTTP request: unknown method'];
  if (code === 'HPE_UNEXPECTED_CONTENT_LENGTH') return [400, 'malformed HTTP request: conflicting Content-Length headers'];
  return [400, `malformed HTTP request${code ? ` (${code})` : ''}`];
}

/** fastify's clientErrorHandler: the documented {error, message} shape on the raw socket, then close it. */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable) { socket.destroy(); return; }
  const [status, message] = clientErrorWords(err.code);
  const body = JSON.stringify({ error: 'invalid_request', message });
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`);
}
