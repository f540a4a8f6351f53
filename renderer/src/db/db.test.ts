// The local database: atomic writes, idempotent sync apply, summaries, persistence across reopen, upgrade.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEvent, newId } from '@shared/incident/create';
import type { IncidentEvent } from '@shared/incident/events';
import { fold } from '@shared/incident/fold';
import { decodeHlc, encodeHlc, HybridClock } from '@shared/hlc/hlc';
import { liveIncident } from './live-incident';
import { setDisplayName } from './meta';
import { IncidentDb } from './schema';
import type { SyncLocalStore } from '@shared/sync/engine';
import { createLocalSyncStore } from './sync-store';
import { eventOfRow, rowOfEvent } from './types';
import { recordEventIn, recordEventsIn } from './write';
import { importEventsIn } from './import';
import { rememberStored, SUMMARIES_UP_TO, summariesSettled } from './summaries';
import { TEAM_STREAM_ID } from '@shared/workspace/streams';
import { countUnsent, readUnsent } from './outbox';

/** The events this console still owes the server, oldest first (its outbox). */
const unsent = async (db: IncidentDb) => (await readUnsent(db, 1_000_000)).map(eventOfRow);

const opened = { title: 'Checkout down', detectedAt: '2026-03-01T10:00:00.000Z', impactStartedAt: '2026-03-01T09:55:00.000Z', severity: 'P2' };
const open: IncidentDb[] = [];
let counter = 0;
function freshDb(name = `test-${Date.now()}-${counter++}`): IncidentDb {
  const db = new IncidentDb(name);
  open.push(db);
  return db;
}
afterEach(async () => {
  for (const db of open.splice(0)) { db.close(); await Dexie.delete(db.name); }
});

function remoteEvents(incidentId: string, node = 'peer-1', start = Date.parse('2026-03-01T10:00:00Z')): IncidentEvent[] {
  let t = start;
  const ctx = { clock: new HybridClock(node, () => t), actor: { name: 'Remote', deviceId: node }, now: () => t };
  const out: IncidentEvent[] = [createEvent(ctx, incidentId, 'incident.opened', opened) as IncidentEvent];
  t += 1000;
  out.push(createEvent(ctx, incidentId, 'entry.added', { kind: 'note', text: 'first note' }) as IncidentEvent);
  t += 1000;
  out.push(createEvent(ctx, incidentId, 'status.changed', { to: 'identified' }) as IncidentEvent);
  return out;
}

describe('recordEvents (one user action, several events)', () => {
  it('writes every event of the batch into the outbox, in order, with rising clock stamps; the summary follows', async () => {
    const db = freshDb();
    const id = newId();
    const events = await recordEventsIn(db, [
      { incidentId: id, type: 'incident.opened', payload: opened },
      { incidentId: id, type: 'exercise.control', payload: { action: 'start', mode: 'live' } },
      { incidentId: id, type: 'entry.added', payload: { kind: 'note', text: 'Opening situation' } },
    ]);
    expect(events.map((e) => e.type)).toEqual(['incident.opened', 'exercise.control', 'entry.added']);
    expect(events[0]!.hlc < events[1]!.hlc && events[1]!.hlc < events[2]!.hlc).toBe(true);
    expect(await db.events.count()).toBe(3);
    expect(await countUnsent(db)).toBe(3);
    await summariesSettled(db);
    expect((await db.incidents.get(id))?.title).toBe('Checkout down');
  });

  it('writes nothing at all when one event of the batch is invalid', async () => {
    const db = freshDb();
    const id = newId();
    await expect(recordEventsIn(db, [
      { incidentId: id, type: 'incident.opened', payload: opened },
      { incidentId: id, type: 'entry.added', payload: { kind: 'note', text: '   ' } },
    ])).rejects.toThrow();
    expect(await db.events.count()).toBe(0);
    expect(await countUnsent(db)).toBe(0);
    expect(await db.incidents.count()).toBe(0);
  });
});

