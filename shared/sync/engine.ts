// Runtime-neutral sync engine: pushes the local outbox, pulls from the cursor, follows pokes, backs off offline.
import { apiErrorSchema, MAX_PULL_LIMIT, MAX_PUSH_EVENTS, pullResponseSchema, pushResponseSchema, relayResponseSchema, streamResponseSchema, summariesResponseSchema, type StreamSize } from './protocol';
import type { z } from 'zod';
import type { IncidentEvent } from '../incident/events';
import { historyVerdict, repushMissing, type HistoryMark, type RecoveryStore, type RelayRefusal } from './recovery';
import type { EventSigner } from './signature';

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

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

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

/** Errors after which retrying cannot help until the user reconnects (join again). */
const FATAL_CODES = new Set(['unauthorized', 'forbidden_workspace', 'key_conflict']);
/**
 * Refusals that name one event of the batch (by `index`): that event is held back, the rest go on.
 * actor_mismatch (an event in another device's name) and id_conflict (an id already stored with other
 * content) cannot heal by retrying the batch either, and must not block everything behind them; nor can
 * restricted_incident (an event for a restricted incident this console is not in: the next pull purges it), nor
 * command_required (a change of a restricted incident's command or visibility only its commander makes: STAYS_HELD).
 */
const PER_EVENT_CODES = new Set(['invalid_event', 'clock_skew', 'actor_mismatch', 'id_conflict', 'restricted_incident', 'command_required', 'signature_required', 'signature_invalid']);

/** The server's answer to a push over its body limit (413). */
const TOO_LARGE = 'body_too_large';
/**
 * Held until the user asks (retryHeld), never offered again on a timer: an entry too large to send (resending cannot
 * help), and a change only the commander may make (command_required: offered again later it could go through once
 * this person came to command, long after they meant it, and nobody would have seen it refused).
 */
const STAYS_HELD = new Set([TOO_LARGE, 'command_required']);
/** What the console says about an entry that alone is over the server's limit. */
export const TOO_LARGE_MESSAGE = 'too large to send: this entry alone is over the server\'s size limit; it stays on this device';

interface HeldEvent {
  code: string;
  message: string;
}

class SyncFailure extends Error {
  constructor(readonly info: SyncError, readonly offline: boolean, readonly index?: number) {
    super(info.message);
  }
}

/** Failed rounds in a row (pushes refused for a passing reason) after which a restriction is purged all the same. */
const PURGE_WAITS_FOR_PUSH = 3;

export class SyncEngine {
  private status: SyncStatus = { state: 'offline', lastSyncedAt: null, pending: 0, error: null, realtime: false, held: 0, heldReason: null, quarantined: 0, recovery: null };
  private readonly listeners = new Set<(s: SyncStatus) => void>();
  private running: Promise<boolean> | undefined;
  private again = false;
  private failures = 0;
  /** Rounds in a row whose push failed for a passing reason (429, 5xx) while the server answered; offline rounds are not. */
  private failedPushRounds = 0;
  private timer: unknown;
  private started = false;
  private halted = false;
  private unsubscribe: (() => void) | undefined;
  private knownCursor = 0;
  /** The history's epoch as the last pull or the realtime channel said (undefined from servers without one). */
  private epoch: string | undefined;
  /** Local events pushed straight after their write, not yet acknowledged: the round leaves them to that push. */
  private readonly inFlight = new Set<string>();
  /** Acknowledged ids and the newest server clock waiting for one afterPush transaction. */
  private ackQueue: string[] = [];
  private ackHlc: string | null = null;
  private acking: Promise<void> | undefined;
  private counting: Promise<void> | undefined;
  /** Fresh pushes and realtime applies under way (idle() and stop() wait for them). */
  private readonly background = new Set<Promise<void>>();
  private countAgain = false;
  /** Outbox events the server refused individually, by id; in memory only (a restart offers them again). */
  private readonly held = new Map<string, HeldEvent>();
  /** Events per push for now: halved when the server says a batch is too large, grown back after pushes that pass. */
  private pushLimit = Number.POSITIVE_INFINITY;
  private latestHeld: SyncError | null = null;
  private roundsSinceHeldRetry = 0;
  private heldRetryAt = 0;
  private quarantineDue = false;
  /** The signer's key was registered with the server since start() (or the server has no keys to register). */
  private keyRegistered = false;
  /** The server answered that it has no summaries (older than issue #27): joins read the whole log. */
  private noSummaries = false;
  /** When an incomplete recovery (refused relays that may heal) was last tried, in rounds and ms. */
  private roundsSinceRecovery = 0;
  private recoveryTriedAt: number | undefined;
  private readonly o: Required<Omit<SyncEngineOptions, 'store' | 'transport' | 'workspace' | 'signer'>>;

