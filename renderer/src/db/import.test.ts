// Archive import into the local database: identical state, idempotent, tampered archives leave no trace.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { fold } from '@shared/incident/fold';
import { archiveText, buildArchive, importArchive } from '@shared/pir/archive';
import { defaultPlan } from '@shared/plan/default-plan';
import { min } from '../../../test/fixtures/incident-builder';
import { pirFixture } from '../../../test/fixtures/pir-incident';
import { archiveStore, incidentEvents } from './import';
import { IncidentDb } from './schema';

const open: IncidentDb[] = [];
let counter = 0;
function freshDb(): IncidentDb {
  const db = new IncidentDb(`import-test-${counter++}`);
  open.push(db);
  return db;
}
afterEach(async () => {
  for (const db of open.splice(0)) { db.close(); await Dexie.delete(db.name); }
});

describe('archive import into the local database', () => {
  it('export then import into an empty database reproduces the identical state, and a summary row', async () => {
    const inc = pirFixture();
    const text = archiveText(await buildArchive(inc.incidentId, defaultPlan, inc.events, min(100)));
    const db = freshDb();
    expect(await importArchive(archiveStore(db), text)).toMatchObject({ ok: true, added: inc.events.length });
    expect(fold(inc.incidentId, await incidentEvents(inc.incidentId, db))).toEqual(inc.state());
    expect(await db.incidents.get(inc.incidentId)).toMatchObject({ title: 'Checkout errors', status: 'resolved' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('importing twice changes nothing', async () => {
    const inc = pirFixture();
    const text = archiveText(await buildArchive(inc.incidentId, defaultPlan, inc.events, min(100)));
    const db = freshDb();
    await importArchive(archiveStore(db), text);
    const rows = await db.events.count();
    expect(await importArchive(archiveStore(db), text)).toMatchObject({ ok: true, added: 0, alreadyPresent: inc.events.length });
    expect(await db.events.count()).toBe(rows);
  });

  it('a tampered archive is refused and nothing is stored', async () => {
    const inc = pirFixture();
    const json = JSON.parse(archiveText(await buildArchive(inc.incidentId, defaultPlan, inc.events, min(100))));
    json.events[1].payload.person = 'Mallory';
    const db = freshDb();
    const result = await importArchive(archiveStore(db), JSON.stringify(json));
    expect(result.ok).toBe(false);
    expect(await db.events.count()).toBe(0);
    expect(await db.incidents.count()).toBe(0);
  });
});
