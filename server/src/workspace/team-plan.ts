// The server's view of the team: the team stream's stored events folded with the console's own foldTeam
// (never a second model). Alert intake and deliveries read the plan and contacts only through this.
import type { Kysely } from 'kysely';
import { parseEvent, type IncidentEvent } from '@shared/incident/events';
import type { Plan } from '@shared/plan/schema';
import { TEAM_STREAM_ID } from '@shared/workspace/streams';
import { foldTeam, type Contact, type TeamState } from '@shared/workspace/team';
import type { Database } from '../db/schema';

export interface TeamPlan {
  plan: Plan;
  /** 0 = the built-in plan (nothing published yet). */
  version: number;
  /** The plan.published event's id (what incidents pin); null for the built-in plan. */
  publishedId: string | null;
  publishedBy: { name: string; deviceId: string } | null;
  publishedAt: string | null;
}

/**
 * The whole team state of a workspace. Events were validated when pushed; they are parsed again so that a
 * row this build cannot read (written by a newer build) is skipped rather than trusted.
 */
export async function loadTeam(db: Kysely<Database>, workspaceId: string): Promise<TeamState> {
  const rows = await db.selectFrom('events').select('body')
    .where('workspace_id', '=', workspaceId).where('incident_id', '=', TEAM_STREAM_ID)
    .orderBy('seq').execute();
  const events: IncidentEvent[] = [];
  for (const row of rows) {
    const body: unknown = typeof row.body === 'string' ? JSON.parse(row.body) : row.body;
    const parsed = parseEvent(body);
    if (parsed.ok) events.push(parsed.event);
  }
  return foldTeam(events);
}

/** The workspace's published plan, or the built-in default plan when none was published. */
export async function loadTeamPlan(db: Kysely<Database>, workspaceId: string): Promise<TeamPlan> {
  const team = await loadTeam(db, workspaceId);
  return { plan: team.plan, version: team.planVersion, publishedId: team.publishedId, publishedBy: team.publishedBy, publishedAt: team.publishedAt };
}

/** The team's contact sheet (contacts not removed, by name). */
export async function loadTeamDirectory(db: Kysely<Database>, workspaceId: string): Promise<Contact[]> {
  return (await loadTeam(db, workspaceId)).contacts;
}
