// Acknowledged outbox rows leave in ranges (one delete per run of consecutive rows): what the server did not
// acknowledge (an entry held back, refused) stays, and the saved clock moves past every acknowledged stamp.
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '@shared/hlc/hlc';
import { IncidentDb } from './schema';
import { consecutiveRuns, createLocalSyncStore } from './sync-store';
import { recordEventsIn } from './write';
import { readHlc } from './meta';

const dbs: IncidentDb[] = [];
afterEach(async () => { for (const d of dbs.splice(0)) { d.close(); await d.delete(); } });

describe('acknowledging pushed entries', () => {
  it('drops exactly the acknowledged rows, keeping a held one between them and the rows after', async () => {
    const db = new IncidentDb(`ack-${randomUUID()}`, `legacy-${randomUUID()}`);
    dbs.push(db);
    const incident = randomUUID();
    const written = await recordEventsIn(db, Array.from({ length: 7 }, (_, i) => ({ incidentId: incident, type: 'entry.added' as const, payload: { kind: 'note' as const, text: `entry ${i}` } })));
    const ids = written.map((e) => e.id);
    const store = createLocalSyncStore(db);
    // The server took 0, 1, 3 and 4; 2 was refused (held), 5 and 6 were not pushed yet.
    await store.afterPush([ids[0], ids[1], ids[3], ids[4]] as string[], null);
    expect((await db.outbox.toArray()).map((r) => r.eventId)).toEqual([ids[2], ids[5], ids[6]]);
    const saved = await readHlc(db);
    expect(saved && encodeHlc(saved) >= (written[4]?.hlc ?? '')).toBe(true);
    await store.afterPush([ids[6], ids[5]] as string[], null);
    expect((await db.outbox.toArray()).map((r) => r.eventId)).toEqual([ids[2]]);
    expect(await db.events.count()).toBe(7); // the log keeps every entry
  });

  it('groups keys into runs of consecutive integers, in any order, duplicates once', () => {
    expect(consecutiveRuns([5, 1, 2, 3, 7, 8, 2])).toEqual([[1, 3], [5, 5], [7, 8]]);
    expect(consecutiveRuns([])).toEqual([]);
  });
});
