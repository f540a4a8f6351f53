// The one HTTP client of the sync API (join, push/pull, admin): the API prefix, an optional bearer token, JSON
// bodies and a timeout. fetch is injected, so it runs in browsers, Electron and Node, and tests pass a fake.
import { API_PREFIX } from './protocol';

/** The part of fetch this client uses (the browser's and Node's fetch fit). */
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

export interface ApiRequest {
  method: 'GET' | 'POST';
  /** Path under the API prefix, e.g. "/sync/push". */
  path: string;
  query?: Record<string, string | number>;
  body?: unknown;
}

export interface ApiResponse {
  status: number;
  /** The parsed JSON body; null when empty, undefined when the answer was not JSON (see `text`). */
  body: unknown;
  text: string;
}

export interface HttpClientOptions {
  /** Server origin, e.g. "http://127.0.0.1:8787" ("" in a page served by the server itself). */
  baseUrl: string;
  /** Sent as a bearer token when given (every route but /join needs one). */
  token?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

/** The runtime's fetch, bound; throws where there is none (pass one). */
export function defaultFetch(): FetchLike {
  const f = (globalThis as { fetch?: FetchLike }).fetch;
  if (!f) throw new Error('no fetch in this runtime; pass one');
  return f.bind(globalThis);
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A request function over the API. It rejects only when no answer arrived (network, server down, timeout). */
export function createHttpClient(options: HttpClientOptions): (req: ApiRequest) => Promise<ApiResponse> {
  const fetchFn = options.fetch ?? defaultFetch();
  const base = options.baseUrl.replace(/\/+$/, '') + API_PREFIX;
  return async (req) => {
    const qs = req.query ? `?${Object.entries(req.query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}` : '';
    const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
    const timer = controller ? setTimeout(() => controller.abort(), options.timeoutMs ?? 30_000) : undefined;
    try {
      const res = await fetchFn(`${base}${req.path}${qs}`, {
        method: req.method,
        headers,
        ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
        ...(controller ? { signal: controller.signal } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: parseJson(text), text };
    } finally {
      if (timer) clearTimeout(timer);
    }
  };
}
