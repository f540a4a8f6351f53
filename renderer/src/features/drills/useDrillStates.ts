// Live states of drill incidents on this device: every one (the drill list and the training log), or the ones not
// resolved or closed (the shell's inject runners, mounted on every page).
import { useLiveQuery } from 'dexie-react-hooks';
import { foldAll } from '@shared/incident/fold';
import type { IncidentState } from '@shared/incident/state';
import { db } from '../../db/instance';
import { activeIncidents } from '../../db/active-incidents';
import { eventOfRow, type IncidentSummary } from '../../db/types';

async function foldDrills(summaries: IncidentSummary[]): Promise<IncidentState[]> {
  const drills = summaries.filter((s) => s.drill);
  if (!drills.length) return [];
  const rows = await db.events.where('incidentId').anyOf(drills.map((d) => d.id)).toArray();
  return [...foldAll(rows.map(eventOfRow)).values()].filter((s) => s.drill && s.opened);
}

export function useDrillStates(): IncidentState[] | undefined {
  return useLiveQuery(async () => foldDrills(await db.incidents.filter((s) => s.drill).toArray()), []);
}

/** The drills not resolved or closed (active-incidents.ts: a write to a closed incident does not run it again). */
export function useActiveDrillStates(): IncidentState[] | undefined {
  return useLiveQuery(async () => foldDrills(await activeIncidents(db).toArray()), []);
}
