// Hostile-request fuzzing for any route: a seeded fast-check generator of hostile shapes (wrong types, huge
// strings, NUL, lone surrogates, deep nesting, invalid JSON, wrong content types, missing and extra fields)
// and a check that the answer is never a 5xx and every refusal says what was wrong. A route is one line in a list.
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { expect } from 'vitest';

/** What the routes of a fuzz run may use: tokens and ids of a real workspace. */
export interface FuzzContext {
  adminToken: string;
  memberToken: string;
  workspace: string;
  /** A device id that exists (for :id routes), and whatever else a route wants to reference. */
  deviceId: string;
  [key: string]: string;
}

export interface FuzzRoute {
  method: 'GET' | 'POST';
  /** Path under /api/v1 (or absolute when it starts with /api or is a root probe), `:id` replaced by hostile ids. */
  path: string;
  /** Whose token to send (the fuzz also tries none and a made-up one). */
  auth: 'admin' | 'member' | 'integration' | 'none';
  /** A valid body or query to mutate. */
  valid?: (ctx: FuzzContext) => Record<string, unknown>;
  /** Valid is a query string (GET) rather than a JSON body. */
  query?: boolean;
  /** The path is at the server's root (/status, /ack/:id, /metrics), not under /api/v1. */
  root?: boolean;
  /** A page for people: its own refusals are HTML pages (the framework's stay JSON errors). */
  html?: boolean;
}

const deep = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const DEEP_20K = deep(20_000);

/** Hostile values for any field. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('', ' ', 'a\u0000b', 'broken \ud800 surrogate', '\udc00', '\u0000', 'x'.repeat(300_000), -1, 1e308, 2 ** 63, -0, true, null, [], {}),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udfff', 'a', '🔥'), maxLength: 20 }),
  fc.integer({ min: 1, max: 60 }).map((d) => JSON.parse(deep(d)) as unknown),
);

/** Raw hostile ids for :id path segments (already URL-encoded where needed). */
const hostileId = fc.oneof(
  fc.constantFrom('%00', 'a%00b', '%ED%A0%80', '%ff%fe', '%C0%80', '..%2F..%2Fetc', 'x'.repeat(5_000), '%20', '%E2%80%AE', 'server', '0'),
  fc.string({ maxLength: 30 }).map((s) => encodeURIComponent(s)),
);

interface HostileRequest {
  label: string;
  contentType?: string;
  payload?: string;
  query?: string;
  id?: string;
  token: 'own' | 'none' | 'bogus';
}

