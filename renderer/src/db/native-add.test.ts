// A local write takes the native path (native-add.ts): what users rely on is that every view watching the database
// (a live query in this tab, one in another tab) shows it, that a write is all or nothing, and that a write made inside
// a caller's transaction commits or fails with it.
import 'fake-indexeddb/auto';
import Dexie, { liveQuery } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '@shared/incident/create';
import { IncidentDb } from './schema';
import { NATIVE_ADD_MAX_ROWS } from './native-add';
import { recordEventIn, recordEventsIn } from './write';

const open: IncidentDb[] = [];
let counter = 0;
afterEach(async () => {
  for (const db of open.splice(0)) { db.close(); await Dexie.delete(db.name); }
});

async function freshDb(name = `native-add-${Date.now()}-${counter++}`): Promise<IncidentDb> {
  const db = new IncidentDb(name, `${name}-legacy`);
  open.push(db);
  await db.open();
  return db;
}

/** The latest value of a live query, and a way to wait for one that passes `ok`. */
function watch<T>(query: () => Promise<T>) {
  let latest: T | undefined;
  const waiters: Array<() => void> = [];
  const sub = liveQuery(query).subscribe({ next: (v) => { latest = v; for (const w of waiters.splice(0)) w(); } });
  const until = (ok: (v: T) => boolean) => new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`live query never showed it; last value ${JSON.stringify(latest)}`)), 3000);
    const check = () => {
      if (latest !== undefined && ok(latest)) { clearTimeout(timer); resolve(latest); } else waiters.push(check);
    };
    check();
  });
  return { until, stop: () => sub.unsubscribe() };
}

const texts = (db: IncidentDb, incidentId: string) => async () =>
  (await db.events.where('[incidentId+seq]').between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey]).toArray())
    .map((row) => (JSON.parse(row.json) as { payload: { text?: string } }).payload.text);

describe('a local write tells every view that watches the database', () => {
  it('a live query in this tab shows each new entry, also after it had already read (nothing stale is served)', async () => {
    const db = await freshDb();
    const id = newId();
    const timeline = watch(texts(db, id));
    await timeline.until((v) => v.length === 0);
    await recordEventIn(db, id, 'entry.added', { kind: 'note', text: 'first' });
    await timeline.until((v) => v.join() === 'first');
    await recordEventIn(db, id, 'entry.added', { kind: 'note', text: 'second' });
    await timeline.until((v) => v.join() === 'first,second');
    timeline.stop();
  });

  it('a live query on another connection to the same database in this page shows it, and so do reads by incident, counts and key reads (other tabs: two-tabs.spec.ts)', async () => {
    const db = await freshDb();
    const other = new IncidentDb(db.name, `${db.name}-legacy`);
    open.push(other);
    await other.open();
    const id = newId();
    const theirs = watch(texts(other, id));
    const count = watch(() => other.events.where('incidentId').equals(id).count());
    // What the team plan, maintenance, alert and drill views read: rows by their incidentId index.
    const byIncident = watch(async () => (await other.events.where('incidentId').equals(id).toArray()).length);
    const keys = watch(() => other.events.toCollection().primaryKeys());
    await theirs.until((v) => v.length === 0);
    await count.until((n) => n === 0);
    await byIncident.until((n) => n === 0);
    const before = (await keys.until(() => true)).length;
    await recordEventsIn(db, [
      { incidentId: id, type: 'entry.added', payload: { kind: 'note', text: 'one' } },
      { incidentId: id, type: 'entry.added', payload: { kind: 'decision', text: 'two' } },
    ]);
    await theirs.until((v) => v.join() === 'one,two');
    await count.until((n) => n === 2);
    await byIncident.until((n) => n === 2);
    await keys.until((k) => k.length === before + 2);
    for (const w of [theirs, count, byIncident, keys]) w.stop();
  });

  it('tells the live queries every part of the database Dexie\'s own add would (so a Dexie release that changes it fails here)', async () => {
    const db = await freshDb();
    const heard: Array<Record<string, unknown>> = [];
    const listen = (parts: Record<string, unknown>) => { heard.push(parts); };
    Dexie.on('storagemutated', listen);
    const nonEmpty = (parts: Record<string, unknown>) => Object.entries(parts)
      .filter(([, set]) => Object.keys(set as object).length > 0 && (set as { d?: number }).d !== 0).map(([name]) => name).sort();
    try {
      const id = newId();
      // A log entry (not in headOf) and a system event (in headOf), each through Dexie's own add, then natively.
      for (const type of ['entry.added', 'role.assigned'] as const) {
        const [mine] = await recordEventsIn(db, [type === 'entry.added'
          ? { incidentId: id, type, payload: { kind: 'note', text: 'native' } }
          : { incidentId: id, type, payload: { roleId: 'scribe', person: 'Sam' } }]);
        await new Promise((resolve) => setTimeout(resolve, 10));
        const native = heard.splice(0).find((p) => Object.keys(p).some((k) => k.includes('/events/')));
        const row = { ...(await db.events.where('id').equals(mine!.id).first())!, id: newId(), seq: undefined };
        await db.transaction('rw', db.events, () => db.events.add(row));
        const dexie = heard.splice(0).find((p) => Object.keys(p).some((k) => k.includes('/events/')));
        expect(native, 'the native write told nothing').toBeDefined();
        // Every part Dexie reports is reported (the native path also names the new keys among ':dels').
        expect(nonEmpty(native!).filter((n) => !n.endsWith('/:dels'))).toEqual(nonEmpty(dexie!).filter((n) => !n.endsWith('/:dels')));
        expect(nonEmpty(native!)).toContain(`idb://${db.name}/events/[incidentId+seq]`);
      }
    } finally {
      Dexie.on('storagemutated').unsubscribe(listen);
    }
  });
});

