// Held events: outbox events the server refused one by one, skipped so the rest still sync, and when they are offered
// again. The sync engine (engine.ts) owns one HeldEvents and asks it before each push.
import type { IncidentEvent } from '../incident/events';
import type { EngineSettings } from './engine-context';
import { SyncFailure, TOO_LARGE } from './failure';
import type { SyncError } from './status';

/**
 * Refusals that name one event of the batch (by `index`): that event is held back, the rest go on.
 * actor_mismatch (an event in another device's name) and id_conflict (an id already stored with other
 * content) cannot heal by retrying the batch either, and must not block everything behind them; nor can
 * restricted_incident (an event for a restricted incident this console is not in: the next pull purges it), nor
 * command_required (a change of a restricted incident's command or visibility only its commander makes: STAYS_HELD).
 */
const PER_EVENT_CODES = new Set(['invalid_event', 'clock_skew', 'actor_mismatch', 'id_conflict', 'restricted_incident', 'command_required', 'signature_required', 'signature_invalid']);

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

export class HeldEvents {
  /** Outbox events the server refused individually, by id; in memory only (a restart offers them again). */
  private readonly held = new Map<string, HeldEvent>();
  private latestHeld: SyncError | null = null;
  private roundsSinceHeldRetry = 0;
  private heldRetryAt = 0;

  /** `publish`: the status's held count and reason (SyncStatus.held, heldReason). */
  constructor(
    private readonly settings: Pick<EngineSettings, 'now' | 'heldRetryRounds' | 'heldRetryMs'>,
    private readonly publish: (held: number, heldReason: SyncError | null) => void,
  ) {}

  get size(): number {
    return this.held.size;
  }

  has(id: string): boolean {
    return this.held.has(id);
  }

  /** The server acknowledged it after all. */
  delete(id: string): void {
    this.held.delete(id);
  }

  /** Offer every held event again at the next push (the user asked); the timer starts over. */
  retryAll(): void {
    this.held.clear();
    this.roundsSinceHeldRetry = 0;
    this.heldRetryAt = this.settings.now();
  }

  /** Every `heldRetryRounds` rounds or `heldRetryMs`, forget the held set so those events are offered again. */
  maybeRetry(): void {
    const o = this.settings;
    this.roundsSinceHeldRetry += 1;
    if (this.held.size === 0) {
      this.roundsSinceHeldRetry = 0;
      this.heldRetryAt = o.now();
      return;
    }
    if (this.roundsSinceHeldRetry >= o.heldRetryRounds || o.now() - this.heldRetryAt >= o.heldRetryMs) {
      for (const [id, reason] of this.held) if (!STAYS_HELD.has(reason.code)) this.held.delete(id);
      this.roundsSinceHeldRetry = 0;
      this.heldRetryAt = o.now();
    }
  }

  /** A single event still over the server's body limit: held (kept in the outbox, shown as "too large to send"). */
  holdTooLarge(event: IncidentEvent): void {
    const reason = { code: TOO_LARGE, message: TOO_LARGE_MESSAGE };
    this.held.set(event.id, reason);
    this.latestHeld = reason;
  }

  /**
   * A refusal naming one event of the batch: hold that event back (it stays in the outbox, unacked).
   * clock_skew also holds the batch's later-stamped events, which are at least as far ahead.
   */
  hold(err: unknown, batch: IncidentEvent[]): boolean {
    if (!(err instanceof SyncFailure) || !PER_EVENT_CODES.has(err.info.code) || err.index === undefined) return false;
    const bad = batch[err.index];
    if (!bad) return false;
    const reason = { code: err.info.code, message: err.info.message };
    const victims = err.info.code === 'clock_skew' ? batch.filter((e) => e.hlc >= bad.hlc) : [bad];
    for (const e of victims) this.held.set(e.id, reason);
    this.latestHeld = reason;
    return true;
  }

  /**
   * Events refused for a restricted incident are purged by the pull that follows (with the incident); any still in
   * the outbox (the incident was opened again meanwhile) are simply offered again next round.
   */
  forgetRestricted(): void {
    let changed = false;
    for (const [id, held] of this.held) if (held.code === 'restricted_incident') { this.held.delete(id); changed = true; }
    if (changed) this.publishHeld();
  }

  /** Tell the status how many are held and why the latest was. */
  publishHeld(): void {
    const held = this.held.size;
    if (held === 0) this.latestHeld = null;
    this.publish(held, held === 0 ? null : this.latestHeld);
  }
}
