// Authenticates a request from its bearer token and checks the workspace it names is the caller's own.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { ApiError } from '../errors';
import { API_PREFIX } from '@shared/sync/protocol';
import { callerForToken, type Caller } from '../store/workspaces';
import { sha256 } from './secrets';
import { tokenCacheFor } from './token-cache';

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

const lookups = new WeakMap<FastifyRequest, Promise<Caller | undefined>>();
const verified = new WeakMap<FastifyRequest, Caller>();

const PUSH_PATH = `${API_PREFIX}/sync/push`;

/**
 * Only a push may take the token from the cache: its write re-checks the token in the same statement
 * (pushEvents' tokenHash), so a device revoked a moment ago still stores nothing. Every other route asks
 * the database, so a revoked device cannot read either.
 */
function mayUseCachedToken(request: FastifyRequest): boolean {
  return request.method === 'POST' && (request.url === PUSH_PATH || request.url.startsWith(`${PUSH_PATH}?`));
}

/** Look the bearer token up once per request (the rate limiter and the route share the answer). */
export function verifyBearer(db: Kysely<Database>, request: FastifyRequest): Promise<Caller | undefined> {
  let lookup = lookups.get(request);
  if (!lookup) {
    const token = bearerToken(request);
    if (!token || token.length > 200) lookup = Promise.resolve(undefined);
    else {
      const cache = tokenCacheFor(db);
      const hash = sha256(token);
      const cached = mayUseCachedToken(request) ? cache.get(hash) : undefined;
      if (cached) verified.set(request, cached);
      lookup = cached ? Promise.resolve(cached) : callerForToken(db, token).then((caller) => {
        if (caller) {
          verified.set(request, caller);
          cache.set(hash, caller);
        } else cache.delete(hash);
        return caller;
      });
    }
    lookups.set(request, lookup);
  }
  return lookup;
}

/** The caller whose token verifyBearer already accepted for this request, if any (synchronous). */
export function verifiedCaller(request: FastifyRequest): Caller | undefined {
  return verified.get(request);
}

export async function authenticate(db: Kysely<Database>, request: FastifyRequest): Promise<Caller> {
  const token = bearerToken(request);
  if (!token || token.length > 200) throw new ApiError(401, 'unauthorized', 'missing or malformed bearer token');
  const caller = await verifyBearer(db, request);
  if (!caller) throw new ApiError(401, 'unauthorized', 'unknown or revoked device token; join the workspace again');
  return caller;
}

/**
 * Route hook (preParsing) for every authenticated route: the token is checked before the body is read, so an
 * anonymous client cannot make the server parse a 12 MB push. preParsing rather than onRequest so the rate
 * limiter (an onRequest hook) still counts refused tokens. The handler's authenticate() reuses the lookup.
 */
export function authBeforeBody(db: Kysely<Database>) {
  return async <P>(request: FastifyRequest, _reply: unknown, payload: P): Promise<P> => {
    await authenticate(db, request);
    return payload;
  };
}

/** A request may only name the caller's own workspace; anything else is refused, never silently rescoped. */
export function requireWorkspace(caller: Caller, workspace: string): void {
  if (workspace !== caller.workspaceId) throw new ApiError(403, 'forbidden_workspace', 'this device does not belong to that workspace');
}

export function requireAdmin(caller: Caller): void {
  if (caller.role !== 'admin') throw new ApiError(403, 'admin_required', 'only a workspace admin can do this');
}
