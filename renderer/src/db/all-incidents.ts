// Every incident's state whose history is on this console, live, for the cross-incident pages (reviews, action
// items, metrics). Each
// incident is folded again only when its summary row says it changed, so a write to one incident does
// not re-read every other one.
import { useLiveQuery } from 'dexie-react-hooks';
import { fold } from '@shared/incident/fold';
import type { IncidentState } from '@shared/incident/state';
import { db } from './instance';
import { eventOfRow } from './types';

const cache = new Map<string, { key: string; state: IncidentState }>();

/** Drop an incident's folded state from memory (it was purged: a restricted incident this console is not in). */
export function forgetIncidentState(incidentId: string): void {
  cache.delete(incidentId);
}

export function useAllIncidentStates(): IncidentState[] | undefined {
  return useLiveQuery(async () => {
    const summaries = await db.incidents.toArray();
    const out: IncidentState[] = [];
    for (const summary of summaries) {
      // A closed incident this console joined without (issue #27) holds only its summary events here: no review, no
      // action items, no acknowledgements. Left out until read (the pages say so: UnreadHistoryNotice).
      if (summary.unread !== undefined) continue;
      const key = `${summary.eventCount}|${summary.lastActivityAt}`;
      let hit = cache.get(summary.id);
      if (!hit || hit.key !== key) {
        const rows = await db.events.where('incidentId').equals(summary.id).toArray();
        hit = { key, state: fold(summary.id, rows.map(eventOfRow)) };
        cache.set(summary.id, hit);
      }
      if (hit.state.opened) out.push(hit.state);
    }
    return out;
  }, []);
}

/** The incidents whose history this console has not read yet (it joined without it): ids, live. */
export function useUnreadIncidentIds(): string[] | undefined {
  return useLiveQuery(async () => (await db.incidents.filter((s) => s.unread !== undefined).primaryKeys()).map(String), []);
}
