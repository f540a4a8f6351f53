// Runtime-neutral sync engine: pushes the local outbox, pulls from the cursor, follows pokes, backs off offline.
// SyncEngine orchestrates; its parts sit beside it: the ports it needs (ports.ts), what it reports (status.ts), its
// options (engine-context.ts), the server's answers (failure.ts), held events (held-events.ts), acknowledgements on
// their way to the store (ack-queue.ts), the status counts (status-counts.ts), the join's and owed streams' reads
// (join-reads.ts) and the recovery run (recovery-run.ts). The public types are re-exported here for code that drives it.
import { pullResponseSchema, pushResponseSchema } from './protocol';
import type { z } from 'zod';
import type { IncidentEvent } from '../incident/events';
import { historyVerdict, type HistoryMark } from './recovery';
import type { CarriedMessage, TransportRequest } from './ports';
import type { SyncStatus } from './status';
import { resolveSettings, type EngineSettings, type SyncEngineOptions } from './engine-context';
import { badResponse, callServer, FATAL_CODES, isRefusal, isTooLarge, SyncFailure } from './failure';
import { HeldEvents } from './held-events';
import { JoinReads } from './join-reads';
import { RecoveryRun } from './recovery-run';
import { AckQueue } from './ack-queue';
import { SignaturesAhead } from './signatures-ahead';
import { StatusCounts } from './status-counts';

