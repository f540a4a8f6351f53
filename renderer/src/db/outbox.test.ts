// The outbox kept in the event rows (outbox.ts): whatever happens (local writes, acknowledgements in any order or of
// anything, requeues, imports, purges of restricted incidents, restarts), what the console offers the server is
// exactly what it wrote or queued and the server has not acknowledged; and a database of schema v7, with its outbox
// table, keeps every unsent entry through the upgrade.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import Dexie from 'dexie';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvent } from '@shared/incident/create';
import type { IncidentEvent } from '@shared/incident/events';
import { HybridClock } from '@shared/hlc/hlc';
import { IncidentDb } from './schema';
import { createLocalSyncStore } from './sync-store';
import { importEventsIn } from './import';
import { recordEventsIn } from './write';
import { countUnsent, readUnsent, unsentAmong } from './outbox';
import { eventOfRow, rowOfEvent } from './types';

const names: string[] = [];
afterEach(async () => { for (const name of names.splice(0)) await Dexie.delete(name); });
function dbNamed(name: string): IncidentDb {
  if (!names.includes(name)) names.push(name);
  return new IncidentDb(name, `legacy-${name}`);
}

const INCIDENTS = [randomUUID(), randomUUID()];
const WORKSPACE = 'ws-outbox';

function peerEvent(incidentId: string, text: string): IncidentEvent {
  const ctx = { clock: new HybridClock('peer-1'), actor: { name: 'Peer', deviceId: 'peer-1' } };
  return createEvent(ctx, incidentId, 'entry.added', { kind: 'note', text }) as IncidentEvent;
}

/**
 * This device writes to `incident` with its clock ahead (within the drift bound), then `between` happens (an import,
 * a purge), the app restarts and it writes again: the two entries.
 */
async function resumedAfter(incident: string, between: (db: IncidentDb) => Promise<unknown>): Promise<{ before: IncidentEvent; after: IncidentEvent }> {
  const name = `outbox-clock-${randomUUID()}`;
  let db = dbNamed(name);
  const ahead = Date.now() + 90_000;
  const [before] = await recordEventsIn(db, [{ incidentId: incident, type: 'entry.added', payload: { kind: 'note', text: 'written with the clock ahead' } }], { now: () => ahead });
  await between(db);
  db.close();
  db = dbNamed(name);
  const [after] = await recordEventsIn(db, [{ incidentId: INCIDENTS[0] as string, type: 'entry.added', payload: { kind: 'note', text: 'after restart' } }]);
  db.close();
  return { before: before as IncidentEvent, after: after as IncidentEvent };
}

type Step =
  | { t: 'write'; incident: number; n: number }
  | { t: 'ack'; picks: number[] }
  | { t: 'ackForeign' }
  | { t: 'requeue'; picks: number[] }
  | { t: 'import'; incident: number; n: number }
  | { t: 'remote'; incident: number }
  | { t: 'purge'; incident: number }
  | { t: 'restart' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('write' as const), incident: fc.nat(1), n: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('ack' as const), picks: fc.array(fc.nat(20), { maxLength: 5 }) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'ackForeign' as const }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('requeue' as const), picks: fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('import' as const), incident: fc.nat(1), n: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('remote' as const), incident: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('purge' as const), incident: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'restart' as const }) },
);

