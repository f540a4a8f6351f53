// The engine's transport over fetch + WebSocket (both injectable, so it runs in browsers, Electron and Node).
import type { RealtimeHandlers, SyncTransport, TransportRequest, TransportResponse } from './engine';
import { API_PREFIX, REALTIME_PATH, realtimeServerMessageSchema, type JoinRequest, type JoinResponse, joinResponseSchema, apiErrorSchema } from './protocol';

type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

/** The subset of the WebSocket API used here (browser WebSocket and the `ws` package both fit). */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

export interface HttpTransportOptions {
  /** Server origin, e.g. "http://127.0.0.1:8787" (or "" in a browser served by the server itself). */
  baseUrl: string;
  token: string;
  workspace: string;
  fetch?: FetchLike;
  /** Omit to run without realtime pokes (the engine's backstop timer still pulls). */
  webSocket?: WebSocketFactory;
  timeoutMs?: number;
  /** Reconnect delay bounds for the realtime channel. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
}

function defaultFetch(): FetchLike {
  const f = (globalThis as { fetch?: FetchLike }).fetch;
  if (!f) throw new Error('no fetch in this runtime; pass one');
  return f.bind(globalThis);
}

function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { error: 'bad_response', message: text.slice(0, 200) };
  }
}

function wsUrl(baseUrl: string): string {
  const origin = baseUrl || (globalThis as { location?: { origin: string } }).location?.origin || '';
  return origin.replace(/^http/, 'ws').replace(/\/$/, '') + REALTIME_PATH;
}

export function createHttpTransport(options: HttpTransportOptions): SyncTransport {
  const fetchFn = options.fetch ?? defaultFetch();
  const base = options.baseUrl.replace(/\/$/, '') + API_PREFIX;

  async function request(req: TransportRequest): Promise<TransportResponse> {
    const qs = req.query ? `?${Object.entries(req.query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}` : '';
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}` };
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
      return { status: res.status, body: parseBody(await res.text()) };
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  function subscribe(handlers: RealtimeHandlers): () => void {
    const factory = options.webSocket;
    if (!factory) return () => {};
    let socket: WebSocketLike | undefined;
    let stopped = false;
    /** The server refused this token: reconnecting cannot help (the HTTP side reports it to the engine). */
    let refused = false;
    let attempt = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = (): void => {
      if (stopped) return;
      let opened = false;
      const s = factory(wsUrl(options.baseUrl));
      socket = s;
      s.onopen = () => s.send(JSON.stringify({ type: 'hello', token: options.token, workspace: options.workspace }));
      s.onmessage = (ev) => {
        let msg;
        try {
          msg = realtimeServerMessageSchema.safeParse(JSON.parse(String(ev.data)));
        } catch {
          return;
        }
        if (!msg.success) return;
        if (msg.data.type === 'ready') {
          opened = true;
          attempt = 0;
          handlers.onOpen(msg.data.seq);
        } else if (msg.data.type === 'poke') handlers.onPoke(msg.data.seq);
        else if (msg.data.error === 'unauthorized' || msg.data.error === 'forbidden_workspace') refused = true;
      };
      s.onerror = () => undefined;
      s.onclose = () => {
        if (opened) handlers.onClose();
        if (stopped || refused) return;
        attempt += 1;
        const min = options.reconnectMinMs ?? 1_000;
        const delay = Math.min(options.reconnectMaxMs ?? 30_000, min * 2 ** Math.min(attempt - 1, 10));
        retry = setTimeout(connect, delay * (0.5 + Math.random() / 2));
      };
    };
    connect();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      socket?.close(1000, 'bye');
    };
  }

  return { request, subscribe };
}

/** Redeem an invite code: POST /join, before any token exists. Throws with the server's message on refusal. */
export async function joinServer(baseUrl: string, req: JoinRequest, fetchFn: FetchLike = defaultFetch()): Promise<JoinResponse> {
  const res = await fetchFn(`${baseUrl.replace(/\/$/, '')}${API_PREFIX}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(req),
  });
  const body = parseBody(await res.text());
  if (res.status !== 200) {
    const err = apiErrorSchema.safeParse(body);
    throw new Error(err.success ? err.data.message : `join failed (${res.status})`);
  }
  return joinResponseSchema.parse(body);
}
