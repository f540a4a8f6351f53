// The v4 upgrade: drill scripts move from their own database into the app database's drillScripts table.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultScripts } from '@shared/drills/default-scripts';
import { IncidentDb } from './schema';

let counter = 0;
const names: string[] = [];
function names2(): { main: string; legacy: string } {
  const n = { main: `mig-${counter}`, legacy: `mig-scripts-${counter++}` };
  names.push(n.main, n.legacy);
  return n;
}
afterEach(async () => { for (const n of names.splice(0)) await Dexie.delete(n); });

const saved = { ...defaultScripts[0]!, id: 'my-own-drill', title: 'Our own tabletop' };
const editedDefault = { ...defaultScripts[1]!, title: 'Edited default' };

/** The scripts database exactly as the old script-store.ts created and wrote it. */
async function writeOldScriptsDb(name: string, rows: unknown[]): Promise<void> {
  const old = new Dexie(name);
  old.version(1).stores({ scripts: 'id' });
  await old.table('scripts').bulkPut(rows);
  old.close();
}

/** The app database at v3 (before drillScripts existed), holding one stored event row. */
async function writeV3Db(name: string): Promise<void> {
  const v3 = new Dexie(name);
  v3.version(1).stores({ events: '++seq, &id, incidentId, [incidentId+hlc], [incidentId+seq]', outbox: '++seq, &eventId', contacts: 'id, name', plans: 'id', meta: 'key' });
  v3.version(2).stores({ incidents: 'id, status, drill, lastActivityAt' });
  v3.version(3).stores({ snapshots: 'incidentId' });
  await v3.table('meta').put({ key: 'displayName', value: 'Dana' });
  v3.close();
}

describe('drill scripts move into the app database (schema v4)', () => {
  it('copies every old row into drillScripts during the upgrade and deletes the old database', async () => {
    const n = names2();
    const rows = [
      { id: saved.id, script: saved, savedAt: 1 },
      { id: editedDefault.id, script: editedDefault, savedAt: 2 },
      { id: 'broken', script: { title: 42 }, savedAt: 3 },
    ];
    await writeOldScriptsDb(n.legacy, rows);
    await writeV3Db(n.main);

    const db = new IncidentDb(n.main, n.legacy);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4); // v4 or a later version that includes it
    // Moved as stored (a broken row too: the reader skips it, as it always did, but nothing is thrown away).
    expect(await db.drillScripts.orderBy('id').toArray()).toEqual([...rows].sort((a, b) => a.id.localeCompare(b.id)));
    expect((await db.meta.get('displayName'))?.value).toBe('Dana');
    expect(await Dexie.exists(n.legacy)).toBe(false);
    db.close();
  });

  it('upgrades a database that never had scripts without creating the old one', async () => {
    const n = names2();
    await writeV3Db(n.main);
    const db = new IncidentDb(n.main, n.legacy);
    await db.open();
    expect(await db.drillScripts.count()).toBe(0);
    expect(await Dexie.exists(n.legacy)).toBe(false);
    db.close();
  });

  it('a leftover old database next to a v4 one adds only the scripts not saved since', async () => {
    const n = names2();
    const db = new IncidentDb(n.main, n.legacy);
    await db.open();
    await db.drillScripts.put({ id: saved.id, script: { ...saved, title: 'Saved since' }, savedAt: 10 });
    db.close();
    await writeOldScriptsDb(n.legacy, [{ id: saved.id, script: saved, savedAt: 1 }, { id: editedDefault.id, script: editedDefault, savedAt: 2 }]);

    const reopened = new IncidentDb(n.main, n.legacy);
    await reopened.open();
    const rows = await reopened.drillScripts.orderBy('id').toArray();
    expect(rows.map((r) => [r.id, (r.script as { title: string }).title])).toEqual([
      [editedDefault.id, 'Edited default'],
      [saved.id, 'Saved since'],
    ].sort((a, b) => a[0]!.localeCompare(b[0]!)));
    expect(await Dexie.exists(n.legacy)).toBe(false);
    reopened.close();
  });
});
