// What the sync engine reports (engine.ts getStatus/subscribe): the state of the connection, counts, errors, recovery.
import type { RelayRefusal } from './recovery';

export type SyncState = 'offline' | 'syncing' | 'online' | 'error';

export interface SyncError {
  /** API error code (unauthorized, clock_skew, invalid_event, ...) or 'network' / 'bad_response'. */
  code: string;
  message: string;
}

export interface SyncStatus {
  state: SyncState;
  /** ISO time of the last round that pushed and pulled everything. */
  lastSyncedAt: string | null;
  /** Local events not yet acknowledged by the server. */
  pending: number;
  error: SyncError | null;
  /** Realtime channel connected (pokes arrive); sync still works without it, just later. */
  realtime: boolean;
  /**
   * Local events the server refused one by one (invalid_event, clock_skew, actor_mismatch, id_conflict): kept in the outbox, skipped so
   * the rest still sync, and offered again periodically (every `heldRetryRounds` rounds or `heldRetryMs`).
   */
  held: number;
  /** Why the most recently held event was refused; null when nothing is held. */
  heldReason: SyncError | null;
  /** Pulled events that failed local validation, kept raw in the store's quarantine (retried at start). */
  quarantined: number;
  /** The last time the server's history was found to have gone back, and what giving back did; null if never. */
  recovery: RecoveryStatus | null;
}

export interface RecoveryStatus {
  /** running: re-reading and giving back; done: the server has everything this console holds; incomplete: some
   * relays were refused and are tried again later (their author has not reconnected yet). */
  state: 'running' | 'done' | 'incomplete';
  /** The server's new epoch. */
  epoch: string;
  at: string;
  /** Own events put back in the outbox, others' events relayed, relays refused. */
  requeued: number;
  relayed: number;
  refused: number;
  lastRefusal: RelayRefusal | null;
}