describe('a local write is all or nothing', () => {
  // A few rows take the native path; a large batch takes Dexie's (NATIVE_ADD_MAX_ROWS): both are all or nothing.
  for (const size of [2, NATIVE_ADD_MAX_ROWS, NATIVE_ADD_MAX_ROWS + 1]) {
    it(`a batch of ${size} with one event that cannot be stored stores none of them and says why; without it, all are shown`, async () => {
      const db = await freshDb();
      const id = newId();
      const [taken] = await recordEventsIn(db, [{ incidentId: id, type: 'entry.added', payload: { kind: 'note', text: 'kept' } }]);
      const drafts = (n: number) => Array.from({ length: n }, (_, i) => ({ incidentId: id, type: 'entry.added' as const, payload: { kind: 'note' as const, text: `batch ${i}` } }));
      const write = recordEventsIn(db, [...drafts(size - 1), { incidentId: id, type: 'entry.added', payload: { kind: 'note', text: 'same id' }, id: taken!.id }]);
      // The browser's ConstraintError, or Dexie's BulkError carrying it (the large batch): either way it says why.
      const error = await write.then(() => null, (e: unknown) => e as { name: string; failures?: Array<{ name: string }> });
      expect([error?.name, ...(error?.failures ?? []).map((f) => f.name)]).toContain('ConstraintError');
      expect(await texts(db, id)()).toEqual(['kept']);
      const timeline = watch(texts(db, id));
      await timeline.until((v) => v.length === 1);
      await recordEventsIn(db, drafts(size));
      await timeline.until((v) => v.length === size + 1);
      timeline.stop();
    });
  }

  it('inside a caller\'s transaction the write commits with it, and is undone with it', async () => {
    const db = await freshDb();
    const id = newId();
    await expect(db.transaction('rw', [db.events, db.meta], async () => {
      await recordEventIn(db, id, 'entry.added', { kind: 'note', text: 'undone with the caller' });
      await db.meta.put({ key: 'probe', value: 1 });
      throw new Error('the caller failed after the write');
    })).rejects.toThrow('the caller failed');
    expect(await db.events.where('incidentId').equals(id).count()).toBe(0);
    await db.transaction('rw', [db.events, db.meta], async () => {
      await recordEventIn(db, id, 'entry.added', { kind: 'note', text: 'committed with the caller' });
    });
    expect(await texts(db, id)()).toEqual(['committed with the caller']);
  });
});
