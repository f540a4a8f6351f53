// One-time move of this laptop's own contact sheet and imported plan (the legacy `contacts` and `plans`
// tables, from before they belonged to the team) into the team stream as events, so nobody loses them.
import { contactFieldsSchema, contactIdSchema } from '@shared/incident/events-team';
import { defaultPlan } from '@shared/plan/default-plan';
import { planSchema } from '@shared/plan/schema';
import { TEAM_STREAM_ID } from '@shared/workspace/streams';
import type { IncidentDb } from './schema';
import { recordEventsIn, type EventDraft } from './write';

const DONE_KEY = 'teamMigrated';

export interface TeamMigration {
  contacts: number;
  plan: boolean;
  /** Legacy rows that could not be read as a contact (left in the legacy table, not lost). */
  skipped: number;
}

/**
 * Runs once per database (a meta flag, set in the same transaction as the events): legacy contacts become
 * contact.added events with their own ids, an imported plan other than the built-in one becomes a
 * plan.published. The legacy tables are left as they were. Returns null when it had already run.
 */
export async function migrateLocalTeamData(db: IncidentDb): Promise<TeamMigration | null> {
  return db.transaction('rw', [db.events, db.incidents, db.meta, db.contacts, db.plans], async () => {
    if (await db.meta.get(DONE_KEY)) return null;
    const drafts: EventDraft[] = [];
    let skipped = 0;
    for (const row of await db.contacts.toArray()) {
      const id = contactIdSchema.safeParse(row.id);
      const fields = contactFieldsSchema.safeParse({ name: row.name, roleIds: row.roleIds ?? [], phone: row.phone ?? '', email: row.email ?? '', notes: row.notes ?? '' });
      if (id.success && fields.success) drafts.push({ incidentId: TEAM_STREAM_ID, type: 'contact.added', payload: { contactId: id.data, ...fields.data } });
      else skipped += 1;
    }
    const contacts = drafts.length;
    const active = await db.plans.get('active');
    const plan = active ? planSchema.safeParse(active.plan) : null;
    const publishPlan = plan?.success === true && JSON.stringify(plan.data) !== JSON.stringify(defaultPlan);
    if (publishPlan && plan?.success) {
      drafts.push({ incidentId: TEAM_STREAM_ID, type: 'plan.published', payload: { plan: plan.data, note: 'The plan this laptop had imported before plans were shared with the team' } });
    }
    if (drafts.length) await recordEventsIn(db, drafts);
    const result: TeamMigration = { contacts, plan: publishPlan, skipped };
    await db.meta.put({ key: DONE_KEY, value: { ...result, at: new Date().toISOString() } });
    return result;
  });
}
