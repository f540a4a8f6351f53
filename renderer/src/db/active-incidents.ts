// The incidents not resolved or closed, for what watches them on every page (clock alerts, the shell's drill runners,
// the alert triage's incident picker) and the sync engine's owed reads. Read through the incidents' status index with
// anyOf: the cursor jumps over the resolved and closed rows (noneOf would step through every one of them), and a live
// query on it is not run again by a write to a done incident. With three years of closed incidents beside them, they
// cost what the active ones cost: opening a closed incident whose timeline is read from the server (issue #27) writes
// its summary once a page, and each write used to read every incident again.
import type { Collection } from 'dexie';
import { STATUSES, type IncidentStatus } from '@shared/incident/events';
import type { IncidentDb } from './schema';
import { isDone } from './summary';
import type { IncidentSummary } from './types';

export const ACTIVE_STATUSES: readonly IncidentStatus[] = STATUSES.filter((status) => !isDone({ status }));

export function activeIncidents(db: IncidentDb): Collection<IncidentSummary, string> {
  return db.incidents.where('status').anyOf([...ACTIVE_STATUSES]);
}
