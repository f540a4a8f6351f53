// What pushes acknowledged, on its way to the store: the acked ids and the newest server clock, written in one
// afterPush transaction, coalesced while one is being written. The sync engine (engine.ts) owns one.
import type { SyncLocalStore } from './ports';

export class AckQueue {
  /** Acknowledged ids and the newest server clock waiting for one afterPush transaction. */
  private ackQueue: string[] = [];
  private ackHlc: string | null = null;
  private acking: Promise<void> | undefined;

  /**
   * `mergeClock`: the engine's best-effort clock merge (for stores without afterPush). `written`: called with each
   * write's ids once it is done (written or not: unwritten rows are offered again and acked again).
   */
  constructor(
    private readonly store: SyncLocalStore,
    private readonly mergeClock: (remote: string) => Promise<void>,
    private readonly written: (ids: string[]) => void,
  ) {}

  /** The write under way; undefined when none. */
  get writing(): Promise<void> | undefined {
    return this.acking;
  }

  /** Acks and the server clock go to the store in one transaction, coalesced while one is being written. */
  queue(ids: string[], serverHlc: string | null): void {
    this.ackQueue.push(...ids);
    if (serverHlc !== null && (this.ackHlc === null || serverHlc > this.ackHlc)) this.ackHlc = serverHlc;
    if (this.acking) return;
    this.acking = this.flush().finally(() => {
      this.acking = undefined;
      // Queued after the flush's last look: flush again.
      if (this.ackQueue.length > 0 || this.ackHlc !== null) this.queue([], null);
    });
  }

  private async flush(): Promise<void> {
    const { store } = this;
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
      this.written(ids);
    }
  }
}
