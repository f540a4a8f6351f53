// Opening an incident without a snapshot, newest first: the console shows its whole state but for older log
// entries at once, folds those in afterwards, and ends exactly at the full projection (with writes made meanwhile).
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvent, newId } from '@shared/incident/create';
import type { IncidentEvent } from '@shared/incident/events';
import { fold } from '@shared/incident/fold';
import { HybridClock } from '@shared/hlc/hlc';
import { liveIncident, showStored, type LiveIncident } from './live-incident';
import { IncidentDb } from './schema';
import { eventOfRow, rowOfEvent } from './types';
import { recordEventIn, storeEvents } from './write';

const open: IncidentDb[] = [];
let counter = 0;
afterEach(async () => {
  for (const db of open.splice(0)) { db.close(); await Dexie.delete(db.name); }
});

/** An incident of `entries` log entries with a role, a status change and corrections spread through it. */
function bigIncident(entries: number): IncidentEvent[] {
  const id = newId();
  let wall = Date.parse('2026-03-01T10:00:00Z');
  const ctx = { clock: new HybridClock('dev-a', () => wall), actor: { name: 'Al', deviceId: 'dev-a' }, now: () => wall };
  const out: IncidentEvent[] = [createEvent(ctx, id, 'incident.opened', { title: 'Big one', detectedAt: '2026-03-01T10:00:00.000Z', impactStartedAt: '2026-03-01T09:55:00.000Z', severity: 'P1' }) as IncidentEvent];
  for (let i = 0; i < entries; i++) {
    wall += 1000;
    const entry = createEvent(ctx, id, 'entry.added', { kind: 'note', text: `entry ${i}` }) as IncidentEvent;
    out.push(entry);
    if (i === 5) out.push(createEvent(ctx, id, 'role.assigned', { roleId: 'ic', person: 'Al' }) as IncidentEvent);
    if (i === 10) out.push(createEvent(ctx, id, 'entry.amended', { entryId: entry.id, text: 'entry 10, corrected' }) as IncidentEvent);
    if (i === entries / 2) out.push(createEvent(ctx, id, 'status.changed', { to: 'identified' }) as IncidentEvent);
  }
  return out;
}

async function seeded(events: IncidentEvent[]): Promise<IncidentDb> {
  const db = new IncidentDb(`live-${counter++}`);
  open.push(db);
  await db.transaction('rw', [db.events, db.incidents], () => storeEvents(db, events, { outbox: false }));
  return db;
}

/** Resolves with what the console saw at the first change, and once complete. */
function watch(live: LiveIncident): { first: Promise<{ complete: boolean; state: ReturnType<LiveIncident['getSnapshot']> }>; done: Promise<void>; stop: () => void } {
  let resolveFirst: (v: { complete: boolean; state: ReturnType<LiveIncident['getSnapshot']> }) => void = () => undefined;
  let resolveDone: () => void = () => undefined;
  const first = new Promise<{ complete: boolean; state: ReturnType<LiveIncident['getSnapshot']> }>((r) => { resolveFirst = r; });
  const done = new Promise<void>((r) => { resolveDone = r; });
  let seen = false;
  const stop = live.subscribe(() => {
    const state = live.getSnapshot();
    if (!state) return;
    if (!seen) { seen = true; resolveFirst({ complete: live.isComplete(), state }); }
    if (live.isComplete()) resolveDone();
  });
  return { first, done, stop };
}