export type { ApplyRemoteResult, CarriedMessage, PageBounds, QuarantineRetryResult, RealtimeHandlers, SyncLocalStore, SyncTransport, Timers, TransportRequest, TransportResponse } from './ports';
export type { RecoveryStatus, SyncError, SyncState, SyncStatus } from './status';
export type { SyncEngineOptions } from './engine-context';
export { TOO_LARGE_MESSAGE } from './held-events';

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
  /** Fresh pushes and realtime applies under way (idle() and stop() wait for them). */
  private readonly background = new Set<Promise<void>>();
  /** Events per push for now: halved when the server says a batch is too large, grown back after pushes that pass. */
  private pushLimit = Number.POSITIVE_INFINITY;
  private quarantineDue = false;
  /** The signer's key was registered with the server since start() (or the server has no keys to register). */
  private keyRegistered = false;
  private readonly o: EngineSettings;
  /** Outbox events the server refused one by one (held-events.ts). */
  private readonly held: HeldEvents;
  private readonly joins: JoinReads;
  private readonly recovery: RecoveryRun;
  private readonly acks: AckQueue;
  private readonly counts: StatusCounts;
  /** Signatures of local writes started while they commit (absent without a signer). */
  private readonly ahead: SignaturesAhead | undefined;

  constructor(private readonly options: SyncEngineOptions) {
    this.o = resolveSettings(options);
    this.ahead = options.signer ? new SignaturesAhead(options.signer) : undefined;
    this.held = new HeldEvents(this.o, (held, heldReason) => this.setStatus({ held, heldReason }));
    this.counts = new StatusCounts(options.store, (pending, quarantined) => this.setStatus({ pending, quarantined }), () => this.status.quarantined);
    this.acks = new AckQueue(options.store, (remote) => this.mergeClock(remote), (ids) => {
      this.ahead?.forget(ids);
      for (const id of ids) this.inFlight.delete(id);
      this.counts.refresh();
    });
    const context = {
      store: options.store,
      workspace: options.workspace,
      settings: this.o,
      call: (req: TransportRequest) => this.call(req),
      again: () => { this.again = true; },
    };
    this.joins = new JoinReads(context);
    this.recovery = new RecoveryRun({
      ...context,
      pushAll: () => this.pushAll(),
      mergeClock: (remote) => this.mergeClock(remote),
      recovery: () => this.status.recovery,
      setRecovery: (recovery) => this.setStatus({ recovery }),
      refreshPending: () => this.counts.refresh(),
    });
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
    this.recovery.restart();
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
    while (this.running || this.acks.writing || this.background.size > 0) await Promise.all([this.running, this.acks.writing, ...this.background]);
    this.setStatus({ realtime: false });
  }

  /**
   * Local events were written (committed): push them now. With the events in hand (and a store that can give their
   * outgoing form without a read) they go out in their own push at once, beside any round already running; the
   * outbox rows stay until the server acknowledges them, so a failed push loses nothing (the next round sends them).
   * Never blocks the caller.
   */
  notifyLocalChange(events?: readonly IncidentEvent[]): void {
    this.counts.refresh();
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

  /**
   * Local events are being written (not committed yet): their signatures are started now, beside the commit, so the
   * push after it (notifyLocalChange) has nothing left to compute. A write that then fails leaves an unused signature.
   */
  prepareLocal(events: readonly IncidentEvent[]): void {
    if (!this.ahead || events.length === 0) return;
    this.ahead.prepare(this.options.store.outgoingNow?.(events) ?? events);
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
      // Signed ahead (prepareLocal): the request goes out now, in this task, before the console re-renders.
      const signed = this.ahead ? this.ahead.ready(events) ?? await this.sign(events) : events;
      const res = await this.call({ method: 'POST', path: '/sync/push', body: { workspace: this.options.workspace, events: signed } });
      const parsed = pushResponseSchema.safeParse(res);
      if (!parsed.success) throw badResponse('push');
      acked = parsed.data.acked;
      this.acks.queue(acked, parsed.data.serverHlc);
    } catch {
      // Refused or offline: the round reads these from the outbox and does what it always does (hold, back off).
    }
    // Acked ones stay out of rounds until their outbox rows are gone (ack-queue.ts); the rest go back to the rounds.
    const done = new Set(acked);
    for (const e of events) if (!done.has(e.id)) this.inFlight.delete(e.id);
    if (done.size < events.length && this.started && !this.halted) void this.syncNow();
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
      if (result.rejected.length > 0) this.counts.refresh();
      // A gap before these events (a missed poke), or events refused: the pull fills it.
      if (result.cursor < message.seq) void this.syncNow();
    } catch {
      void this.syncNow();
    }
  }

  /** Resolves when no round, push or acknowledgement is running (for tests and shutdown; one already queued is included). */
  async idle(): Promise<void> {
    while (this.running || this.acks.writing || this.background.size > 0 || this.counts.reading) {
      await Promise.all([this.running, this.acks.writing, this.counts.reading, ...this.background]);
    }
  }

  /** Offer every held event to the server again now (e.g. after the user fixed the clock). */
  retryHeld(): Promise<boolean> {
    this.held.retryAll();
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
        if (!isRefusal(err)) throw err;
        pushError = err;
      }
      // While pushes fail for a passing reason (a 429, a 5xx), what the server says is hidden now is not purged yet:
      // the purge drops this console's unsent rows of those incidents, and the ones written while it could still
      // see them would be accepted once a push gets through. After PURGE_WAITS_FOR_PUSH failed rounds it purges anyway.
      // Counted apart from offline rounds: after a long offline spell the first push refused on reconnect (a 429 under
      // the backlog) must still hold the purge back.
      this.failedPushRounds = pushError === undefined ? 0 : this.failedPushRounds + 1;
      await this.pullAll(pushError !== undefined && this.failedPushRounds <= PURGE_WAITS_FOR_PUSH);
      this.held.forgetRestricted();
      await this.joins.readOwedStreams();
      if (pushError) throw pushError;
      this.failures = 0;
      await this.counts.settled();
      this.setStatus({ state: 'online', error: null, lastSyncedAt: new Date(this.o.now()).toISOString() });
      return true;
    } catch (err) {
      const failure = err instanceof SyncFailure ? err : new SyncFailure({ code: 'internal', message: err instanceof Error ? err.message : String(err) }, false);
      this.failures += 1;
      if (FATAL_CODES.has(failure.info.code)) this.halted = true;
      await this.counts.settled();
      this.setStatus({ state: failure.offline ? 'offline' : 'error', error: failure.info });
      return false;
    }
  }

  private async pushAll(): Promise<void> {
    const { store } = this.options;
    this.held.maybeRetry();
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
          if (this.splitOrHold(err, batch) || this.held.hold(err, batch)) continue;
          throw err;
        }
        this.pushLimit = this.pushLimit >= this.o.batchSize ? Number.POSITIVE_INFINITY : this.pushLimit * 2;
        const parsed = pushResponseSchema.safeParse(res);
        if (!parsed.success) throw badResponse('push');
        for (const id of parsed.data.acked) this.held.delete(id);
        if (parsed.data.acked.length === 0) return; // nothing accepted: do not spin
        // The acks are written while the next batch is read and pushed; until then the rounds leave them alone.
        for (const id of parsed.data.acked) this.inFlight.add(id);
        this.acks.queue(parsed.data.acked, parsed.data.serverHlc);
      }
    } finally {
      while (this.acks.writing) await this.acks.writing;
      this.held.publishHeld();
    }
  }

  /**
   * A push over the server's body limit (413): send half as many at a time; a single event that is still too large
   * is held (kept in the outbox, shown as "too large to send"), never resent in a loop.
   */
  private splitOrHold(err: unknown, batch: IncidentEvent[]): boolean {
    if (!isTooLarge(err)) return false;
    if (batch.length > 1) {
      this.pushLimit = Math.ceil(batch.length / 2);
      return true;
    }
    const only = batch[0];
    if (!only) return false;
    this.held.holdTooLarge(only);
    return true;
  }

  /**
   * Pull to the end. Every answer carries the server's history epoch and head: another epoch than the cursor's, or
   * a cursor beyond the head, means the history went back (a restore, a rebuild, a failover). Then the cursor means
   * nothing: read again from the start, collecting the ids the server holds, and give back the rest (recover()).
   */
  private async pullAll(deferPurge = false): Promise<void> {
    const { store, workspace } = this.options;
    let mark = store.getHistory ? await store.getHistory(workspace) : null;
    let recovering = mark?.repushOwed === true && this.recovery.due();
    let cursor = recovering ? 0 : await store.getCursor(workspace);
    let serverHas: Set<string> | undefined = recovering ? new Set() : undefined;
    // Nothing read yet (a console that joins: no cursor, no history mark): the summaries instead of the whole log, then
    // on from their head. Once per console: the first answer leaves a history mark.
    if (cursor === 0 && mark === null && !recovering && !this.joins.noSummaries && store.planJoin) {
      const joined = await this.joins.readSummaries(mark, !deferPurge, (page, at, m, purge) => this.applyPulled(page, at, m, purge));
      if (joined) {
        mark = joined.mark;
        cursor = joined.cursor;
      }
    }
    for (;;) {
      const res = await this.call({ method: 'GET', path: '/sync/pull', query: { workspace, after: cursor, limit: this.o.pullLimit } });
      const parsed = pullResponseSchema.safeParse(res);
      if (!parsed.success) throw badResponse('pull');
      const page = parsed.data;
      const verdict = historyVerdict(mark, page, cursor);
      if (verdict === 'went-back' && page.epoch) {
        mark = { epoch: page.epoch, repushOwed: true };
        await store.setHistory?.(workspace, mark);
        await store.setCursor(workspace, 0);
        this.recovery.start(page.epoch);
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
    if (recovering && mark && serverHas) await this.recovery.recover(mark, serverHas);
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
    return this.ahead ? this.ahead.sign(events) : events;
  }

  private async mergeClock(remote: string): Promise<void> {
    try {
      await this.options.store.mergeHlc(remote);
    } catch {
      // Best effort: a server clock far ahead of ours is not followed, but sync goes on.
    }
  }

  private call(req: TransportRequest): Promise<unknown> {
    return callServer(this.options.transport, req);
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

