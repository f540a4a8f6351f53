// Reading the team stream once (commands that need the team's current plan or contacts at the moment they act).
import { TEAM_STREAM_ID } from '@shared/workspace/streams';
import { foldTeam, type TeamState } from '@shared/workspace/team';
import { db as defaultDb } from './instance';
import type { IncidentDb } from './schema';
import { eventOfRow } from './types';

export async function readTeam(db: IncidentDb = defaultDb): Promise<TeamState> {
  const rows = await db.events.where('incidentId').equals(TEAM_STREAM_ID).toArray();
  return foldTeam(rows.map(eventOfRow));
}
