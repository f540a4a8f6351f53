// The sync status's counts (SyncStatus.pending, quarantined): read from the store one read at a time, so no older
// read lands last. The sync engine (engine.ts) owns one and asks it after every change that may move them.
import { MAX_PUSH_EVENTS } from './protocol';
import type { SyncLocalStore } from './ports';

export class StatusCounts {
  private counting: Promise<void> | undefined;
  private countAgain = false;

  /** `publish`: the counts read; `quarantinedNow`: the status's count, kept when the store cannot count its quarantine. */
  constructor(
    private readonly store: SyncLocalStore,
    private readonly publish: (pending: number, quarantined: number) => void,
    private readonly quarantinedNow: () => number,
  ) {}

  /** The read under way; undefined when none. */
  get reading(): Promise<void> | undefined {
    return this.counting;
  }

  /** The status counts, read now (one read when the store can). */
  private async refreshCounts(): Promise<void> {
    const { store } = this;
    if (store.counts) {
      const { pending, quarantined } = await store.counts();
      this.publish(pending, quarantined);
      return;
    }
    const pending = store.countOutbox ? await store.countOutbox() : (await store.readOutbox(MAX_PUSH_EVENTS)).length;
    const quarantined = store.countQuarantine ? await store.countQuarantine() : this.quarantinedNow();
    this.publish(pending, quarantined);
  }

  /** The status counts read after everything done so far (through the same one-at-a-time queue, so no older read lands last). */
  async settled(): Promise<void> {
    this.refresh();
    while (this.counting) await this.counting;
  }

  /** The status counts soon: at most one read at a time, one more after it when asked meanwhile; never throws. */
  refresh(): void {
    if (this.counting) { this.countAgain = true; return; }
    this.counting = (async () => {
      do {
        this.countAgain = false;
        await this.refreshCounts().catch(() => undefined);
      } while (this.countAgain);
    })().finally(() => {
      this.counting = undefined;
      if (this.countAgain) this.refresh(); // asked after the loop's last look
    });
  }
}