describe('the team stream', () => {
  it('is stored and queued for sync like any event, but never becomes a row of the incident list', async () => {
    const db = freshDb();
    const [local] = await recordEventsIn(db, [{ incidentId: TEAM_STREAM_ID, type: 'contact.added', payload: { contactId: 'c-1', name: 'Ana', roleIds: [], phone: '', email: '', notes: '' } }]);
    const ctx = { clock: new HybridClock('peer-1'), actor: { name: 'Remote', deviceId: 'peer-1' } };
    const remote = createEvent(ctx, TEAM_STREAM_ID, 'contact.removed', { contactId: 'c-1' }) as IncidentEvent;
    await importEventsIn(db, [remote]);
    expect((await db.events.toArray()).map((r) => r.id)).toEqual([local!.id, remote.id]);
    // Both go out: the imported one marked as imported by this device.
    expect((await unsent(db)).map((e) => [e.id, e.imported?.by.name ?? null])).toEqual([[local!.id, null], [remote.id, 'Unnamed']]);
    expect(await db.incidents.count()).toBe(0);
  });
});

describe('recordEvent', () => {
  it('stores the event marked as the outbox, stamped with identity and HLC; the summary follows', async () => {
    const db = freshDb();
    await setDisplayName(db, 'Alice');
    const id = newId();
    const e = await recordEventIn(db, id, 'incident.opened', opened);
    expect(e.actor.name).toBe('Alice');
    expect(await db.events.count()).toBe(1);
    expect((await unsent(db)).map((u) => u.id)).toEqual([e.id]);
    await summariesSettled(db);
    const summary = await db.incidents.get(id);
    expect(summary).toMatchObject({ title: 'Checkout down', severity: 'P2', status: 'investigating', opened: true, eventCount: 1 });
  });

  it('lands whole or not at all: a failure after the first event row was added leaves nothing behind', async () => {
    const db = freshDb();
    const id = newId();
    const first = await recordEventIn(db, id, 'incident.opened', opened);
    const hlcBefore = (await db.meta.get('hlc'))?.value;
    // The second event reuses a stored id, so its add fails after the first one's.
    await expect(recordEventsIn(db, [
      { incidentId: id, type: 'status.changed', payload: { to: 'mitigating' } },
      { incidentId: id, type: 'entry.added', payload: { kind: 'note', text: 'clash' }, id: first.id },
    ])).rejects.toThrow();
    expect(await db.events.count()).toBe(1);
    expect((await unsent(db)).map((u) => u.id)).toEqual([first.id]);
    await summariesSettled(db);
    expect((await db.incidents.get(id))?.status).toBe('investigating');
    expect((await db.meta.get('hlc'))?.value).toBe(hlcBefore);
  });

  it('rejects an invalid payload without writing anything', async () => {
    const db = freshDb();
    await expect(recordEventIn(db, newId(), 'entry.added', { kind: 'note', text: '   ' })).rejects.toThrow();
    expect(await db.events.count()).toBe(0);
    expect(await countUnsent(db)).toBe(0);
  });

  it('keeps back-dated occurredAt and orders stamps even when the wall clock goes backwards', async () => {
    const db = freshDb();
    const id = newId();
    let wall = Date.parse('2026-03-01T12:00:00Z');
    const a = await recordEventIn(db, id, 'incident.opened', opened, { now: () => wall });
    wall -= 60_000;
    const b = await recordEventIn(db, id, 'entry.added', { kind: 'note', text: 'x' }, { now: () => wall, occurredAt: Date.parse('2026-03-01T11:00:00Z') });
    expect(b.hlc > a.hlc).toBe(true);
    expect(b.occurredAt).toBe('2026-03-01T11:00:00.000Z');
  });
});

