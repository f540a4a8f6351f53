// The one way deliveries and the status page read plans: through the team plan reader (loadTeam /
// loadTeamPlan, server/src/workspace/team-plan.ts), never a store of their own.
import type { Kysely } from 'kysely';
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { planForIncident } from '@shared/workspace/incident-plan';
import type { Database } from '../db/schema';
import { loadTeam, loadTeamPlan } from '../workspace/team-plan';

/** The workspace's current plan (the status page's components). */
export async function workspacePlan(db: Kysely<Database>, workspaceId: string): Promise<Plan> {
  return (await loadTeamPlan(db, workspaceId)).plan;
}

/** The plan an incident runs on (its pinned or adopted publication), as the console resolves it. */
export async function incidentPlan(db: Kysely<Database>, workspaceId: string, incident: IncidentState): Promise<Plan> {
  return planForIncident(incident, await loadTeam(db, workspaceId)).plan;
}
