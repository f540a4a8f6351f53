// The incident a delivery is about, folded from the workspace log with the same shared/ code the console uses.
import type { Kysely } from 'kysely';
import { parseEvent, type IncidentEvent } from '@shared/incident/events';
import { fold } from '@shared/incident/fold';
import type { IncidentState } from '@shared/incident/state';
import type { Database } from '../db/schema';

export async function incidentEvents(db: Kysely<Database>, workspaceId: string, incidentId: string): Promise<IncidentEvent[]> {
  const rows = await db.selectFrom('events').select('body').where('workspace_id', '=', workspaceId).where('incident_id', '=', incidentId).execute();
  const events: IncidentEvent[] = [];
  for (const row of rows) {
    const parsed = parseEvent(row.body); // stored events were validated on push; parse restores the types
    if (parsed.ok) events.push(parsed.event);
  }
  return events;
}

export async function loadIncident(db: Kysely<Database>, workspaceId: string, incidentId: string): Promise<{ state: IncidentState; events: IncidentEvent[] }> {
  const events = await incidentEvents(db, workspaceId, incidentId);
  return { state: fold(incidentId, events), events };
}
