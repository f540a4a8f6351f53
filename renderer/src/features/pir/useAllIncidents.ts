// Every incident's state, live, for the cross-incident pages (reviews, action items, metrics).
import { useLiveQuery } from 'dexie-react-hooks';
import { foldAll } from '../../../../shared/incident/fold';
import type { IncidentState } from '../../../../shared/incident/state';
import { db } from '../../db/instance';
import { eventOfRow } from '../../db/types';

export function useAllIncidentStates(): IncidentState[] | undefined {
  return useLiveQuery(async () => {
    const rows = await db.events.toArray();
    return [...foldAll(rows.map(eventOfRow)).values()].filter((s) => s.opened);
  }, []);
}
