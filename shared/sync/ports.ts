// The sync engine's ports (engine.ts): what it needs from the device's store and from the server's transport, and
// the timers it schedules with. Implemented at the edges: renderer/src/db/sync-store.ts (the store over Dexie),
// http-transport.ts (HTTP and the WebSocket channel).
import type { IncidentEvent } from '../incident/events';
import type { StreamSize } from './protocol';
import type { RecoveryStore } from './recovery';

/** The port: what the engine needs from the device's store (renderer/src/db/sync-store.ts implements all of it over Dexie). */
export interface SyncLocalStore {
  /** Oldest first; at most `limit`. */
  readOutbox(limit: number): Promise<IncidentEvent[]>;
  ackOutbox(eventIds: string[]): Promise<void>;
  /**
   * Set union into the local event set; validates each event itself. Events that fail validation are kept
   * raw in a quarantine (never lost when the cursor moves past them) and reported in `rejected`.
   */
  applyRemote(events: readonly unknown[]): Promise<ApplyRemoteResult>;
  /** Validate the quarantined events again (after an app update, say) and apply those that now pass. */
  retryQuarantine?(): Promise<QuarantineRetryResult>;
  /** Number of pulled events waiting in the quarantine. */
  countQuarantine?(): Promise<number>;
  getCursor(workspace: string): Promise<number>;
  setCursor(workspace: string, cursor: number): Promise<void>;
  /** May throw (e.g. ClockDriftError); the engine treats merging as best effort. */
  mergeHlc(remote: string): Promise<void>;
  getHlc?(): Promise<string | null>;
  /** Outbox size for the status line; when absent the engine estimates it. */
  countOutbox?(): Promise<number>;
  /**
   * What the server says this console may not read now (restricted incidents it is not in, alert groups attached to
   * them). In one transaction: purge every stream newly hidden (events, outbox, snapshots, summaries, quarantine),
   * and remember every stream no longer hidden as owed a whole read. Called before the cursor moves past the page.
   */
  applyAccess?(workspace: string, hidden: readonly string[]): Promise<void>;
  /** Streams owed a whole read from the start (newly readable), oldest first. */
  owedStreams?(workspace: string): Promise<string[]>;
  /** A stream was read whole (or is hidden again): no longer owed. */
  streamRead?(workspace: string, streamId: string): Promise<void>;
  /**
   * Joining without the history (GET /sync/summaries, issue #27), before the cursor moves to the summaries' head: of
   * `streams` (every stream the server lists, with its size), the store makes owed (owedStreams: read whole after the
   * pull) those it needs now (the active incidents, the workspace's own streams) and remembers the others as not read
   * (owed when someone opens one). `events`: the summaries' events, judged with the store's own fold. Without this the
   * engine reads the whole log, as before.
   */
  planJoin?(workspace: string, events: readonly unknown[], streams: readonly StreamSize[]): Promise<void>;
  /**
   * Recovery after the server's history went back (recovery.ts). Without these the engine still starts reading
   * from the beginning when it notices, but cannot give back what the server lost.
   */
  getHistory?: RecoveryStore['getHistory'];
  setHistory?: RecoveryStore['setHistory'];
  readForRepush?: RecoveryStore['readForRepush'];
  requeue?: RecoveryStore['requeue'];
  /**
   * One pulled page (or events the realtime channel carried) in ONE transaction: the events applied as by
   * applyRemote, and the cursor moved to `page.cursor` only when the stored cursor is at least `page.after` (the
   * events are everything readable in (after, cursor]); a cursor never moves back. Returns the stored cursor after.
   * When absent the engine calls applyRemote and setCursor.
   */
  applyPage?(workspace: string, events: readonly unknown[], page: PageBounds): Promise<ApplyRemoteResult & { cursor: number }>;
  /** What a push acknowledged, in ONE transaction: drop the acked outbox rows and merge the server's clock (best effort). */
  afterPush?(ackedIds: string[], serverHlc: string | null): Promise<void>;
  /**
   * The events just written locally, in the form readOutbox would give them, without reading the store (null when
   * that needs a read, e.g. before the identity is known): lets a write be pushed the moment it commits.
   */
  outgoingNow?(events: readonly IncidentEvent[]): IncidentEvent[] | null;
  /**
   * Events the realtime channel carried, before they are stored: the store may show them at once (validating them
   * itself). They are stored right after (applyPage); if that fails, the pull brings them again.
   */
  previewRemote?(events: readonly unknown[]): void;
  /** Outbox size and quarantine size together (one read); when absent the engine asks for each. */
  counts?(): Promise<{ pending: number; quarantined: number }>;
}

/**
 * Where a page's events sit: everything readable in (after, cursor]. `epoch` (carried events): the history they
 * belong to; the cursor moves only when the store's history mark is in it and no recovery is owed. `cursorMark`: the
 * mark of the event at `cursor`, stored with the cursor when it moves there (recovery's history mark).
 */
export interface PageBounds {
  after: number;
  cursor: number;
  epoch?: string;
  cursorMark?: string | null;
}

/** A poke that carries the events of a push (the realtime channel). */
export interface CarriedMessage {
  from: number;
  seq: number;
  events: readonly unknown[];
  epoch?: string;
  cursorMark?: string;
}

export interface ApplyRemoteResult {
  /** Events newly stored (not already present). */
  applied: number;
  /** Events that failed validation, by index in the input, with a path-named error (kept in the quarantine). */
  rejected: ReadonlyArray<{ index: number; error: string }>;
}

export interface QuarantineRetryResult {
  applied: number;
  /** Events still failing validation, still quarantined. */
  remaining: number;
}

export interface TransportRequest {
  method: 'GET' | 'POST';
  /** Path under the API prefix, e.g. "/sync/push". */
  path: string;
  query?: Record<string, string | number>;
  body?: unknown;
}

export interface TransportResponse {
  status: number;
  body: unknown;
}

export interface RealtimeHandlers {
  /** Channel (re)opened and authenticated; `seq` is the newest sequence number on the server. */
  onOpen(seq: number, epoch?: string): void;
  onPoke(seq: number): void;
  /**
   * A poke that carries the events it announces: every event this console may read with a sequence number in
   * (from - 1, seq], as a pull would return them. A hint like any poke: pull stays the correctness path.
   */
  onEvents?(message: CarriedMessage): void;
  onClose(): void;
}

/** HTTP (throws on network failure, resolves with any HTTP status) plus an optional realtime channel. */
export interface SyncTransport {
  request(req: TransportRequest): Promise<TransportResponse>;
  subscribe?(handlers: RealtimeHandlers): () => void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
