// The plan the intake rules come from: the team's published plan (or the built-in default), read ONLY through
// loadTeamPlan, the server's one view of the team; with the pin an incident the server declares records.
import type { Kysely } from 'kysely';
import type { PlanPin } from '@shared/alerts/intake';
import type { Plan } from '@shared/plan/schema';
import type { Database } from '../db/schema';
import { loadTeamPlan } from '../workspace/team-plan';

export async function intakePlan(db: Kysely<Database>, workspaceId: string): Promise<{ plan: Plan; pin: PlanPin }> {
  const team = await loadTeamPlan(db, workspaceId);
  return { plan: team.plan, pin: { planId: team.plan.id, planPublishedId: team.publishedId, planVersion: team.version } };
}
