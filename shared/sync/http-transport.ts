// The engine's transport over fetch + WebSocket (both injectable, so it runs in browsers, Electron and Node).
import type { RealtimeHandlers, SyncTransport, TransportRequest, TransportResponse } from './ports';
import { createHttpClient, type ApiResponse, type FetchLike } from './http-client';
import { REALTIME_PATH, realtimeServerMessageSchema, type JoinRequest, type JoinResponse, joinResponseSchema, apiErrorSchema } from './protocol';

export type { FetchLike } from './http-client';

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

/** The body as the engine reads it: an answer that is not JSON becomes a bad_response error it can report. */
function engineBody(res: ApiResponse): unknown {
  return res.body === undefined ? { error: 'bad_response', message: res.text.slice(0, 200) } : res.body;
}

function wsUrl(baseUrl: string): string {
  const origin = baseUrl || (globalThis as { location?: { origin: string } }).location?.origin || '';
  return origin.replace(/^http/, 'ws').replace(/\/$/, '') + REALTIME_PATH;
}

export function createHttpTransport(options: HttpTransportOptions): SyncTransport {
  const client = createHttpClient({ baseUrl: options.baseUrl, token: options.token, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });

  async function request(req: TransportRequest): Promise<TransportResponse> {
    const res = await client(req);
    return { status: res.status, body: engineBody(res) };
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
          handlers.onOpen(msg.data.seq, msg.data.epoch);
        } else if (msg.data.type === 'poke') {
          const { seq, from, events, epoch, cursorMark } = msg.data;
          if (events && from !== undefined && handlers.onEvents) handlers.onEvents({ from, seq, events, ...(epoch !== undefined ? { epoch } : {}), ...(cursorMark !== undefined ? { cursorMark } : {}) });
          else handlers.onPoke(seq);
        }
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
export async function joinServer(baseUrl: string, req: JoinRequest, fetchFn?: FetchLike): Promise<JoinResponse> {
  const res = await createHttpClient({ baseUrl, ...(fetchFn ? { fetch: fetchFn } : {}) })({ method: 'POST', path: '/join', body: req });
  const body = engineBody(res);
  if (res.status !== 200) {
    const err = apiErrorSchema.safeParse(body);
    throw new Error(err.success ? err.data.message : `join failed (${res.status})`);
  }
  return joinResponseSchema.parse(body);
}
