// LISTEN/NOTIFY bridge: pokes this instance's clients when another instance on the same PostgreSQL commits events,
// and drops a device's sockets when another instance revoked it.
import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import { NOTIFY_CHANNEL } from '../store/events';
import { REVOKE_CHANNEL } from '../store/workspaces';
import type { PokeHub } from './hub';

export interface Listener {
  close(): Promise<void>;
  /** Resolves once LISTEN is active (for tests and readiness). */
  ready: Promise<void>;
}

/**
 * One dedicated connection LISTENs; on loss it reconnects with backoff and then calls onResync, since
 * notifications sent while disconnected are gone (clients also pull on a backstop timer, so this is a hint).
 */
export function listenForPokes(
  databaseUrl: string,
  hub: PokeHub,
  origin: string,
  log: FastifyBaseLogger,
  onResync: () => Promise<void>,
  onRevoked: (deviceId: string) => void = () => {},
): Listener {
  let client: pg.Client | undefined;
  let closed = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: databaseUrl });
    client = c;
    c.on('notification', (msg) => {
      if ((msg.channel !== NOTIFY_CHANNEL && msg.channel !== REVOKE_CHANNEL) || !msg.payload) return;
      try {
        const data = JSON.parse(msg.payload) as { workspace?: unknown; seq?: unknown; origin?: unknown; device?: unknown };
        if (data.origin === origin) return; // this instance already poked (or disconnected) its own clients
        if (msg.channel === REVOKE_CHANNEL) {
          if (typeof data.device === 'string') onRevoked(data.device);
        } else if (typeof data.workspace === 'string' && typeof data.seq === 'number') hub.poke(data.workspace, data.seq);
      } catch {
        log.warn('ignored a malformed notification');
      }
    });
    c.on('error', (err) => {
      log.warn({ err: err.message }, 'LISTEN connection lost');
      retry();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${NOTIFY_CHANNEL}`);
      await c.query(`LISTEN ${REVOKE_CHANNEL}`);
      if (attempt > 0) await onResync();
      attempt = 0;
      markReady();
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'LISTEN connect failed');
      retry();
    }
  };

  const retry = (): void => {
    if (closed || timer) return;
    const dead = client;
    client = undefined;
    dead?.end().catch(() => undefined);
    attempt += 1;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, Math.min(30_000, 250 * 2 ** attempt));
  };

  void connect();
  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
