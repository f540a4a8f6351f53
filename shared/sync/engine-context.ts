// The sync engine's options, the settings they resolve to, and what the engine shares with its parts
// (held-events.ts, join-reads.ts, recovery-run.ts).
import { MAX_PULL_LIMIT, MAX_PUSH_EVENTS } from './protocol';
import type { SyncLocalStore, SyncTransport, Timers, TransportRequest } from './ports';
import type { EventSigner } from './signature';

export interface SyncEngineOptions {
  store: SyncLocalStore;
  transport: SyncTransport;
  workspace: string;
  /** Events per push, at most 500 (the server's limit). */
  batchSize?: number;
  pullLimit?: number;
  /** First retry delay after a failure; doubles up to maxBackoffMs (with jitter). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Pull this often even without pokes: correctness never rests on the realtime channel. */
  backstopMs?: number;
  /** Offer held events to the server again every this many rounds... */
  heldRetryRounds?: number;
  /** ...or when this long has passed since they were last offered (a clock_skew clears as time catches up). */
  heldRetryMs?: number;
  timers?: Timers;
  now?: () => number;
  random?: () => number;
  /**
   * Signs what this device pushes (its own events and imports) and is registered with the server once per start.
   * Absent (no Ed25519 in this runtime): events go out unsigned, as before signing existed.
   */
  signer?: EventSigner;
}

/** The options with every default filled in. */
export type EngineSettings = Required<Omit<SyncEngineOptions, 'store' | 'transport' | 'workspace' | 'signer'>>;

export function resolveSettings(options: SyncEngineOptions): EngineSettings {
  return {
    batchSize: Math.min(MAX_PUSH_EVENTS, Math.max(1, options.batchSize ?? MAX_PUSH_EVENTS)),
    pullLimit: options.pullLimit ?? MAX_PULL_LIMIT,
    initialBackoffMs: options.initialBackoffMs ?? 1_000,
    maxBackoffMs: options.maxBackoffMs ?? 60_000,
    backstopMs: options.backstopMs ?? 30_000,
    heldRetryRounds: Math.max(1, options.heldRetryRounds ?? 10),
    heldRetryMs: options.heldRetryMs ?? 5 * 60_000,
    timers: options.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
  };
}

/** What the engine's parts reach it through: the store, the workspace, the settings, the one way to call the server. */
export interface EngineContext {
  readonly store: SyncLocalStore;
  readonly workspace: string;
  readonly settings: EngineSettings;
  /** One request to the server: its body on a 2xx, else a SyncFailure (failure.ts). */
  call(req: TransportRequest): Promise<unknown>;
  /** Run one more round when this one ends. */
  again(): void;
}
