// GET /realtime (WebSocket): authenticate with a first "hello" message, then receive pokes {workspace, seq}.
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { realtimeHelloSchema } from '@shared/sync/protocol';
import type { ServerContext } from '../context';
import { workspaceHistory } from '../store/epoch';
import { callerForToken } from '../store/workspaces';
import { readerOf } from '../access/reader';

const HELLO_TIMEOUT_MS = 10_000;
const PING_INTERVAL_MS = 30_000;

function fail(socket: WebSocket, error: string, message: string, code = 4401): void {
  if (socket.readyState !== socket.OPEN) return;
  socket.send(JSON.stringify({ type: 'error', error, message }));
  socket.close(code, error);
}

export function registerRealtimeRoute(app: FastifyInstance, ctx: ServerContext, sockets: Map<string, Set<WebSocket>>): void {
  app.get('/realtime', { websocket: true }, (socket) => {
    let removeFromHub: (() => void) | undefined;
    let deviceId: string | undefined;
    let alive = true;
    const helloTimer = setTimeout(() => fail(socket, 'unauthorized', 'no hello within 10 s'), HELLO_TIMEOUT_MS);
    const ping = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, PING_INTERVAL_MS);
    socket.on('pong', () => (alive = true));

    // The handler is async: any failure (database down, socket gone) is caught here, never left unhandled.
    socket.once('message', (data) => {
      clearTimeout(helloTimer);
      onHello(data).catch((err: unknown) => {
        app.log.error({ err }, 'realtime hello failed');
        removeFromHub?.();
        fail(socket, 'internal', 'internal server error', 1011);
      });
    });

    const onHello = async (data: unknown): Promise<void> => {
      let hello;
      try {
        hello = realtimeHelloSchema.safeParse(JSON.parse(String(data)));
      } catch {
        return fail(socket, 'malformed_json', 'first message must be JSON {type: "hello", token, workspace}', 4400);
      }
      if (!hello.success) return fail(socket, 'invalid_request', 'first message must be {type: "hello", token, workspace}', 4400);
      // A failing lookup is not "unauthorized" (the client would stop reconnecting for good): it ends as 1011 below.
      const caller = await callerForToken(ctx.db, hello.data.token);
      if (!caller) return fail(socket, 'unauthorized', 'unknown or revoked device token');
      if (caller.workspaceId !== hello.data.workspace) return fail(socket, 'forbidden_workspace', 'this device does not belong to that workspace', 4403);
      if (socket.readyState !== socket.OPEN) return;
      deviceId = caller.deviceId;
      const set = sockets.get(deviceId) ?? new Set<WebSocket>();
      set.add(socket);
      sockets.set(deviceId, set);
      removeFromHub = ctx.hub.add(caller.workspaceId, { send: (m) => socket.send(m), reader: readerOf(caller) });
      const { head: seq, epoch } = await workspaceHistory(ctx.db, caller.workspaceId);
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'ready', workspace: caller.workspaceId, seq, epoch }));
    };

    socket.on('close', () => {
      clearTimeout(helloTimer);
      clearInterval(ping);
      removeFromHub?.();
      if (deviceId) sockets.get(deviceId)?.delete(socket);
    });
  });
}
