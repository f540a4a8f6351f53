// The plan the intake rules come from: the team's published plan (or the built-in default), read ONLY through
// loadTeamPlan, the server's one view of the team.
import type { Kysely } from 'kysely';
import type { Plan } from '@shared/plan/schema';
import type { Database } from '../db/schema';
import { loadTeamPlan } from '../workspace/team-plan';

export async function intakePlan(db: Kysely<Database>, workspaceId: string): Promise<Plan> {
  return (await loadTeamPlan(db, workspaceId)).plan;
}
