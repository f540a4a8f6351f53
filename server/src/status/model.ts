// The status page model of a workspace: incidents with published status-page updates, folded with the
// console's fold() and shaped by shared/statuspage/view.ts. Rebuilt only when the workspace's log moved.
import { sql, type Kysely } from 'kysely';
import { publishedStatusUpdates, publishedTitle } from '@shared/statuspage/published';
import { buildStatusPage, type StatusPageModel } from '@shared/statuspage/view';
import type { Database } from '../db/schema';
import { loadIncident } from '../deliveries/incident';
import { incidentPlan, workspacePlan } from '../deliveries/plan-access';
import { outwardTitle } from '@shared/access/deliveries';
import { latestSeq } from '../store/events';
import { loadMaintenance } from '../maintenance/windows';

/** Cached per log position until a window's next start or end: its status moves with the clock too. */
const cache = new Map<string, { seq: number; builtAt: number; validUntil: number; model: StatusPageModel }>();

/** The workspace the public page shows: the server's first workspace (a server normally holds one). */
export async function publicWorkspace(db: Kysely<Database>): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('workspaces').select(['id', 'name']).orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
}

export async function statusPageModel(db: Kysely<Database>, workspaceId: string, options: { drill: boolean; url: string; now: number }): Promise<StatusPageModel> {
  const seq = await latestSeq(db, workspaceId);
  const key = `${workspaceId}|${options.drill}|${options.url}`;
  const hit = cache.get(key);
  if (hit && hit.seq === seq && options.now >= hit.builtAt && options.now < hit.validUntil) return hit.model;

  const rows = await db.selectFrom('events').select('incident_id').distinct()
    .where('workspace_id', '=', workspaceId).where('type', '=', 'delivery.sent')
    .where(sql<boolean>`body->'payload'->>'target' = 'status-page'`)
    .execute();
  const plan = await workspacePlan(db, workspaceId);
  const incidents = [];
  for (const { incident_id } of rows) {
    const { state, events } = await loadIncident(db, workspaceId, incident_id);
    if (state.drill !== options.drill) continue;
    const updates = publishedStatusUpdates(events);
    // The public title the commander wrote; updates from before it existed fall back to the internal one, or for a
    // restricted incident to its plan's public title (its title stays with its participants).
    if (updates.length) incidents.push({ id: incident_id, title: publishedTitle(updates, outwardTitle(state, await incidentPlan(db, workspaceId, state))), updates });
  }
  const name = options.drill ? `DRILL: ${plan.statusPage.name}` : plan.statusPage.name;
  // Maintenance windows are the organisation's real plans: never on the drill page.
  const maintenances = options.drill ? [] : await loadMaintenance(db, workspaceId);
  const model = buildStatusPage({ page: { id: workspaceId, name, url: options.url }, components: plan.statusPage.components, incidents, maintenances, now: options.now });
  const validUntil = Math.min(Infinity, ...maintenances.flatMap((w) => [w.startsAt, w.endsAt]).filter((t) => t > options.now));
  cache.set(key, { seq, builtAt: options.now, validUntil, model });
  return model;
}
