// Recovery after the server's history went back (a restore, a rebuild, a failover): how a console tells, from the
// epoch and head each pull answer carries, and how it gives back what the server lacks. The engine (engine.ts) calls
// these at the end of a pull; docs/server.md, "Recovery: epochs and the re-push".
import type { IncidentEvent } from '../incident/events';
import { isAccessEvent } from '../access/relevant';
import { TEAM_STREAM_ID } from '../workspace/streams';

/** What a console remembers of the server's history per workspace: the epoch its cursor belongs to. */
export interface HistoryMark {
  epoch: string;
  /**
   * The history went back and this console still owes the server a re-push of what it lacks: set when noticed,
   * cleared only when every event was given back (or refused for good), so a restart mid-way starts over.
   */
  repushOwed: boolean;
  /** The mark of the event at the console's cursor, as the server gave it (absent: not known yet). */
  cursorMark?: string | null;
}

/** One local event in the form to give back: this device's own (requeued to the outbox) or a relayed copy. */
export interface RepushItem {
  event: IncidentEvent;
  /** This device wrote or imported it (it goes out through the outbox, signed by this device). */
  own: boolean;
}

export interface RepushPage {
  items: RepushItem[];
  /** Where the next page starts (the last id read), or null after the last page. */
  next: string | null;
}

/** The store's side of a recovery (renderer/src/db/sync-store.ts implements it over Dexie). */
export interface RecoveryStore {
  getHistory(workspace: string): Promise<HistoryMark | null>;
  setHistory(workspace: string, mark: HistoryMark): Promise<void>;
  /** Every local event, `limit` at a time in id order after `after`, in the form to give back. */
  readForRepush(after: string | null, limit: number): Promise<RepushPage>;
  /** Put own events back in the outbox (those already there stay once). */
  requeue(events: IncidentEvent[]): Promise<void>;
}

export type HistoryVerdict = 'unknown' | 'first' | 'same' | 'went-back';

/**
 * Compare a pull answer with what this console knows. `went-back`: another epoch than the cursor's, a cursor beyond
 * the server's head, or another event under the cursor's number than the one this console read there (a history
 * that lost its newest events without saying so, and took new ones since). `first`: the first answer with an epoch
 * (remember it). `unknown`: a server without epochs.
 */
export function historyVerdict(mark: HistoryMark | null, answer: { epoch?: string | undefined; head?: number | undefined; afterMark?: string | null | undefined }, cursor: number): HistoryVerdict {
  if (!answer.epoch) return 'unknown';
  const behind = answer.head !== undefined && cursor > answer.head;
  if (!mark) return behind ? 'went-back' : 'first';
  const replaced = cursor > 0 && typeof mark.cursorMark === 'string' && answer.afterMark !== undefined && answer.afterMark !== mark.cursorMark;
  return mark.epoch !== answer.epoch || behind || replaced ? 'went-back' : 'same';
}

export interface RelayRefusal {
  id: string;
  error: string;
  message: string;
}

/** What giving back did: own events requeued, others relayed, relays refused (and whether a later try may help). */
export interface RepushReport {
  requeued: number;
  relayed: number;
  refused: number;
  /** Refusals that may heal (the author's device has not registered its key with this server yet). */
  retryable: number;
  lastRefusal: RelayRefusal | null;
}

/** Refusals a later try can turn into an acceptance: the signer joins (again) and registers its key. */
const RETRYABLE = new Set(['unknown_signer']);

/**
 * Events that decide who may see what (shared/access/relevant.ts, and the team stream naming security officers): given
 * back first, so a server refilled after it went back knows an incident is restricted, and who is in it, before any
 * of its entries arrive. Else a restricted incident's entries would show to everyone in between, and a participant's
 * own entries could be refused as if it were not in it.
 */
const decidesAccess = (e: IncidentEvent): boolean => e.incidentId === TEAM_STREAM_ID || isAccessEvent(e);

/**
 * Give the server back every local event it lacks: `serverHas` holds the ids a full pull of the new epoch returned.
 * Own events go back to the outbox (the normal push, signed); others' go through `relay` in batches. Two passes:
 * first the events that decide who may see what (own ones pushed at once through `pushOwn`), then the rest.
 */
export async function repushMissing(store: RecoveryStore, serverHas: ReadonlySet<string>, relay: (events: IncidentEvent[]) => Promise<{ acked: string[]; refused: RelayRefusal[] }>, batchSize: number, pushOwn: () => Promise<void> = async () => undefined): Promise<RepushReport> {
  const report: RepushReport = { requeued: 0, relayed: 0, refused: 0, retryable: 0, lastRefusal: null };
  for (const accessPass of [true, false]) {
    let requeued = 0;
    let after: string | null = null;
    for (;;) {
      const page = await store.readForRepush(after, batchSize);
      const missing = page.items.filter((i) => !serverHas.has(i.event.id) && decidesAccess(i.event) === accessPass);
      const own = missing.filter((i) => i.own).map((i) => i.event);
      if (own.length > 0) {
        await store.requeue(own);
        requeued += own.length;
      }
      const others = missing.filter((i) => !i.own).map((i) => i.event);
      if (others.length > 0) {
        const answer = await relay(others);
        report.relayed += answer.acked.length;
        for (const r of answer.refused) {
          report.refused += 1;
          if (RETRYABLE.has(r.error)) report.retryable += 1;
          report.lastRefusal = r;
        }
      }
      if (page.next === null) break;
      after = page.next;
    }
    report.requeued += requeued;
    if (accessPass && requeued > 0) await pushOwn();
  }
  return report;
}
