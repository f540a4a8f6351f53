// The plan the intake rules come from: the team's published plan (or the built-in default), read ONLY through
// loadTeam, the server's one view of the team; with the pin an incident the server declares records, and the
// security officers its contact sheet names (a declared incident the plan restricts is seen by them).
import type { Kysely } from 'kysely';
import { securityOfficers } from '@shared/access/participants';
import type { PlanPin } from '@shared/alerts/intake';
import type { Plan } from '@shared/plan/schema';
import type { Database } from '../db/schema';
import { loadTeam } from '../workspace/team-plan';

export async function intakePlan(db: Kysely<Database>, workspaceId: string): Promise<{ plan: Plan; pin: PlanPin; officers: string[] }> {
  const team = await loadTeam(db, workspaceId);
  return {
    plan: team.plan,
    pin: { planId: team.plan.id, planPublishedId: team.publishedId, planVersion: team.planVersion },
    officers: securityOfficers(team.plan, team.contacts),
  };
}
