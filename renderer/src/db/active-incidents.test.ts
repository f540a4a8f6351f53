// The active incidents as the shell's watchers read them (clock alerts, drill runners, the alert triage's picker, the
// sync engine's owed reads), in the real Dexie schema (fake-indexeddb): every incident not resolved or closed, and a
// live query on them that a write to a closed incident does not run again (issue #27: a closed incident opened from
// the list is read from the server a page at a time, each page a write to its summary; with years of history beside
// them, a query that read every incident again for each page made opening it grow with the history).
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { liveQuery } from 'dexie';
import type { IncidentStatus } from '@shared/incident/events';
import { afterEach, describe, expect, it } from 'vitest';
import { activeIncidents } from './active-incidents';
import { IncidentDb } from './schema';
import { summariesSettled } from './summaries';
import { recordEventsIn } from './write';

const dbs: IncidentDb[] = [];
afterEach(async () => { for (const d of dbs.splice(0)) { d.close(); await d.delete(); } });

async function setup() {
  const db = new IncidentDb(`active-${randomUUID()}`, `legacy-${randomUUID()}`);
  dbs.push(db);
  const at = new Date().toISOString();
  const open = async (title: string, ...statuses: IncidentStatus[]) => {
    const id = randomUUID();
    await recordEventsIn(db, [{ incidentId: id, type: 'incident.opened', payload: { title, detectedAt: at, impactStartedAt: at } },
      ...statuses.map((to) => ({ incidentId: id, type: 'status.changed' as const, payload: { to } }))]);
    return id;
  };
  const ids = {
    investigating: await open('Checkout errors'),
    mitigating: await open('Replica lag', 'identified', 'mitigating'),
    resolved: await open('DNS outage', 'resolved'),
    closed: await open('Certificate expired', 'resolved', 'closed'),
  };
  await summariesSettled(db);
  return { db, ids };
}

const ids = async (db: IncidentDb) => (await activeIncidents(db).primaryKeys()).map(String).sort();

describe('active incidents', () => {
  it('are the incidents not resolved or closed, and one reopened is among them again', async () => {
    const { db, ids: i } = await setup();
    expect(await ids(db)).toEqual([i.investigating, i.mitigating].sort());
    await recordEventsIn(db, [{ incidentId: i.closed, type: 'status.changed', payload: { to: 'investigating', reason: 'it came back' } }]);
    await summariesSettled(db);
    expect(await ids(db)).toEqual([i.investigating, i.mitigating, i.closed].sort());
  });

  it('a live query of them is not run again by entries reaching a closed incident, and is by a write to an active one', async () => {
    const { db, ids: i } = await setup();
    const seen: string[][] = [];
    const sub = liveQuery(() => activeIncidents(db).toArray()).subscribe((rows) => { seen.push(rows.map((r) => r.title).sort()); });
    try {
      await expect.poll(() => seen.length).toBe(1);
      // A closed incident's history arriving (the pages of its timeline read when it is opened): its summary changes.
      for (let page = 0; page < 3; page++) {
        await recordEventsIn(db, Array.from({ length: 20 }, (_, k) => ({ incidentId: i.closed, type: 'entry.added' as const, payload: { kind: 'note' as const, text: `page ${page} entry ${k}` } })));
        await summariesSettled(db);
      }
      expect((await db.incidents.get(i.closed))?.eventCount).toBe(63);
      await recordEventsIn(db, [{ incidentId: i.mitigating, type: 'severity.changed', payload: { to: 'P1' } }]);
      await summariesSettled(db);
      await expect.poll(() => seen.length).toBeGreaterThan(1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen).toEqual([['Checkout errors', 'Replica lag'], ['Checkout errors', 'Replica lag']]);
    } finally {
      sub.unsubscribe();
    }
  });
});
