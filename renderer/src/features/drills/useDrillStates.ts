// Live states of every drill incident on this device (for the drill list and the training log).
import { useLiveQuery } from 'dexie-react-hooks';
import { foldAll } from '@shared/incident/fold';
import type { IncidentState } from '@shared/incident/state';
import { db } from '../../db/instance';
import { eventOfRow } from '../../db/types';

export function useDrillStates(): IncidentState[] | undefined {
  return useLiveQuery(async () => {
    const drills = await db.incidents.filter((s) => s.drill).toArray();
    if (!drills.length) return [];
    const rows = await db.events.where('incidentId').anyOf(drills.map((d) => d.id)).toArray();
    return [...foldAll(rows.map(eventOfRow)).values()].filter((s) => s.drill && s.opened);
  }, []);
}
