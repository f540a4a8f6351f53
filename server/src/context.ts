// What the route modules share: the database, the poke hub, the server clock and the shutdown bookkeeping.
import type { Kysely } from 'kysely';
import type { HybridClock } from '@shared/hlc/hlc';
import type { Database } from './db/schema';
import type { ServerMetrics } from './metrics';
import type { PokeHub } from './realtime/hub';
import type { ServerKey } from './store/server-key';

export interface ServerContext {
  db: Kysely<Database>;
  hub: PokeHub;
  clock: HybridClock;
  /** Server wall clock in ms (Date.now; tests move it to simulate time passing). */
  now(): number;
  /** Distinguishes this instance's own notifications from other instances'. */
  instanceId: string;
  joinRateLimitPerMinute: number;
  intakeRateLimitPerMinute: number;
  metrics: ServerMetrics;
  /** The server's signing key: signs what the server writes; relayed copies of those are checked against it. */
  serverKey: ServerKey;
  /** Registers a write so graceful shutdown waits for it before closing the database. */
  trackWrite<T>(work: Promise<T>): Promise<T>;
  /** Close realtime sockets of a revoked device on this instance. */
  disconnectDevice(deviceId: string): void;
  isShuttingDown(): boolean;
  /** A push stored a send or page request: the delivery worker (if this instance runs one) claims it now, not at its next tick. */
  deliveryRequested(): void;
}
