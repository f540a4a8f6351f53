// The engine's recovery run: once its pull found the server's history gone back and read it again from the start
// (engine.ts pullAll), give the server back what it lacks (recovery.ts repushMissing), and try again later what was
// refused but may heal. docs/server.md, "Recovery: epochs and the re-push".
import type { IncidentEvent } from '../incident/events';
import type { EngineContext } from './engine-context';
import { badResponse, isRefusal, isTooLarge, TOO_LARGE } from './failure';
import { TOO_LARGE_MESSAGE } from './held-events';
import { relayResponseSchema } from './protocol';
import { repushMissing, type HistoryMark, type RecoveryStore, type RelayRefusal } from './recovery';
import type { RecoveryStatus } from './status';

/** What a recovery needs of the engine besides the context. */
export interface RecoveryHost extends EngineContext {
  /** Push the outbox now (the engine's push). */
  pushAll(): Promise<void>;
  /** Merge the server's clock, best effort. */
  mergeClock(remote: string): Promise<void>;
  /** The status's recovery (SyncStatus.recovery), and a change of it. */
  recovery(): RecoveryStatus | null;
  setRecovery(recovery: RecoveryStatus): void;
  /** Read the status counts soon. */
  refreshPending(): void;
}

export class RecoveryRun {
  /** When an incomplete recovery (refused relays that may heal) was last tried, in rounds and ms. */
  private roundsSinceRecovery = 0;
  private recoveryTriedAt: number | undefined;

  constructor(private readonly host: RecoveryHost) {}

  /** The engine (re)starts: a recovery still owed is tried at once. */
  restart(): void {
    this.recoveryTriedAt = undefined;
  }

  start(epoch: string): void {
    this.recoveryTriedAt = undefined;
    this.host.setRecovery({ state: 'running', epoch, at: new Date(this.host.settings.now()).toISOString(), requeued: 0, relayed: 0, refused: 0, lastRefusal: null });
  }

  /** A recovery still owed is tried at once after start, then like held events: every few rounds or minutes. */
  due(): boolean {
    const o = this.host.settings;
    this.roundsSinceRecovery += 1;
    if (this.recoveryTriedAt === undefined) return true;
    return this.roundsSinceRecovery >= o.heldRetryRounds || o.now() - this.recoveryTriedAt >= o.heldRetryMs;
  }

  /**
   * Give the server back what it lacks: own events to the outbox (pushed, signed, in the next loop), others' as
   * relayed copies. Done when nothing was refused that may still be accepted; otherwise tried again later.
   */
  async recover(mark: HistoryMark, serverHas: Set<string>): Promise<void> {
    const { store, workspace, settings: o } = this.host;
    this.roundsSinceRecovery = 0;
    this.recoveryTriedAt = o.now();
    const current = this.host.recovery();
    if (!current || current.epoch !== mark.epoch) this.start(mark.epoch);
    if (!store.readForRepush || !store.requeue) {
      await store.setHistory?.(workspace, { ...mark, repushOwed: false });
      return;
    }
    const report = await repushMissing(store as RecoveryStore, serverHas, (events) => this.relay(events, mark.epoch), o.batchSize, async () => {
      // Own events that decide who may see what go out now, before others' entries are relayed. A refused push
      // leaves them in the outbox for the next round, as in round().
      try {
        await this.host.pushAll();
      } catch (err) {
        if (!isRefusal(err)) throw err;
      }
    });
    const complete = report.retryable === 0;
    await store.setHistory?.(workspace, { ...mark, repushOwed: !complete });
    const { requeued, relayed, refused, lastRefusal } = report;
    this.host.setRecovery({ state: complete ? 'done' : 'incomplete', epoch: mark.epoch, at: new Date(o.now()).toISOString(), requeued, relayed, refused, lastRefusal });
    if (requeued > 0) {
      this.host.again(); // the requeued outbox goes out in the next loop
      await this.host.refreshPending();
    }
  }

  private async relay(events: IncidentEvent[], epoch: string): Promise<{ acked: string[]; refused: RelayRefusal[] }> {
    let res: unknown;
    try {
      res = await this.host.call({ method: 'POST', path: '/sync/relay', body: { workspace: this.host.workspace, events } });
    } catch (err) {
      // Over the server's body limit: half as many at a time; one event alone too large is refused for good.
      if (!isTooLarge(err)) throw err;
      const [only] = events;
      if (events.length === 1 && only) return { acked: [], refused: [{ id: only.id, error: TOO_LARGE, message: TOO_LARGE_MESSAGE }] };
      const half = Math.ceil(events.length / 2);
      const [a, b] = [await this.relay(events.slice(0, half), epoch), await this.relay(events.slice(half), epoch)];
      return { acked: [...a.acked, ...b.acked], refused: [...a.refused, ...b.refused] };
    }
    const parsed = relayResponseSchema.safeParse(res);
    if (!parsed.success) throw badResponse('relay');
    await this.host.mergeClock(parsed.data.serverHlc);
    // The history moved again meanwhile: the next pull notices and starts over.
    if (parsed.data.epoch !== undefined && parsed.data.epoch !== epoch) this.host.again();
    return { acked: parsed.data.acked, refused: parsed.data.refused.map((r) => ({ id: r.id, error: r.error, message: r.message })) };
  }
}