function hostileRequests(route: FuzzRoute, ctx: FuzzContext): fc.Arbitrary<HostileRequest> {
  const valid = route.valid?.(ctx) ?? {};
  const keys = Object.keys(valid);
  const mutated = fc.record({
    drop: fc.subarray(keys),
    set: fc.dictionary(fc.oneof(fc.constantFrom(...keys, 'extra', '__proto__', 'constructor'), fc.string({ maxLength: 8 })), hostileValue, { maxKeys: 3 }),
  }).map(({ drop, set }) => {
    const copy: Record<string, unknown> = { ...valid, ...set };
    for (const k of drop) delete copy[k];
    return copy;
  });
  const body = fc.oneof(
    mutated.map((v) => ({ label: 'mutated', payload: JSON.stringify(v), contentType: 'application/json' })),
    hostileValue.map((v) => ({ label: 'wrong type', payload: JSON.stringify(v) ?? 'null', contentType: 'application/json' })),
    fc.constantFrom(
      { label: 'invalid JSON', payload: '{"workspace": ', contentType: 'application/json' },
      { label: 'empty', payload: '', contentType: 'application/json' },
      { label: 'deep 20k', payload: DEEP_20K, contentType: 'application/json' },
      { label: 'deep field', payload: `{"workspace":${DEEP_20K},"events":${DEEP_20K}}`, contentType: 'application/json' },
      { label: 'escaped NUL key', payload: '{"\\u0000":1}', contentType: 'application/json' },
      { label: 'lone surrogate escape', payload: '{"name":"\\ud800"}', contentType: 'application/json' },
      { label: 'form', payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
      { label: 'text', payload: 'hello', contentType: 'text/plain' },
      { label: 'multipart', payload: '--x\r\n\r\n--x--', contentType: 'multipart/form-data; boundary=x' },
      { label: 'bad charset', payload: '{}', contentType: 'application/json; charset=utf-7' },
      { label: 'no content type', payload: '{}', contentType: undefined },
    ),
    fc.string({ unit: 'binary', maxLength: 200 }).map((s) => ({ label: 'binary', payload: s, contentType: 'application/json' })),
  );
  const query = fc.oneof(
    mutated.map((v) => ({ label: 'query', query: Object.entries(v).map(([k, x]) => `${safeEncode(k)}=${safeEncode(typeof x === 'string' ? x : JSON.stringify(x) ?? '')}`).join('&') })),
    fc.constantFrom('after=%00', 'workspace=%ED%A0%80', 'limit=1e400&after=-1', 'workspace=a&workspace=b', 'a=%', '%%%', `after=${'9'.repeat(400)}`)
      .map((q) => ({ label: 'raw query', query: q })),
  );
  const shape = route.query || route.method === 'GET' ? query : body;
  return fc.record({
    shape,
    id: route.path.includes(':id') ? hostileId : fc.constant(undefined),
    token: fc.constantFrom<HostileRequest['token']>('own', 'own', 'own', 'none', 'bogus'),
  }).map(({ shape: s, id, token }) => ({ ...s, id, token }));
}

/** encodeURIComponent throws on a lone surrogate; such a value goes out as the raw (invalid UTF-8) escape. */
function safeEncode(s: string): string {
  try { return encodeURIComponent(s); } catch { return '%ED%A0%80'; }
}

/** One hostile request: never a 5xx; a refusal is a JSON error with a code and a message. */
export async function sendHostile(app: FastifyInstance, route: FuzzRoute, ctx: FuzzContext, req: HostileRequest): Promise<number> {
  const base = route.root || route.path.startsWith('/api') || route.path.startsWith('/healthz') || route.path.startsWith('/readyz') ? route.path : `/api/v1${route.path}`;
  const path = base.replace(':id', req.id ?? ctx.deviceId);
  const headers: Record<string, string> = {};
  const token = route.auth === 'admin' ? ctx.adminToken : route.auth === 'member' ? ctx.memberToken : route.auth === 'integration' ? ctx.integrationToken : undefined;
  if (req.token === 'own' && token) headers.authorization = `Bearer ${token}`;
  if (req.token === 'bogus') headers.authorization = 'Bearer ict_made-up';
  if (req.contentType) headers['content-type'] = req.contentType;
  const options: InjectOptions = { method: route.method, url: req.query ? `${path}?${req.query}` : path, headers };
  if (req.payload !== undefined && route.method !== 'GET') options.payload = req.payload;
  const res = await app.inject(options);
  const what = `${route.method} ${route.path} [${req.label}] ${(req.payload ?? req.query ?? '').slice(0, 120)} id=${req.id?.slice(0, 40)} -> ${res.statusCode} ${res.body.slice(0, 200)}`;
  expect(res.statusCode, what).toBeLessThan(500);
  if (res.statusCode >= 400 && route.html && String(res.headers['content-type']).startsWith('text/html')) {
    expect(res.body, what).toMatch(/<h1>[^<]+<\/h1>/);
  } else if (res.statusCode >= 400) {
    const answer = res.json<{ error?: unknown; message?: unknown }>();
    expect(typeof answer.error, what).toBe('string');
    expect(typeof answer.message, what).toBe('string');
  }
  return res.statusCode;
}

/** Fuzz every route with `numRuns` hostile requests each (seeded: a failure names its seed to replay). */
export async function fuzzRoutes(app: FastifyInstance, routes: readonly FuzzRoute[], ctx: FuzzContext, numRuns = 60, seed = 20261201): Promise<void> {
  for (const route of routes) {
    await fc.assert(fc.asyncProperty(hostileRequests(route, ctx), async (req) => { await sendHostile(app, route, ctx, req); }), { numRuns, seed });
  }
}
