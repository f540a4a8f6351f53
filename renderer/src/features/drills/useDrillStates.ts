// Live states of drill incidents on this device: every one (the drill list and the training log), or the ones not
// closed (the shell's inject runners, mounted on every page).
import { useLiveQuery } from 'dexie-react-hooks';
import { foldAll } from '@shared/incident/fold';
import type { IncidentState } from '@shared/incident/state';
import { db } from '../../db/instance';
import { ACTIVE_STATUSES } from '../../db/active-incidents';
import type { IncidentDb } from '../../db/schema';
import { eventOfRow, type IncidentSummary } from '../../db/types';

async function foldDrills(db: IncidentDb, summaries: IncidentSummary[]): Promise<IncidentState[]> {
  const drills = summaries.filter((s) => s.drill);
  if (!drills.length) return [];
  const rows = await db.events.where('incidentId').anyOf(drills.map((d) => d.id)).toArray();
  return [...foldAll(rows.map(eventOfRow)).values()].filter((s) => s.drill && s.opened);
}

export function useDrillStates(): IncidentState[] | undefined {
  return useLiveQuery(async () => foldDrills(db, await db.incidents.filter((s) => s.drill).toArray()), []);
}

/**
 * The drills whose exercise may still run: every drill but the closed ones (ending an exercise closes its drill), read
 * through the status index so three years of closed incidents cost nothing. A resolved drill keeps its injects: a
 * script may relapse after an early "resolved" (the built-in connection-pool drill at minute 30), which is the point.
 */
export async function runnableDrillStates(db: IncidentDb): Promise<IncidentState[]> {
  return foldDrills(db, await db.incidents.where('status').anyOf([...ACTIVE_STATUSES, 'resolved']).toArray());
}

/** runnableDrillStates, live (a write to a closed incident does not run it again). */
export function useActiveDrillStates(): IncidentState[] | undefined {
  return useLiveQuery(() => runnableDrillStates(db), []);
}