describe('persistence', () => {
  it('a new instance on the same database finds events, summaries, identity and restores the HLC', async () => {
    const name = `reload-${counter++}`;
    const first = new IncidentDb(name);
    await setDisplayName(first, 'Bob');
    const id = newId();
    // A minute ahead: within the drift bound, so the restored clock must carry it forward.
    const future = Date.now() + 60_000;
    const e = await recordEventIn(first, id, 'incident.opened', opened, { now: () => future });
    first.close();

    const second = freshDb(name);
    expect((await second.events.toArray()).map((r) => r.id)).toEqual([e.id]);
    await summariesSettled(second);
    expect((await second.incidents.get(id))?.title).toBe('Checkout down');
    // The restored clock continues after the stored stamp even though the wall clock is earlier.
    const next = await recordEventIn(second, id, 'entry.added', { kind: 'note', text: 'after reload' });
    expect(next.hlc > e.hlc).toBe(true);
    expect(next.actor).toEqual(e.actor);
  });

  it('upgrading from schema v1 builds incident summaries from the stored events', async () => {
    const name = `upgrade-${counter++}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ events: '++seq, &id, incidentId, [incidentId+hlc], [incidentId+seq]', outbox: '++seq, &eventId', contacts: 'id, name', plans: 'id', meta: 'key' });
    const id = newId();
    const events = remoteEvents(id);
    await v1.table('events').bulkAdd(events.map(rowOfEvent));
    v1.close();

    const db = freshDb(name);
    expect(await db.incidents.get(id)).toMatchObject({ title: 'Checkout down', status: 'identified', eventCount: 3 });
  });
});

describe('sync store', () => {
  it('applyRemote validates, stores once and ignores events already present', async () => {
    const db = freshDb();
    const store = createLocalSyncStore(db, () => Date.parse('2026-03-01T10:00:10Z'));
    const id = newId();
    const events = remoteEvents(id);
    const bad = { ...events[1], id: 'not-a-uuid' };
    const first = await store.applyRemote([...events, bad, events[0]]);
    expect(first.applied).toBe(3);
    expect(first.rejected).toEqual([{ index: 3, error: 'id: expected a UUID' }]);
    const second = await store.applyRemote(events);
    expect(second.applied).toBe(0);
    expect(await db.events.count()).toBe(3);
    expect(await countUnsent(db)).toBe(0);
    await summariesSettled(db);
    expect((await db.incidents.get(id))?.eventCount).toBe(3);
  });

  it('joining right after a write judges the incidents with that write folded in: one held whole is not marked unread', async () => {
    const db = freshDb();
    const id = newId();
    const written = await recordEventsIn(db, [
      { incidentId: id, type: 'incident.opened', payload: opened },
      { incidentId: id, type: 'status.changed', payload: { to: 'resolved' } },
    ]);
    // At once (the list's fold waits a little after a write): the server lists the same two, resolved.
    await createLocalSyncStore(db).planJoin('ws-join', written, [{ stream: id, events: 2 }]);
    expect((await db.incidents.get(id))?.unread).toBeUndefined();
  });

  it('summaries follow last-writer-wins by HLC whatever the arrival order', async () => {
    const db = freshDb();
    const store = createLocalSyncStore(db, () => Date.parse('2026-03-01T10:00:10Z'));
    const id = newId();
    const [openedEvent, , identified] = remoteEvents(id);
    const t = Date.parse('2026-03-01T10:00:05Z');
    const ctx = { clock: new HybridClock('peer-2', () => t), actor: { name: 'P2', deviceId: 'peer-2' }, now: () => t };
    const later = createEvent(ctx, id, 'status.changed', { to: 'mitigating' }) as IncidentEvent;
    const severity = createEvent(ctx, id, 'severity.changed', { to: 'P1', reason: 'worse' }) as IncidentEvent;
    await store.applyRemote([later, severity]);
    await store.applyRemote([identified, openedEvent]);
    await summariesSettled(db);
    const summary = await db.incidents.get(id);
    const state = fold(id, [openedEvent!, identified!, later, severity]);
    expect(summary).toMatchObject({ status: state.status, severity: state.severity, title: state.title, opened: true });
    expect(summary?.status).toBe('mitigating');
    expect(summary?.severity).toBe('P1');
  });

  it('reads the outbox in recording order, acks by id, and keeps cursors per workspace', async () => {
    const db = freshDb();
    const store: SyncLocalStore = createLocalSyncStore(db);
    const id = newId();
    const a = await recordEventIn(db, id, 'incident.opened', opened);
    const b = await recordEventIn(db, id, 'entry.added', { kind: 'note', text: 'n' });
    expect((await store.readOutbox(10)).map((e) => e.id)).toEqual([a.id, b.id]);
    expect((await store.readOutbox(1)).map((e) => e.id)).toEqual([a.id]);
    expect(await store.countOutbox?.()).toBe(2);
    await store.ackOutbox([a.id]);
    expect((await store.readOutbox(10)).map((e) => e.id)).toEqual([b.id]);
    expect(await store.countOutbox?.()).toBe(1);
    expect(await store.getCursor('ws')).toBe(0);
    await store.setCursor('ws', 42);
    expect(await store.getCursor('ws')).toBe(42);
    expect(await store.getCursor('other')).toBe(0);
  });

  it('mergeHlc moves the local clock past a remote stamp and refuses one far in the future', async () => {
    const db = freshDb();
    const now = Date.parse('2026-03-01T10:00:00Z');
    const store = createLocalSyncStore(db, () => now);
    await store.mergeHlc(encodeHlc({ wall: now, counter: 5, node: 'server' }));
    expect(decodeHlc((await store.getHlc())!)).toMatchObject({ wall: now, counter: 6 });
    await expect(store.mergeHlc(encodeHlc({ wall: now + 3_600_000, counter: 0, node: 'server' }))).rejects.toThrow(/clock_skew/);
    await expect(store.mergeHlc('garbage')).rejects.toThrow();
  });
});

describe('live incident', () => {
  it('projects stored events and then only the new ones as they are recorded', async () => {
    const db = freshDb();
    const id = newId();
    await recordEventIn(db, id, 'incident.opened', opened);
    const live = liveIncident(db, id);
    const changed = () => new Promise<void>((resolve) => { const off = live.subscribe(() => { off(); resolve(); }); });
    const keep = live.subscribe(() => undefined);
    await changed();
    expect(live.getSnapshot()?.title).toBe('Checkout down');
    const next = changed();
    await recordEventIn(db, id, 'entry.added', { kind: 'decision', text: 'fail over' });
    await next;
    const state = live.getSnapshot();
    expect(state?.timeline.map((t) => t.kind)).toEqual(['system', 'decision']);
    expect(live.getSnapshot()).toBe(state);
    keep();
  });

  it('starts from a stored snapshot and reads only the rows after it; an unreadable snapshot is ignored', async () => {
    const db = freshDb();
    const id = newId();
    const e1 = await recordEventIn(db, id, 'incident.opened', opened);
    const e2 = await recordEventIn(db, id, 'entry.added', { kind: 'note', text: 'in the snapshot' });
    const e3 = await recordEventIn(db, id, 'entry.added', { kind: 'note', text: 'after the snapshot' });
    const seq2 = (await db.events.where('id').equals(e2.id).first())!.seq!;
    await db.snapshots.put({ incidentId: id, upToSeq: seq2, count: 2, json: JSON.stringify([e1, e2]) });
    const expected = fold(id, [e1, e2, e3] as IncidentEvent[]);
    const stateOf = async (dbToUse: IncidentDb) => {
      const live = liveIncident(dbToUse, id);
      await new Promise<void>((resolve) => {
        const off = live.subscribe(() => { if (live.getSnapshot()) { off(); resolve(); } });
      });
      return live.getSnapshot();
    };
    expect(await stateOf(db)).toEqual(expected);

    const other = freshDb();
    for (const e of [e1, e2, e3]) await other.events.add(rowOfEvent(e as IncidentEvent));
    await other.snapshots.put({ incidentId: id, upToSeq: 2, count: 2, json: '{not json' });
    expect(await stateOf(other)).toEqual(expected);
  });
});

describe('the local write path (issue 27)', () => {
  /** Generous: the fold follows on its own a task after the commit, and a loaded machine may take its time. */
  const SETTLE = { timeout: 10_000 };
  /** Every IndexedDB transaction opened from now on: its stores and mode (install before the database opens: Dexie binds the method then). */
  function recordTransactions(): { seen: Array<{ stores: string[]; mode: string }>; stop: () => void } {
    const seen: Array<{ stores: string[]; mode: string }> = [];
    const original = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, stores: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) {
      seen.push({ stores: [...(typeof stores === 'string' ? [stores] : stores)].sort(), mode: mode ?? 'readonly' });
      return original.call(this, stores, mode, options);
    } as typeof original;
    return { seen, stop: () => { IDBDatabase.prototype.transaction = original; } };
  }

  it('a local write is one transaction over the event rows alone (marked as the outbox), with nothing read first', async () => {
    const tx = recordTransactions();
    try {
      const db = freshDb();
      const id = newId();
      await recordEventIn(db, id, 'incident.opened', opened); // the first write in a tab reads identity and clock once
      await summariesSettled(db);
      tx.seen.length = 0;
      const entry = await recordEventIn(db, id, 'entry.added', { kind: 'note', text: 'error rate 12%' });
      expect(tx.seen).toEqual([{ stores: ['events'], mode: 'readwrite' }]);
      expect((await unsent(db)).map((u) => u.id)).toContain(entry.id);
    } finally {
      tx.stop();
    }
  });

  it('the summary of a local write is folded without touching the event rows, so the next write never waits behind it', async () => {
    const tx = recordTransactions();
    try {
      const db = freshDb();
      const id = newId();
      await recordEventIn(db, id, 'incident.opened', opened);
      await summariesSettled(db);
      tx.seen.length = 0;
      await recordEventIn(db, id, 'entry.added', { kind: 'note', text: 'error rate 12%' });
      await recordEventIn(db, id, 'status.changed', { to: 'identified' });
      // Not settled by hand (that also reads rows on purpose): the fold that follows the writes on its own.
      await vi.waitFor(async () => expect(await db.incidents.get(id)).toMatchObject({ status: 'identified', eventCount: 3 }), SETTLE);
      const writes = tx.seen.filter((t) => t.mode === 'readwrite');
      const folds = writes.filter((t) => t.stores.includes('incidents'));
      expect(folds.length).toBeGreaterThan(0);
      expect(folds.every((t) => !t.stores.includes('events'))).toBe(true);
      expect(writes.filter((t) => t.stores.includes('events'))).toEqual([
        { stores: ['events'], mode: 'readwrite' }, { stores: ['events'], mode: 'readwrite' },
      ]);
    } finally {
      tx.stop();
    }
  });

  it('rows another tab stored and never folded (it closed) are read by this tab\'s next fold; every row counted once', async () => {
    const a = freshDb();
    const b = new IncidentDb(a.name); // a second tab on the same database
    const id = newId();
    await recordEventIn(a, id, 'incident.opened', opened);
    await recordEventIn(b, id, 'entry.added', { kind: 'note', text: 'from the other tab' });
    await recordEventIn(b, id, 'status.changed', { to: 'mitigating' });
    b.close(); // closed before it folded its rows
    await recordEventIn(a, id, 'entry.added', { kind: 'note', text: 'back here' });
    // This tab is not asked to settle: the gap its own rows leave above the watermark is enough for it to read them.
    await vi.waitFor(async () => expect(await a.incidents.get(id)).toMatchObject({ status: 'mitigating', eventCount: 4 }), SETTLE);
    await summariesSettled(a);
    expect(await a.incidents.get(id)).toMatchObject({ status: 'mitigating', eventCount: 4 });
    expect((await a.meta.get(SUMMARIES_UP_TO))?.value).toBe(4);
  });

  it('an incident purged from this console (restricted) gets no summary back from events this tab still remembers storing', async () => {
    const db = freshDb();
    const secret = newId();
    const other = newId();
    const stored = [...remoteEvents(secret).slice(0, 1), ...remoteEvents(other).slice(0, 1)];
    stored[0] = { ...stored[0]!, payload: { ...opened, title: 'Customer data exposed' } } as IncidentEvent;
    const seqs = await db.events.bulkAdd(stored.map(rowOfEvent), { allKeys: true });
    // Stored, not folded yet, when the server says this console may no longer read the incident.
    await createLocalSyncStore(db).applyAccess('ws-1', [secret]);
    expect(await db.events.where('incidentId').equals(secret).count()).toBe(0);
    // The report of the storing transaction's commit reaches the tab after the purge ran (IndexedDB may run the
    // next transaction before the complete event is handled): the events it remembers must not bring the title back.
    rememberStored(db, seqs, stored);
    await recordEventIn(db, other, 'entry.added', { kind: 'note', text: 'later' });
    await vi.waitFor(async () => expect((await db.incidents.get(other))?.eventCount).toBe(2), SETTLE);
    await summariesSettled(db);
    expect(await db.incidents.get(secret)).toBeUndefined();
    expect((await db.incidents.toArray()).map((r) => r.title)).toEqual(['Checkout down']);
  });

  it('summaries fold every committed row exactly once, also rows this tab did not store (another tab, a crash before folding)', async () => {
    const db = freshDb();
    const id = newId();
    const events = remoteEvents(id);
    await recordEventIn(db, id, 'entry.added', { kind: 'note', text: 'local before' });
    // Rows stored behind this tab's back (as another tab would, or a session that closed before folding them).
    await db.events.bulkAdd(events.map(rowOfEvent));
    await summariesSettled(db);
    await summariesSettled(db);
    expect(await db.incidents.get(id)).toMatchObject({ title: 'Checkout down', status: 'identified', eventCount: 4 });
    expect((await db.meta.get(SUMMARIES_UP_TO))?.value).toBe(await db.events.orderBy(':id').lastKey());
    // A new instance (an app restart) finds nothing left to fold and counts nothing twice.
    const again = freshDb(db.name);
    await summariesSettled(again);
    expect((await again.incidents.get(id))?.eventCount).toBe(4);
  });

  it('upgrading from schema v5 keeps the summaries as they were and counts nothing twice', async () => {
    const name = `v5-${counter++}`;
    const v5 = new Dexie(name);
    v5.version(5).stores({ events: '++seq, &id, incidentId, [incidentId+hlc], [incidentId+seq], headOf', outbox: '++seq, &eventId', contacts: 'id, name', plans: 'id', meta: 'key', incidents: 'id, status, drill, lastActivityAt', snapshots: 'incidentId', drillScripts: 'id' });
    const id = newId();
    const events = remoteEvents(id);
    await v5.table('events').bulkAdd(events.map(rowOfEvent));
    await v5.table('incidents').put({ id, opened: true, title: 'Checkout down', severity: 'P2', status: 'identified', drill: false, detectedAt: 1, impactStartedAt: 1, lastActivityAt: 1, eventCount: 3, stamps: {} });
    v5.close();
    const db = freshDb(name);
    await summariesSettled(db);
    expect((await db.incidents.get(id))?.eventCount).toBe(3);
    await recordEventIn(db, id, 'entry.added', { kind: 'note', text: 'after the upgrade' });
    await summariesSettled(db);
    expect((await db.incidents.get(id))?.eventCount).toBe(4);
  });

  it('the clock resumes after a restart from the outbox, also once the server acknowledged it all', async () => {
    const name = `clock-${counter++}`;
    const first = new IncidentDb(name);
    const id = newId();
    const future = Date.now() + 60_000; // within the drift bound: the resumed clock must carry it forward
    const queued = await recordEventIn(first, id, 'incident.opened', opened, { now: () => future });
    first.close();
    const second = freshDb(name);
    const afterRestart = await recordEventIn(second, id, 'entry.added', { kind: 'note', text: 'after restart' });
    expect(afterRestart.hlc > queued.hlc).toBe(true);
    // Acknowledged: nothing is unsent, and the rows keep their stamps where the clock resumes from.
    await createLocalSyncStore(second).afterPush([queued.id, afterRestart.id], null);
    expect(await countUnsent(second)).toBe(0);
    second.close();
    const third = freshDb(name);
    const afterAck = await recordEventIn(third, id, 'entry.added', { kind: 'note', text: 'after the ack' });
    expect(afterAck.hlc > afterRestart.hlc).toBe(true);
  });
});
