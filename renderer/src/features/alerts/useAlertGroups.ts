// Live alert groups from the local database: every alert stream's events folded with the shared group fold.
import { useLiveQuery } from 'dexie-react-hooks';
import { foldAlertGroup, needsTriage, type AlertGroup } from '@shared/alerts/group';
import { isAlertStream } from '@shared/alerts/ids';
import type { IncidentEvent } from '@shared/incident/events';
import { db } from '../../db/instance';
import { eventOfRow } from '../../db/types';

/** Alert stream ids begin with a1e7 (shared/alerts/ids.ts): one index range read, no scan of incidents. */
async function readGroups(): Promise<AlertGroup[]> {
  const rows = await db.events.where('incidentId').between('a1e7', 'a1e8', true, false).toArray();
  const byStream = new Map<string, IncidentEvent[]>();
  for (const row of rows) {
    if (!isAlertStream(row.incidentId)) continue;
    byStream.set(row.incidentId, [...(byStream.get(row.incidentId) ?? []), eventOfRow(row)]);
  }
  const groups: AlertGroup[] = [];
  for (const events of byStream.values()) {
    const group = foldAlertGroup(events);
    if (group) groups.push(group);
  }
  return groups;
}

export function useAlertGroups(): AlertGroup[] | undefined {
  return useLiveQuery(readGroups, []);
}

/** The groups attached to one incident. */
export function useAttachedGroups(incidentId: string): AlertGroup[] {
  const groups = useAlertGroups();
  return (groups ?? []).filter((g) => g.attachedTo === incidentId);
}

/** Firing and waiting first (newest first), then attached or silenced, then resolved (latest resolution first). */
export function orderGroups(groups: AlertGroup[], now: number, needsTriage: (g: AlertGroup, now: number) => boolean): AlertGroup[] {
  const rank = (g: AlertGroup) => (g.status === 'resolved' ? 2 : needsTriage(g, now) ? 0 : 1);
  const newest = (g: AlertGroup) => (g.status === 'resolved' ? g.resolvedAt ?? 0 : g.firingSince ?? 0);
  return [...groups].sort((a, b) => rank(a) - rank(b) || newest(b) - newest(a) || (a.id < b.id ? -1 : 1));
}

/** How many alert groups wait for a person (firing, not attached, not silenced): the navigation shows it. */
export function useTriageCount(now: number): number {
  return (useAlertGroups() ?? []).filter((g) => needsTriage(g, now)).length;
}