  constructor(private readonly options: SyncEngineOptions) {
    this.o = {
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

  getStatus(): SyncStatus {
    const { error, heldReason, recovery } = this.status;
    return { ...this.status, error: error ? { ...error } : null, heldReason: heldReason ? { ...heldReason } : null, recovery: recovery ? { ...recovery } : null };
  }

  /** Called with every status change; returns an unsubscribe function. */
  subscribe(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Begin syncing: one round now, then on pokes, local changes, the backstop timer and retries. */
  start(): void {
    // After a fatal halt (device refused) start() is the user's "connect again": it must run again.
    if (this.started && !this.halted) return;
    this.unsubscribe?.();
    this.started = true;
    this.halted = false;
    this.failures = 0;
    this.quarantineDue = true;
    this.keyRegistered = false;
    this.recoveryTriedAt = undefined;
    this.unsubscribe = this.options.transport.subscribe?.({
      onOpen: (seq) => { this.setStatus({ realtime: true }); this.onRemoteSeq(seq, true); },
      onPoke: (seq) => this.onRemoteSeq(seq, false),
      onEvents: (message) => this.track(this.onRemoteEvents(message)),
      onClose: () => this.setStatus({ realtime: false }),
    });
    void this.syncNow();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.clearTimer();
    while (this.running || this.acking || this.background.size > 0) await Promise.all([this.running, this.acking, ...this.background]);
    this.setStatus({ realtime: false });
  }

  /**
   * Local events were written (committed): push them now. With the events in hand (and a store that can give their
   * outgoing form without a read) they go out in their own push at once, beside any round already running; the
   * outbox rows stay until the server acknowledges them, so a failed push loses nothing (the next round sends them).
   * Never blocks the caller.
   */
  notifyLocalChange(events?: readonly IncidentEvent[]): void {
    this.refreshPending();
    if (!this.started || this.halted) return;
    // Not before this start registered the signing key: the server could not check the signatures yet.
    const canSign = !this.options.signer || this.keyRegistered;
    if (events && events.length > 0 && events.length <= this.o.batchSize && canSign && this.status.state !== 'offline' && this.failures === 0) {
      const outgoing = this.options.store.outgoingNow?.(events.filter((e) => !this.held.has(e.id) && !this.inFlight.has(e.id)));
      if (outgoing && outgoing.length > 0) {
        this.track(this.pushFresh(outgoing));
        return;
      }
    }
    void this.syncNow();
  }

  private track(work: Promise<void>): void {
    const tracked = work.finally(() => this.background.delete(tracked));
    this.background.add(tracked);
  }

  /** The fast path of notifyLocalChange: one push of events just written; on any failure a normal round takes over. */
  private async pushFresh(events: IncidentEvent[]): Promise<void> {
    for (const e of events) this.inFlight.add(e.id);
    let acked: string[] = [];
    try {
      const res = await this.call({ method: 'POST', path: '/sync/push', body: { workspace: this.options.workspace, events: await this.sign(events) } });
      const parsed = pushResponseSchema.safeParse(res);
      if (!parsed.success) throw new SyncFailure({ code: 'bad_response', message: 'push: unexpected response from server' }, false);
      acked = parsed.data.acked;
      this.queueAck(acked, parsed.data.serverHlc);
    } catch {
      // Refused or offline: the round reads these from the outbox and does what it always does (hold, back off).
    }
    // Acked ones stay out of rounds until their outbox rows are gone (flushAcks); the rest go back to the rounds.
    const done = new Set(acked);
    for (const e of events) if (!done.has(e.id)) this.inFlight.delete(e.id);
    if (done.size < events.length && this.started && !this.halted) void this.syncNow();
  }

  /** Acks and the server clock go to the store in one transaction, coalesced while one is being written. */
  private queueAck(ids: string[], serverHlc: string | null): void {
    this.ackQueue.push(...ids);
    if (serverHlc !== null && (this.ackHlc === null || serverHlc > this.ackHlc)) this.ackHlc = serverHlc;
    if (this.acking) return;
    this.acking = this.flushAcks().finally(() => {
      this.acking = undefined;
      // Queued after the flush's last look: flush again.
      if (this.ackQueue.length > 0 || this.ackHlc !== null) this.queueAck([], null);
    });
  }

  private async flushAcks(): Promise<void> {
    const { store } = this.options;
    while (this.ackQueue.length > 0 || this.ackHlc !== null) {
      const ids = this.ackQueue;
      const hlc = this.ackHlc;
      this.ackQueue = [];
      this.ackHlc = null;
      try {
        if (store.afterPush) await store.afterPush(ids, hlc);
        else {
          await store.ackOutbox(ids);
          if (hlc) await this.mergeClock(hlc);
        }
      } catch {
        // Not acked locally: those rows are offered again and the server acks them again (pushes are idempotent).
      }
      for (const id of ids) this.inFlight.delete(id);
      this.refreshPending();
    }
  }

  /**
   * The realtime channel carried the events of a push: store them (and move the cursor when they follow it). Only in
   * the history the cursor counts in (the last pull's epoch; the store checks its history mark in the same
   * transaction), with the mark of the event at `seq`, and never while a recovery re-reads the history: anything
   * else is just a poke.
   */
  private async onRemoteEvents(message: CarriedMessage): Promise<void> {
    if (!this.started || this.halted) return;
    const { store, workspace } = this.options;
    const usable = message.epoch !== undefined && message.epoch === this.epoch && message.cursorMark !== undefined
      && this.status.recovery?.state !== 'running' && store.applyPage !== undefined && message.from >= 1;
    if (!usable || !store.applyPage) { this.onRemoteSeq(message.seq, false); return; }
    try {
      store.previewRemote?.(message.events);
      const result = await store.applyPage(workspace, message.events, { after: message.from - 1, cursor: message.seq, epoch: message.epoch, cursorMark: message.cursorMark });
      this.knownCursor = Math.max(this.knownCursor, result.cursor);
      if (result.rejected.length > 0) this.refreshPending();
      // A gap before these events (a missed poke), or events refused: the pull fills it.
      if (result.cursor < message.seq) void this.syncNow();
    } catch {
      void this.syncNow();
    }
  }

  /** Resolves when no round, push or acknowledgement is running (for tests and shutdown; one already queued is included). */
  async idle(): Promise<void> {
    while (this.running || this.acking || this.background.size > 0 || this.counting) {
      await Promise.all([this.running, this.acking, this.counting, ...this.background]);
    }
  }

  /** Offer every held event to the server again now (e.g. after the user fixed the clock). */
  retryHeld(): Promise<boolean> {
    this.held.clear();
    this.roundsSinceHeldRetry = 0;
    this.heldRetryAt = this.o.now();
    return this.syncNow();
  }

  /** One full round (push everything, pull everything); coalesces with a round already running. True on success. */
  syncNow(): Promise<boolean> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.clearTimer();
    const round = this.loop().finally(() => {
      this.running = undefined;
    });
    this.running = round;
    return round;
  }

  private async loop(): Promise<boolean> {
    let ok = false;
    do {
      this.again = false;
      ok = await this.round();
    } while (this.again && ok);
    this.schedule(ok);
    return ok;
  }

  private onRemoteSeq(seq: number, always: boolean): void {
    if (!this.started || this.halted) return;
    if (always || seq > this.knownCursor) void this.syncNow();
  }

  private async round(): Promise<boolean> {
    this.setStatus({ state: 'syncing' });
    let pushError: SyncFailure | undefined;
    try {
      if (this.quarantineDue && this.options.store.retryQuarantine) {
        await this.options.store.retryQuarantine();
        this.quarantineDue = false;
      }
      await this.registerKey();
      try {
        await this.pushAll();
      } catch (err) {
        // A refused push (say, a clock far ahead) must not stop us receiving others' events.
        if (!(err instanceof SyncFailure) || err.offline || FATAL_CODES.has(err.info.code)) throw err;
        pushError = err;
      }
      // While pushes fail for a passing reason (a 429, a 5xx), what the server says is hidden now is not purged yet:
      // the purge drops this console's unsent rows of those incidents, and the ones written while it could still
      // see them would be accepted once a push gets through. After PURGE_WAITS_FOR_PUSH failed rounds it purges anyway.
      // Counted apart from offline rounds: after a long offline spell the first push refused on reconnect (a 429 under
      // the backlog) must still hold the purge back.
      this.failedPushRounds = pushError === undefined ? 0 : this.failedPushRounds + 1;
      await this.pullAll(pushError !== undefined && this.failedPushRounds <= PURGE_WAITS_FOR_PUSH);
      this.forgetRestrictedHolds();
      await this.readOwedStreams();
      if (pushError) throw pushError;
      this.failures = 0;
      await this.countsSettled();
      this.setStatus({ state: 'online', error: null, lastSyncedAt: new Date(this.o.now()).toISOString() });
      return true;
    } catch (err) {
      const failure = err instanceof SyncFailure ? err : new SyncFailure({ code: 'internal', message: err instanceof Error ? err.message : String(err) }, false);
      this.failures += 1;
      if (FATAL_CODES.has(failure.info.code)) this.halted = true;
      await this.countsSettled();
      this.setStatus({ state: failure.offline ? 'offline' : 'error', error: failure.info });
      return false;
    }
  }

  private async pushAll(): Promise<void> {
    const { store } = this.options;
    this.maybeRetryHeld();
    try {
      for (;;) {
        // Read past the held events so one refused event never blocks those behind it.
        const window = await store.readOutbox(this.held.size + this.inFlight.size + this.o.batchSize);
        const batch = await this.sign(window.filter((e) => !this.held.has(e.id) && !this.inFlight.has(e.id)).slice(0, Math.min(this.o.batchSize, this.pushLimit)));
        if (batch.length === 0) return;
        let res: unknown;
        try {
          res = await this.call({ method: 'POST', path: '/sync/push', body: { workspace: this.options.workspace, events: batch } });
        } catch (err) {
          if (this.splitOrHold(err, batch) || this.hold(err, batch)) continue;
          throw err;
        }
        this.pushLimit = this.pushLimit >= this.o.batchSize ? Number.POSITIVE_INFINITY : this.pushLimit * 2;
        const parsed = pushResponseSchema.safeParse(res);
        if (!parsed.success) throw new SyncFailure({ code: 'bad_response', message: 'push: unexpected response from server' }, false);
        for (const id of parsed.data.acked) this.held.delete(id);
        if (parsed.data.acked.length === 0) return; // nothing accepted: do not spin
        // The acks are written while the next batch is read and pushed; until then the rounds leave them alone.
        for (const id of parsed.data.acked) this.inFlight.add(id);
        this.queueAck(parsed.data.acked, parsed.data.serverHlc);
      }
    } finally {
      while (this.acking) await this.acking;
      this.publishHeld();
    }
  }

  /** Every `heldRetryRounds` rounds or `heldRetryMs`, forget the held set so those events are offered again. */
  private maybeRetryHeld(): void {
    this.roundsSinceHeldRetry += 1;
    if (this.held.size === 0) {
      this.roundsSinceHeldRetry = 0;
      this.heldRetryAt = this.o.now();
      return;
    }
    if (this.roundsSinceHeldRetry >= this.o.heldRetryRounds || this.o.now() - this.heldRetryAt >= this.o.heldRetryMs) {
      for (const [id, reason] of this.held) if (!STAYS_HELD.has(reason.code)) this.held.delete(id);
      this.roundsSinceHeldRetry = 0;
      this.heldRetryAt = this.o.now();
    }
  }

  /**
   * A push over the server's body limit (413): send half as many at a time; a single event that is still too large
   * is held (kept in the outbox, shown as "too large to send"), never resent in a loop.
   */
  private splitOrHold(err: unknown, batch: IncidentEvent[]): boolean {
    // A proxy in front may answer 413 in its own words (http_413): the same meaning.
    if (!(err instanceof SyncFailure) || (err.info.code !== TOO_LARGE && err.info.code !== 'http_413')) return false;
    if (batch.length > 1) {
      this.pushLimit = Math.ceil(batch.length / 2);
      return true;
    }
    const only = batch[0];
    if (!only) return false;
    const reason = { code: TOO_LARGE, message: TOO_LARGE_MESSAGE };
    this.held.set(only.id, reason);
    this.latestHeld = reason;
    return true;
  }

  /**
   * A refusal naming one event of the batch: hold that event back (it stays in the outbox, unacked).
   * clock_skew also holds the batch's later-stamped events, which are at least as far ahead.
   */
  private hold(err: unknown, batch: IncidentEvent[]): boolean {
    if (!(err instanceof SyncFailure) || !PER_EVENT_CODES.has(err.info.code) || err.index === undefined) return false;
    const bad = batch[err.index];
    if (!bad) return false;
    const reason = { code: err.info.code, message: err.info.message };
    const victims = err.info.code === 'clock_skew' ? batch.filter((e) => e.hlc >= bad.hlc) : [bad];
    for (const e of victims) this.held.set(e.id, reason);
    this.latestHeld = reason;
    return true;
  }

  private publishHeld(): void {
    const held = this.held.size;
    if (held === 0) this.latestHeld = null;
    this.setStatus({ held, heldReason: held === 0 ? null : this.latestHeld });
  }

  /**
   * Pull to the end. Every answer carries the server's history epoch and head: another epoch than the cursor's, or
   * a cursor beyond the head, means the history went back (a restore, a rebuild, a failover). Then the cursor means
   * nothing: read again from the start, collecting the ids the server holds, and give back the rest (recover()).
   */
  private async pullAll(deferPurge = false): Promise<void> {
    const { store, workspace } = this.options;
    let mark = store.getHistory ? await store.getHistory(workspace) : null;
    let recovering = mark?.repushOwed === true && this.recoveryDue();
    let cursor = recovering ? 0 : await store.getCursor(workspace);
    let serverHas: Set<string> | undefined = recovering ? new Set() : undefined;
    // Nothing read yet (a console that joins: no cursor, no history mark): the summaries instead of the whole log, then
    // on from their head. Once per console: the first answer leaves a history mark.
    if (cursor === 0 && mark === null && !recovering && !this.noSummaries && store.planJoin) {
      const joined = await this.readSummaries(mark, !deferPurge);
      if (joined) {
        mark = joined.mark;
        cursor = joined.cursor;
      }
    }
    for (;;) {
      const res = await this.call({ method: 'GET', path: '/sync/pull', query: { workspace, after: cursor, limit: this.o.pullLimit } });
      const parsed = pullResponseSchema.safeParse(res);
      if (!parsed.success) throw new SyncFailure({ code: 'bad_response', message: 'pull: unexpected response from server' }, false);
      const page = parsed.data;
      const verdict = historyVerdict(mark, page, cursor);
      if (verdict === 'went-back' && page.epoch) {
        mark = { epoch: page.epoch, repushOwed: true };
        await store.setHistory?.(workspace, mark);
        await store.setCursor(workspace, 0);
        this.startRecovery(page.epoch);
        cursor = 0;
        this.knownCursor = 0;
        serverHas = new Set();
        recovering = true;
        continue; // this page answered a cursor of the old history: read from the start
      }
      if (verdict === 'first' && page.epoch) {
        mark = { epoch: page.epoch, repushOwed: false };
        await store.setHistory?.(workspace, mark);
      }
      mark = await this.applyPulled(page, cursor, mark, !recovering && !deferPurge);
      if (serverHas) for (const e of page.events) serverHas.add((e as { id: string }).id);
      cursor = page.cursor;
      if (!page.hasMore || page.events.length === 0) break;
    }
    if (recovering && mark && serverHas) await this.recover(mark, serverHas);
  }

  /**
   * One answer of the log (a pull page; the summaries of a join) taken in: what it hides purged, its events stored and
   * the cursor moved to its end with that end's mark. `purge`: apply the page's access notice. Returns the history mark after.
   */
  private async applyPulled(page: z.infer<typeof pullResponseSchema>, cursor: number, mark: HistoryMark | null, purge: boolean): Promise<HistoryMark | null> {
    const { store, workspace } = this.options;
    // Before the cursor moves: what is hidden now is purged, and what was hidden and is not any more is owed a read.
    // Not while re-reading a history that went back: the server's view of who may see what may lack events only
    // this console holds (an invitation made after the backup), and a purge now would lose what it must give back.
    // Nor while pushes fail for a passing reason (deferPurge; every page carries the whole hidden list, so the
    // next round's pull makes the purge).
    if (page.access && store.applyAccess && purge) await store.applyAccess(workspace, page.access.hidden);
    // The cursor's mark moves with the cursor, so the next pull can tell its event is still there: with applyPage
    // in the same transaction (a carried poke may move the stored cursor meanwhile, and a mark of another cursor
    // than the stored one would read as a history that went back).
    const newMark = mark && page.cursorMark !== undefined && mark.cursorMark !== page.cursorMark ? page.cursorMark : undefined;
    if (store.applyPage && (page.events.length > 0 || page.cursor !== cursor)) {
      await store.applyPage(workspace, page.events, { after: cursor, cursor: page.cursor, ...(newMark !== undefined ? { cursorMark: newMark } : {}) });
      if (mark && newMark !== undefined) mark = { ...mark, cursorMark: newMark };
    } else {
      if (page.events.length > 0) await store.applyRemote(page.events);
      if (page.cursor !== cursor) await store.setCursor(workspace, page.cursor);
      if (mark && newMark !== undefined) {
        mark = { ...mark, cursorMark: newMark };
        await store.setHistory?.(workspace, mark);
      }
    }
    // The cursor counts in this page's history now: events the realtime channel carries in it may move it.
    this.epoch = page.epoch;
    this.knownCursor = Math.max(this.knownCursor, page.cursor);
    return mark;
  }

  /**
   * A console that has read nothing yet joins on the summaries (issue #27): every readable stream's summary events
   * and size, as a page up to the head. The store owes the streams it needs now (read whole after the pull) and keeps
   * the rest as not read; the cursor moves to the head, so the pull goes on from there. Null (the whole log is read
   * instead) from a server without summaries, or when the answer says the history went back (the pull handles that).
   */
  private async readSummaries(mark: HistoryMark | null, purge: boolean): Promise<{ mark: HistoryMark | null; cursor: number } | null> {
    const { store, workspace } = this.options;
    if (!store.planJoin) return null;
    let res: unknown;
    try {
      res = await this.call({ method: 'GET', path: '/sync/summaries', query: { workspace } });
    } catch (err) {
      if (err instanceof SyncFailure && (err.info.code === 'not_found' || err.info.code === 'http_404')) {
        this.noSummaries = true; // a server older than summaries: the whole log, as before
        return null;
      }
      throw err;
    }
    const parsed = summariesResponseSchema.safeParse(res);
    if (!parsed.success) throw new SyncFailure({ code: 'bad_response', message: 'summaries: unexpected response from server' }, false);
    const page = parsed.data;
    const verdict = historyVerdict(mark, page, 0);
    if (verdict === 'went-back') return null;
    // Owed and not-read are written before the cursor passes the events the page leaves out. A crash before the
    // history mark is stored reads the summaries again; after it, the whole log from 0 (correct, only slower).
    await store.planJoin(workspace, page.events, page.streams);
    let next = mark;
    if (verdict === 'first' && page.epoch) {
      next = { epoch: page.epoch, repushOwed: false };
      await store.setHistory?.(workspace, next);
    }
    next = await this.applyPulled(page, 0, next, purge);
    return { mark: next, cursor: page.cursor };
  }

  private startRecovery(epoch: string): void {
    this.recoveryTriedAt = undefined;
    this.setStatus({ recovery: { state: 'running', epoch, at: new Date(this.o.now()).toISOString(), requeued: 0, relayed: 0, refused: 0, lastRefusal: null } });
  }

  /** A recovery still owed is tried at once after start, then like held events: every few rounds or minutes. */
  private recoveryDue(): boolean {
    this.roundsSinceRecovery += 1;
    if (this.recoveryTriedAt === undefined) return true;
    return this.roundsSinceRecovery >= this.o.heldRetryRounds || this.o.now() - this.recoveryTriedAt >= this.o.heldRetryMs;
  }

  /**
   * Give the server back what it lacks: own events to the outbox (pushed, signed, in the next loop), others' as
   * relayed copies. Done when nothing was refused that may still be accepted; otherwise tried again later.
   */
  private async recover(mark: HistoryMark, serverHas: Set<string>): Promise<void> {
    const { store, workspace } = this.options;
    this.roundsSinceRecovery = 0;
    this.recoveryTriedAt = this.o.now();
    if (!this.status.recovery || this.status.recovery.epoch !== mark.epoch) this.startRecovery(mark.epoch);
    if (!store.readForRepush || !store.requeue) {
      await store.setHistory?.(workspace, { ...mark, repushOwed: false });
      return;
    }
    const report = await repushMissing(store as RecoveryStore, serverHas, (events) => this.relay(events, mark.epoch), this.o.batchSize, async () => {
      // Own events that decide who may see what go out now, before others' entries are relayed. A refused push
      // leaves them in the outbox for the next round, as in round().
      try {
        await this.pushAll();
      } catch (err) {
        if (!(err instanceof SyncFailure) || err.offline || FATAL_CODES.has(err.info.code)) throw err;
      }
    });
    const complete = report.retryable === 0;
    await store.setHistory?.(workspace, { ...mark, repushOwed: !complete });
    const { requeued, relayed, refused, lastRefusal } = report;
    this.setStatus({ recovery: { state: complete ? 'done' : 'incomplete', epoch: mark.epoch, at: new Date(this.o.now()).toISOString(), requeued, relayed, refused, lastRefusal } });
    if (requeued > 0) {
      this.again = true; // the requeued outbox goes out in the next loop
      await this.refreshPending();
    }
  }

  private async relay(events: IncidentEvent[], epoch: string): Promise<{ acked: string[]; refused: RelayRefusal[] }> {
    let res: unknown;
    try {
      res = await this.call({ method: 'POST', path: '/sync/relay', body: { workspace: this.options.workspace, events } });
    } catch (err) {
      // Over the server's body limit: half as many at a time; one event alone too large is refused for good.
      if (!(err instanceof SyncFailure) || (err.info.code !== TOO_LARGE && err.info.code !== 'http_413')) throw err;
      const [only] = events;
      if (events.length === 1 && only) return { acked: [], refused: [{ id: only.id, error: TOO_LARGE, message: TOO_LARGE_MESSAGE }] };
      const half = Math.ceil(events.length / 2);
      const [a, b] = [await this.relay(events.slice(0, half), epoch), await this.relay(events.slice(half), epoch)];
      return { acked: [...a.acked, ...b.acked], refused: [...a.refused, ...b.refused] };
    }
    const parsed = relayResponseSchema.safeParse(res);
    if (!parsed.success) throw new SyncFailure({ code: 'bad_response', message: 'relay: unexpected response from server' }, false);
    await this.mergeClock(parsed.data.serverHlc);
    // The history moved again meanwhile: the next pull notices and starts over.
    if (parsed.data.epoch !== undefined && parsed.data.epoch !== epoch) this.again = true;
    return { acked: parsed.data.acked, refused: parsed.data.refused.map((r) => ({ id: r.id, error: r.error, message: r.message })) };
  }

  /** Register this device's signing key once per start; a server without keys (404) is fine, another key is fatal. */
  private async registerKey(): Promise<void> {
    const { signer } = this.options;
    if (!signer || this.keyRegistered) return;
    try {
      await this.call({ method: 'POST', path: '/sync/key', body: { workspace: this.options.workspace, publicKey: signer.publicKey } });
    } catch (err) {
      if (!(err instanceof SyncFailure) || err.info.code !== 'not_found') throw err;
    }
    this.keyRegistered = true;
  }

  private async sign(events: IncidentEvent[]): Promise<IncidentEvent[]> {
    const { signer } = this.options;
    return signer ? Promise.all(events.map((e) => signer.sign(e))) : events;
  }

  /**
   * Events refused for a restricted incident are purged by the pull that follows (with the incident); any still in
   * the outbox (the incident was opened again meanwhile) are simply offered again next round.
   */
  private forgetRestrictedHolds(): void {
    let changed = false;
    for (const [id, held] of this.held) if (held.code === 'restricted_incident') { this.held.delete(id); changed = true; }
    if (changed) this.publishHeld();
  }

  /**
   * Streams this console may read again (invited to a restricted incident, or one opened to the workspace): their
   * events were left out of earlier pulls, below the cursor, so each is read whole from the start. One refused
   * (hidden again meanwhile) stays owed until the next pull says so, which purges it.
   */
  private async readOwedStreams(): Promise<void> {
    const { store, workspace } = this.options;
    if (!store.owedStreams || !store.streamRead) return;
    for (const stream of await store.owedStreams(workspace)) {
      let after = 0;
      for (;;) {
        let res: unknown;
        try {
          res = await this.call({ method: 'GET', path: '/sync/stream', query: { workspace, stream, after, limit: this.o.pullLimit } });
        } catch (err) {
          if (err instanceof SyncFailure && err.info.code === 'restricted_incident') { this.again = true; break; }
          throw err;
        }
        const parsed = streamResponseSchema.safeParse(res);
        if (!parsed.success) throw new SyncFailure({ code: 'bad_response', message: 'stream: unexpected response from server' }, false);
        if (parsed.data.events.length > 0) await store.applyRemote(parsed.data.events);
        after = parsed.data.cursor;
        if (!parsed.data.hasMore || parsed.data.events.length === 0) {
          await store.streamRead(workspace, stream);
          break;
        }
      }
    }
  }

  private async mergeClock(remote: string): Promise<void> {
    try {
      await this.options.store.mergeHlc(remote);
    } catch {
      // Best effort: a server clock far ahead of ours is not followed, but sync goes on.
    }
  }

  private async call(req: TransportRequest): Promise<unknown> {
    let res: TransportResponse;
    try {
      res = await this.options.transport.request(req);
    } catch (err) {
      throw new SyncFailure({ code: 'network', message: err instanceof Error ? err.message : 'network error' }, true);
    }
    if (res.status >= 200 && res.status < 300) return res.body;
    const body = apiErrorSchema.safeParse(res.body);
    const info = body.success ? { code: body.data.error, message: body.data.message } : { code: `http_${res.status}`, message: `server answered ${res.status}` };
    // 502/503/504 come from proxies and restarts: treat like being offline.
    throw new SyncFailure(info, res.status === 502 || res.status === 503 || res.status === 504, body.success ? body.data.index : undefined);
  }

  /** The status counts, read now (one read when the store can). */
  private async refreshCounts(): Promise<void> {
    const { store } = this.options;
    if (store.counts) {
      const { pending, quarantined } = await store.counts();
      this.setStatus({ pending, quarantined });
      return;
    }
    const pending = store.countOutbox ? await store.countOutbox() : (await store.readOutbox(MAX_PUSH_EVENTS)).length;
    const quarantined = store.countQuarantine ? await store.countQuarantine() : this.status.quarantined;
    this.setStatus({ pending, quarantined });
  }

  /** The status counts read after everything done so far (through the same one-at-a-time queue, so no older read lands last). */
  private async countsSettled(): Promise<void> {
    this.refreshPending();
    while (this.counting) await this.counting;
  }

  /** The status counts soon: at most one read at a time, one more after it when asked meanwhile; never throws. */
  private refreshPending(): void {
    if (this.counting) { this.countAgain = true; return; }
    this.counting = (async () => {
      do {
        this.countAgain = false;
        await this.refreshCounts().catch(() => undefined);
      } while (this.countAgain);
    })().finally(() => {
      this.counting = undefined;
      if (this.countAgain) this.refreshPending(); // asked after the loop's last look
    });
  }

  private schedule(ok: boolean): void {
    this.clearTimer();
    if (!this.started || this.halted) return;
    const delay = ok
      ? this.o.backstopMs
      : Math.min(this.o.maxBackoffMs, this.o.initialBackoffMs * 2 ** Math.min(20, this.failures - 1)) * (0.5 + this.o.random() / 2);
    this.timer = this.o.timers.setTimeout(() => {
      this.timer = undefined;
      void this.syncNow();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.o.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    const next = { ...this.status, ...patch };
    const same = (Object.keys(patch) as Array<keyof SyncStatus>).every((k) => JSON.stringify(next[k]) === JSON.stringify(this.status[k]));
    this.status = next;
    if (same) return;
    const snapshot = this.getStatus();
    for (const l of this.listeners) l(snapshot);
  }
}

