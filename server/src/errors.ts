// API errors as {error: code, message}; maps fastify's own errors (bad JSON, too large, rate limit) to that shape.
import type { FastifyError, FastifyInstance } from 'fastify';
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

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ApiError, request, reply) => {
    if (err instanceof ApiError) {
      return reply.code(err.statusCode).send({ error: err.code, message: err.message, ...err.extra });
    }
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) return reply.code(mapped[0]).send({ error: mapped[1], message: err.message });
    if (err.statusCode === 429) return reply.code(429).send({ error: 'rate_limited', message: 'too many requests; slow down and retry' });
    if (err instanceof SyntaxError || err.statusCode === 400) {
      return reply.code(400).send({ error: 'malformed_json', message: err.message });
    }
    request.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'internal server error' });
  });
}