describe('the outbox in the event rows', () => {
  it('property: the unsent entries are exactly those written or queued and not acknowledged since, in any order', async () => {
    let run = 0;
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
      const name = `outbox-prop-${process.pid}-${run++}`;
      let db = dbNamed(name);
      /** The model: ids owed to the server. */
      const owed = new Set<string>();
      /** Every event this console holds that it may push again (its own, or imported by it). */
      const mine: IncidentEvent[] = [];
      const held = new Set<string>(); // ids stored here (own, imported or pulled)
      const purged = new Set<string>();
      // One store for the run, as the app keeps one per start: what it remembers of its outbox reads outlives the
      // purges, requeues and foreign acknowledgements between them; a restart makes a new one.
      let store = createLocalSyncStore(db);
      try {
        for (const s of steps) {
          const incidentId = 'incident' in s ? (INCIDENTS[s.incident] as string) : '';
          if (s.t === 'write') {
            if (purged.has(incidentId)) continue; // a purged incident is not written to in the app
            const events = await recordEventsIn(db, Array.from({ length: s.n }, (_, i) => ({ incidentId, type: 'entry.added' as const, payload: { kind: 'note' as const, text: `w${i}` } })));
            for (const e of events) { owed.add(e.id); mine.push(e); held.add(e.id); }
          } else if (s.t === 'ack') {
            // The server acknowledges any of what was offered (held ones skipped), or something acknowledged before.
            const offered = await store.readOutbox(50);
            const pool = [...offered, ...mine];
            const ids = s.picks.map((k) => pool[k % Math.max(1, pool.length)]?.id).filter((id): id is string => id !== undefined);
            await store.afterPush(ids, null);
            for (const id of ids) owed.delete(id);
          } else if (s.t === 'ackForeign') {
            await store.afterPush([randomUUID()], null);
          } else if (s.t === 'requeue') {
            const present = mine.filter((e) => held.has(e.id));
            const events = s.picks.map((k) => present[k % Math.max(1, present.length)]).filter((e): e is IncidentEvent => e !== undefined);
            await store.requeue(events);
            for (const e of events) owed.add(e.id);
          } else if (s.t === 'import') {
            if (purged.has(incidentId)) continue;
            const events = Array.from({ length: s.n }, (_, i) => peerEvent(incidentId, `imported ${i}`));
            await importEventsIn(db, events);
            for (const e of events) { owed.add(e.id); mine.push(e); held.add(e.id); }
          } else if (s.t === 'remote') {
            if (purged.has(incidentId)) continue;
            const e = peerEvent(incidentId, 'pulled');
            await store.applyRemote([e]);
            held.add(e.id);
          } else if (s.t === 'purge') {
            purged.add(incidentId);
            await store.applyAccess(WORKSPACE, [...purged]);
            for (const e of mine) if (e.incidentId === incidentId) { owed.delete(e.id); held.delete(e.id); }
          } else {
            db.close();
            db = dbNamed(name);
            store = createLocalSyncStore(db);
          }
          const offered = await createLocalSyncStore(db).readOutbox(1_000);
          expect(new Set(offered.map((e) => e.id))).toEqual(owed);
          expect(offered.length).toBe(owed.size); // each once
          expect(await countUnsent(db)).toBe(owed.size);
          expect(await unsentAmong(db, mine.map((e) => e.id))).toEqual(owed);
        }
      } finally {
        db.close();
      }
    }), { numRuns: 60 });
  });

  it('an entry the server held back stays unsent between acknowledged ones; the log keeps every entry', async () => {
    const db = dbNamed(`outbox-held-${randomUUID()}`);
    const written = await recordEventsIn(db, Array.from({ length: 7 }, (_, i) => ({ incidentId: INCIDENTS[0] as string, type: 'entry.added' as const, payload: { kind: 'note' as const, text: `entry ${i}` } })));
    const ids = written.map((e) => e.id);
    const store = createLocalSyncStore(db);
    // The server took 0, 1, 3 and 4; 2 was refused (held), 5 and 6 were not pushed yet.
    await store.afterPush([ids[0], ids[1], ids[3], ids[4]] as string[], null);
    expect((await store.readOutbox(10)).map((e) => e.id)).toEqual([ids[2], ids[5], ids[6]]);
    await store.afterPush([ids[6], ids[5]] as string[], null);
    expect((await store.readOutbox(10)).map((e) => e.id)).toEqual([ids[2]]);
    expect(await db.events.count()).toBe(7);
    db.close();
  });

  it('upgrading from schema v7 keeps every unsent entry (even one whose event row was missing) and drops the old table', async () => {
    const name = `outbox-v7-${randomUUID()}`;
    names.push(name);
    const v7 = new Dexie(name);
    v7.version(7).stores({
      events: '++seq, &id, incidentId, [incidentId+hlc], [incidentId+seq], headOf', outbox: '++seq, &eventId, event.hlc', contacts: 'id, name',
      plans: 'id', meta: 'key', incidents: 'id, status, drill, lastActivityAt', snapshots: 'incidentId', drillScripts: 'id', restricted: 'id, hiddenAt',
    });
    const clock = new HybridClock('dev-1');
    const ctx = { clock, actor: { name: 'Me', deviceId: 'dev-1' } };
    const [sent, queued, orphan] = ['sent', 'queued', 'orphan'].map((text) => createEvent(ctx, INCIDENTS[0] as string, 'entry.added', { kind: 'note', text }) as IncidentEvent) as [IncidentEvent, IncidentEvent, IncidentEvent];
    await v7.table('meta').put({ key: 'deviceId', value: 'dev-1' });
    await v7.table('events').bulkAdd([sent, queued].map(rowOfEvent));
    await v7.table('outbox').bulkAdd([{ eventId: queued.id, event: queued }, { eventId: orphan.id, event: orphan }]);
    v7.close();

    const db = dbNamed(name);
    const store = createLocalSyncStore(db);
    expect((await store.readOutbox(10)).map((e) => e.id)).toEqual([queued.id, orphan.id]);
    expect((await db.events.toArray()).map(eventOfRow).map((e) => e.id).sort()).toEqual([sent.id, queued.id, orphan.id].sort());
    expect(db.tables.map((t) => t.name)).not.toContain('outbox');
    // The clock resumes after the newest unsent stamp, and the entries go once acknowledged.
    const [next] = await recordEventsIn(db, [{ incidentId: INCIDENTS[0] as string, type: 'entry.added', payload: { kind: 'note', text: 'after' } }]);
    expect(next!.hlc > orphan.hlc).toBe(true);
    await store.afterPush([queued.id, orphan.id, next!.id], null);
    expect(await countUnsent(db)).toBe(0);
    expect(await readUnsent(db, 10)).toEqual([]);
    db.close();
  });

  it('a fresh entry acknowledged while a backlog drains: the mark stays, the backlog stays unsent, then all is done', async () => {
    const db = dbNamed(`outbox-backlog-${randomUUID()}`);
    const backlog = await recordEventsIn(db, Array.from({ length: 20 }, (_, i) => ({ incidentId: INCIDENTS[0] as string, type: 'entry.added' as const, payload: { kind: 'note' as const, text: `offline ${i}` } })));
    const [fresh] = await recordEventsIn(db, [{ incidentId: INCIDENTS[0] as string, type: 'entry.added', payload: { kind: 'note', text: 'typed while it drains' } }]);
    const store = createLocalSyncStore(db);
    await store.afterPush([fresh!.id], null);
    expect((await store.readOutbox(100)).map((e) => e.id)).toEqual(backlog.map((e) => e.id));
    expect(await db.meta.get('outboxMark')).toBeUndefined(); // nothing acknowledged in order yet: no mark written
    await store.afterPush(backlog.slice(0, 10).map((e) => e.id), null);
    expect(await countUnsent(db)).toBe(10);
    await store.afterPush(backlog.slice(10).map((e) => e.id), null);
    expect(await countUnsent(db)).toBe(0);
    db.close();
  });

  it('the clock resumes past own stamps an import covered', async () => {
    const { before, after } = await resumedAfter(INCIDENTS[0] as string, (db) => importEventsIn(db, Array.from({ length: 80 }, (_, i) => peerEvent(INCIDENTS[0] as string, `imported ${i}`))));
    expect(after.hlc > before.hlc).toBe(true);
  });

  it('the clock resumes past own stamps a purge took away', async () => {
    const { before, after } = await resumedAfter(INCIDENTS[1] as string, (db) => createLocalSyncStore(db).applyAccess(WORKSPACE, [INCIDENTS[1] as string]));
    expect(after.hlc > before.hlc).toBe(true);
  });

  it('a mark of the first v8 build (with an owed list) offers every row from the first owed one on', async () => {
    const db = dbNamed(`outbox-owed-${randomUUID()}`);
    const written = await recordEventsIn(db, [0, 1, 2, 3].map((i) => ({ incidentId: INCIDENTS[0] as string, type: 'entry.added' as const, payload: { kind: 'note' as const, text: `e${i}` } })));
    const seqs = (await db.events.orderBy(':id').primaryKeys()) as number[];
    await db.meta.put({ key: 'outboxMark', value: { through: seqs[3], owed: [seqs[1]] } });
    expect((await createLocalSyncStore(db).readOutbox(10)).map((e) => e.id)).toEqual(written.slice(1).map((e) => e.id));
    db.close();
  });

  it('a corrupt outbox mark loses nothing: everything this console queued is offered again', async () => {
    const db = dbNamed(`outbox-corrupt-${randomUUID()}`);
    const written = await recordEventsIn(db, [0, 1].map((i) => ({ incidentId: INCIDENTS[1] as string, type: 'entry.added' as const, payload: { kind: 'note' as const, text: `e${i}` } })));
    await createLocalSyncStore(db).afterPush(written.map((e) => e.id), null);
    expect(await countUnsent(db)).toBe(0);
    await db.meta.put({ key: 'outboxMark', value: { through: 'garbage' } });
    expect((await createLocalSyncStore(db).readOutbox(10)).map((e) => e.id)).toEqual(written.map((e) => e.id));
    db.close();
  });
});