describe('opening an incident without a snapshot', () => {
  it('shows the whole state but for older log entries first, then every entry, ending at the full projection', async () => {
    const events = bigIncident(12_000);
    const db = await seeded(events);
    const full = fold(events[0]!.incidentId, events);
    const live = liveIncident(db, events[0]!.incidentId);
    const { first, done, stop } = watch(live);
    const seen = await first;
    expect(seen.complete).toBe(false);
    const partial = seen.state!;
    expect(partial.timeline.length).toBeLessThan(full.timeline.length);
    // Header, status, roles and the amended entry's correction are there before the bulk is read ...
    expect({ title: partial.title, severity: partial.severity, status: partial.status, roles: partial.roles, acknowledgedAt: partial.acknowledgedAt })
      .toEqual({ title: full.title, severity: full.severity, status: full.status, roles: full.roles, acknowledgedAt: full.acknowledgedAt });
    // ... and so are the newest entries, exactly as the full timeline has them.
    expect(partial.timeline.slice(-100)).toEqual(full.timeline.slice(-100));
    const during = await recordEventIn(db, full.id, 'entry.added', { kind: 'decision', text: 'logged while older entries load' });
    await done;
    await expect.poll(() => live.getSnapshot()?.timeline.some((e) => e.id === during.id)).toBe(true);
    const rows = await db.events.where('incidentId').equals(full.id).toArray();
    expect(live.getSnapshot()).toEqual(fold(full.id, rows.map(eventOfRow)));
    stop();
  });

  it('a small incident is complete at once', async () => {
    const events = bigIncident(40);
    const db = await seeded(events);
    const live = liveIncident(db, events[0]!.incidentId);
    const { first, stop } = watch(live);
    const seen = await first;
    expect(seen.complete).toBe(true);
    expect(seen.state).toEqual(fold(events[0]!.incidentId, events));
    stop();
  });

  it('rows stored before the headOf index (schema v4) get it on upgrade, so they open newest first too', async () => {
    const name = `v4-${counter++}`;
    const v4 = new Dexie(name);
    v4.version(4).stores({ events: '++seq, &id, incidentId, [incidentId+hlc], [incidentId+seq]', outbox: '++seq, &eventId', contacts: 'id, name', plans: 'id', meta: 'key', incidents: 'id, status, drill, lastActivityAt', snapshots: 'incidentId', drillScripts: 'id' });
    const events = bigIncident(1000);
    await v4.table('events').bulkAdd(events.map((e) => { const { headOf: _h, ...row } = rowOfEvent(e); return row; }));
    v4.close();
    const db = new IncidentDb(name);
    open.push(db);
    expect(await db.events.where('headOf').equals(events[0]!.incidentId).count()).toBe(events.filter((e) => e.type !== 'entry.added').length);
    const live = liveIncident(db, events[0]!.incidentId);
    const { first, done, stop } = watch(live);
    expect((await first).state?.roles).toEqual(fold(events[0]!.incidentId, events).roles);
    await done;
    expect(live.getSnapshot()).toEqual(fold(events[0]!.incidentId, events));
    stop();
  });
});

describe('opening an incident with a snapshot', () => {
  /** A snapshot of the incident's rows up to the `upTo`-th, in the given form, as the console writes (or wrote) it. */
  async function snapshotOf(db: IncidentDb, incidentId: string, upTo: number, form: 'chunks' | 'json' | 'broken'): Promise<void> {
    const rows = (await db.events.where('[incidentId+seq]').between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey]).toArray()).slice(0, upTo);
    const events = rows.map(eventOfRow);
    const upToSeq = rows[rows.length - 1]?.seq ?? 0;
    const chunks = [JSON.stringify(events.slice(0, 5000)), JSON.stringify(events.slice(5000))];
    if (form === 'chunks') await db.snapshots.put({ incidentId, upToSeq, count: events.length, chunks });
    else if (form === 'json') await db.snapshots.put({ incidentId, upToSeq, count: events.length, json: JSON.stringify(events) });
    else await db.snapshots.put({ incidentId, upToSeq, count: events.length, chunks: [chunks[0] as string, '[{"broken'] });
  }

  it.each(['chunks', 'json', 'broken'] as const)('opens newest first without waiting for the snapshot (%s), then ends at the full projection', async (form) => {
    const events = bigIncident(12_000);
    const db = await seeded(events);
    const id = events[0]!.incidentId;
    await snapshotOf(db, id, 9_000, form);
    const full = fold(id, events);
    const live = liveIncident(db, id);
    const { first, done, stop } = watch(live);
    const seen = await first;
    // Shown before the snapshot is parsed: the header and the newest entries, not yet the older ones.
    expect(seen.complete).toBe(false);
    expect({ title: seen.state?.title, status: seen.state?.status, roles: seen.state?.roles }).toEqual({ title: full.title, status: full.status, roles: full.roles });
    expect(seen.state?.timeline.slice(-100)).toEqual(full.timeline.slice(-100));
    await done;
    expect(live.getSnapshot()).toEqual(full);
    stop();
  });
});

describe('what this tab stores is shown from memory', () => {
  it('a write shown at once and a row stored behind its back (another tab) both end in the state, each once', async () => {
    const events = bigIncident(40);
    const db = await seeded(events);
    const id = events[0]!.incidentId;
    const live = liveIncident(db, id);
    const { first, stop } = watch(live);
    await first;
    const mine = await recordEventIn(db, id, 'entry.added', { kind: 'note', text: 'written in this tab' });
    showStored(db, [mine]);
    expect(live.getSnapshot()?.timeline.some((e) => e.id === mine.id)).toBe(true); // before any read
    const t = Date.parse('2026-03-01T12:00:00Z');
    const theirs = createEvent({ clock: new HybridClock('dev-b', () => t), actor: { name: 'Bo', deviceId: 'dev-b' }, now: () => t }, id, 'entry.added', { kind: 'note', text: 'from another tab' }) as IncidentEvent;
    await db.transaction('rw', db.events, () => db.events.add(rowOfEvent(theirs)));
    await expect.poll(() => live.getSnapshot()?.timeline.some((e) => e.id === theirs.id)).toBe(true);
    const rows = await db.events.where('incidentId').equals(id).toArray();
    expect(live.getSnapshot()).toEqual(fold(id, rows.map(eventOfRow)));
    stop();
  });
});

