// The one-time move of a laptop's own contacts and imported plan into the team stream.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultPlan } from '@shared/plan/default-plan';
import { migrateLocalTeamData } from './migrate-team';
import { setDisplayName } from './meta';
import { IncidentDb } from './schema';
import { readTeam } from './team';
import { countUnsent } from './outbox';

const open: IncidentDb[] = [];
afterEach(async () => { for (const db of open.splice(0)) { db.close(); await Dexie.delete(db.name); } });
function freshDb(): IncidentDb {
  const db = new IncidentDb(`migrate-${Date.now()}-${open.length}`);
  open.push(db);
  return db;
}

describe('migrateLocalTeamData', () => {
  it('turns the legacy contact sheet and imported plan into team events once, queued for sync', async () => {
    const db = freshDb();
    await setDisplayName(db, 'Dana');
    await db.contacts.bulkAdd([
      { id: '0190a000-0000-7000-8000-00000000c001', name: 'Ana Ops', roleIds: ['incident-commander'], phone: '+44 1', email: 'ana@example.com', notes: '' },
      { id: 'legacy-2', name: 'Ben Comms', roleIds: [], phone: '', email: '', notes: 'nights' },
      { id: 'bad id with spaces', name: '', roleIds: [], phone: '', email: '', notes: '' },
    ]);
    const imported = { ...defaultPlan, name: 'Our Own Plan' };
    await db.plans.put({ id: 'active', plan: imported, importedAt: 1 });

    expect(await migrateLocalTeamData(db)).toEqual({ contacts: 2, plan: true, skipped: 1 });
    const team = await readTeam(db);
    expect(team.contacts.map((c) => [c.id, c.name, c.notes])).toEqual([['0190a000-0000-7000-8000-00000000c001', 'Ana Ops', ''], ['legacy-2', 'Ben Comms', 'nights']]);
    expect(team).toMatchObject({ planVersion: 1, publishedBy: { name: 'Dana' } });
    expect(team.plan.name).toBe('Our Own Plan');
    expect(await countUnsent(db)).toBe(3);

    expect(await migrateLocalTeamData(db)).toBeNull();
    expect(await db.events.count()).toBe(3);
    expect(await db.contacts.count()).toBe(3); // the legacy table is left as it was
  });

  it('a laptop whose active plan is the built-in one publishes nothing', async () => {
    const db = freshDb();
    await db.plans.put({ id: 'active', plan: defaultPlan, importedAt: 1 });
    expect(await migrateLocalTeamData(db)).toEqual({ contacts: 0, plan: false, skipped: 0 });
    expect(await db.events.count()).toBe(0);
  });
});
