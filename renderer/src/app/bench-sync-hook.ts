// Bench-only page hook (bundled only when Vite's mode is "bench"): bench:sync's real-browser path logs entries
// through the app's own write path (events + outbox, one transaction a batch) and counts what arrived.
import type { EventDraft } from '../db/write';
import { recordEventsIn } from '../db/write';
import { db } from '../db/instance';
import { emitLocalWrite } from '../db/local-changes';
import { countUnsent } from '../db/outbox';
import { useUi } from '../core/ui-store';

export interface SyncBenchHook {
  /** `n` note entries on the incident, as a scribe offline would log them, 500 to a transaction. */
  logEntries(incidentId: string, n: number): Promise<void>;
  eventCount(): Promise<number>;
  outboxCount(): Promise<number>;
  /** The incident whose console is open, if any. */
  openIncidentId(): string | null;
}

export function installSyncBenchHook(): void {
  const hook: SyncBenchHook = {
    async logEntries(incidentId, n) {
      for (let i = 0; i < n; i += 500) {
        const drafts: EventDraft[] = Array.from({ length: Math.min(500, n - i) }, (_, k) => ({
          incidentId, type: 'entry.added', payload: { kind: 'note', text: `offline note ${i + k} with a little text to be realistic` },
        }));
        await recordEventsIn(db, drafts);
      }
      emitLocalWrite([]);
    },
    eventCount: () => db.events.count(),
    outboxCount: () => countUnsent(db),
    openIncidentId: () => useUi.getState().incidentId ?? null,
  };
  (window as unknown as { __incidentSyncBench: SyncBenchHook }).__incidentSyncBench = hook;
}
