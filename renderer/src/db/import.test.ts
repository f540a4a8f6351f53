// Archive import into the local database: identical state, idempotent, tampered archives leave no trace.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { fold } from '@shared/incident/fold';
import { archiveText, buildArchive, importArchive } from '@shared/pir/archive';
import { defaultPlan } from '@shared/plan/default-plan';
import { min } from '../../../test/fixtures/incident-builder';
import { pirFixture } from '../../../test/fixtures/pir-incident';
import { createEvent } from '@shared/incident/create';
import type { IncidentEvent } from '@shared/incident/events';
import { HybridClock } from '@shared/hlc/hlc';
import { SERVER_ACTOR } from '@shared/sync/server-actor';
import { archiveStore, importEventsIn, incidentEvents } from './import';
import { currentActor, readIdentity } from './meta';
import { IncidentDb } from './schema';
import { summariesSettled } from './summaries';
import { readUnsent } from './outbox';
import { eventOfRow } from './types';

const inc0 = () => crypto.randomUUID();
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
    const stored = await incidentEvents(inc.incidentId, db);
    // Every event keeps its author and says who imported it (this device) and when.
    const me = await readIdentity(db);
    expect(stored.every((e) => e.imported?.by.deviceId === me.deviceId && !Number.isNaN(Date.parse(e.imported.at)))).toBe(true);
    expect(stored.map((e) => e.actor).sort((a, b) => a.name.localeCompare(b.name))).toEqual(inc.events.map((e) => e.actor).sort((a, b) => a.name.localeCompare(b.name)));
    const withoutMark = stored.map(({ imported: _imported, ...e }) => e as IncidentEvent);
    expect(fold(inc.incidentId, withoutMark)).toEqual(inc.state());
    await summariesSettled(db);
    expect(await db.incidents.get(inc.incidentId)).toMatchObject({ title: 'Checkout errors', status: 'resolved' });
    // Queued for sync, marked, so a connected team gets them too.
    const queued = (await readUnsent(db, 10_000)).map(eventOfRow);
    expect(queued).toHaveLength(inc.events.length);
    expect(queued.every((q) => q.imported?.by.deviceId === me.deviceId)).toBe(true);
  });

  it("this device's own events come back unmarked, and the server's own events are stored but never queued", async () => {
    const db = freshDb();
    const me = await db.transaction('rw', db.meta, () => currentActor(db));
    const clock = new HybridClock(me.deviceId);
    const incidentId = inc0();
    const mine = createEvent({ clock, actor: me }, incidentId, 'incident.opened', { title: 'Mine', detectedAt: new Date().toISOString(), impactStartedAt: new Date().toISOString() }) as IncidentEvent;
    const fromServer = createEvent({ clock: new HybridClock('server-abc'), actor: { ...SERVER_ACTOR } }, incidentId, 'entry.added', { kind: 'evidence', text: 'alert firing' }) as IncidentEvent;
    await importEventsIn(db, [mine, fromServer]);
    const stored = await incidentEvents(incidentId, db);
    expect(stored.find((e) => e.id === mine.id)?.imported).toBeUndefined();
    expect(stored.find((e) => e.id === fromServer.id)?.actor).toEqual(SERVER_ACTOR);
    expect((await readUnsent(db, 10)).map((q) => q.id)).toEqual([mine.id]);
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
