// A console joins without the history (issue #27): the real sync engine over the real Dexie store (fake-indexeddb)
// against a real server (PGlite). It holds the active incidents whole and the closed ones by their summaries; events
// that reach a closed one by the ordinary pull are stored as usual; opening one reads it whole, once; a restricted
// incident never reaches it, and one restricted later is purged with its not-read mark; the cursor and its mark stay
// right (later pulls see the same history, no recovery starts).
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncEngine } from '@shared/sync/engine';
import { META } from '../../renderer/src/db/meta';
import { oweStreams } from '../../renderer/src/db/restricted';
import { IncidentDb } from '../../renderer/src/db/schema';
import { summariesSettled } from '../../renderer/src/db/summaries';
import { createLocalSyncStore } from '../../renderer/src/db/sync-store';
import { eventOfRow } from '../../renderer/src/db/types';
import { createInvite } from '../../server/src/store/workspaces';
import { join, stopCluster } from '../../server/test/harness';
import { headSeq, newTeam, openBench, openConsole, serverEvents, type Bench, type Console, type Team } from '../../server/test/restricted-harness';
import { faultyTransport } from './faulty-transport';

const opened = (title: string, restricted = false) => ({
  title, detectedAt: '2026-06-01T10:00:00.000Z', impactStartedAt: '2026-06-01T10:00:00.000Z', severity: 'P2', category: restricted ? 'security' : 'application',
  ...(restricted ? { visibility: 'restricted' as const } : {}),
});

describe('a console that joins a workspace with history', () => {
  let bench: Bench;
  let team: Team;
  let pat: Console;
  let db: IncidentDb;
  let engine: SyncEngine;
  const paths: string[] = [];
  const active = randomUUID();
  const closed = randomUUID();
  const closedToo = randomUUID();
  const reopened = randomUUID();
  const secret = randomUUID();

  const held = async (incidentId: string) => (await db.events.where('incidentId').equals(incidentId).toArray()).map((r) => eventOfRow(r).id).sort();
  const onServer = async (incidentId: string) => (await serverEvents(bench, team.workspace)).filter((e) => e.incidentId === incidentId).map((e) => e.id).sort();
  const sync = async () => { expect(await engine.syncNow()).toBe(true); await summariesSettled(db); };

  beforeAll(async () => {
    bench = await openBench('pglite');
    team = await newTeam(bench, 'Sam Officer');
    pat = await openConsole(bench, team, 'Pat Participant');
    const tick = () => bench.clock.tick();
    tick(); pat.record(active, 'incident.opened', opened('Search is slow'));
    for (let i = 0; i < 4; i++) { tick(); pat.record(active, 'entry.added', { kind: 'note', text: `search ${i}` }); }
    for (const [id, title] of [[closed, 'DNS outage'], [closedToo, 'Certificate expired'], [reopened, 'Queue backlog']] as const) {
      tick(); pat.record(id, 'incident.opened', opened(title));
      for (let i = 0; i < 6; i++) { tick(); pat.record(id, 'entry.added', { kind: 'note', text: `${title} ${i}` }); }
      tick(); pat.record(id, 'status.changed', { to: 'resolved' });
      tick(); pat.record(id, 'status.changed', { to: 'closed' });
    }
    tick(); pat.record(secret, 'incident.opened', opened('Payroll export copied', true));
    tick(); pat.record(secret, 'entry.added', { kind: 'evidence', text: 'payroll host 1' });
    expect(await pat.sync()).toBe(true);

    const server = bench.servers[0];
    if (!server) throw new Error('no server');
    const invite = await createInvite(bench.backend.store.db, team.workspace, { role: 'member', maxUses: 1, expiresInHours: 1 });
    const nia = await join(server.app, invite.inviteCode, 'Nia Newlaptop');
    db = new IncidentDb(`join-${randomUUID()}`);
    await db.meta.bulkPut([{ key: META.deviceId, value: nia.deviceId }, { key: META.displayName, value: 'Nia Newlaptop' }]);
    const transport = faultyTransport(() => server.app, nia.token, { online: true, faults: [] });
    engine = new SyncEngine({
      store: createLocalSyncStore(db, bench.clock.read),
      transport: { request: (req) => { paths.push(req.path); return transport.request(req); } },
      workspace: nia.workspace, now: bench.clock.read,
    });
  }, 120_000);
  afterAll(async () => {
    pat?.close();
    if (db) { db.close(); await Dexie.delete(db.name); }
    await bench?.close();
    stopCluster();
  });

  it('joins on the summaries: active incidents whole, closed ones by their summaries, marked with the server\'s count; nothing of a restricted one', async () => {
    await sync();
    expect(paths.filter((p) => p !== '/sync/push')).toEqual(['/sync/summaries', '/sync/pull', '/sync/stream', '/sync/stream']);
    expect(await held(reopened)).toHaveLength(3);
    expect(await held(active)).toEqual(await onServer(active));
    // The closed incident: its declaration and both status changes (the last is its newest event), not its notes.
    const types = (await db.events.where('incidentId').equals(closed).toArray()).map((r) => eventOfRow(r).type);
    expect(types).toEqual(['incident.opened', 'status.changed', 'status.changed']);
    expect(await db.incidents.get(closed)).toMatchObject({ opened: true, title: 'DNS outage', status: 'closed', eventCount: 3, unread: 9 });
    expect((await db.incidents.get(active))?.unread).toBeUndefined();
    expect(await held(secret)).toEqual([]);
    expect(await db.incidents.get(secret)).toBeUndefined();
    expect(await db.restricted.get(secret)).toBeDefined();
    expect(await db.meta.get(META.cursor(team.workspace))).toMatchObject({ value: await headSeq(bench, team.workspace) });
  });

  it('an event that reaches a closed incident by the pull is stored as usual; opening it reads it whole, once, and it stays', async () => {
    bench.clock.tick();
    pat.record(closed, 'entry.added', { kind: 'note', text: 'review booked' });
    expect(await pat.sync()).toBe(true);
    await sync();
    expect(await held(closed)).toHaveLength(4);
    expect((await db.incidents.get(closed))?.unread).toBe(9);

    await oweStreams(db, team.workspace, [closed]); // what opening it does (SyncService.readIncident)
    await sync();
    expect(await held(closed)).toEqual(await onServer(closed));
    expect(await db.events.where('incidentId').equals(closed).count()).toBe(10);
    const summary = await db.incidents.get(closed);
    expect(summary).toMatchObject({ eventCount: 10, status: 'closed' });
    expect(summary?.unread).toBeUndefined();
    // The other closed incident is still not read; nothing went back (no recovery), the cursor is at the head.
    expect((await db.incidents.get(closedToo))?.unread).toBe(9);
    await sync();
    expect(engine.getStatus().recovery).toBeNull();
    expect(await db.meta.get(META.cursor(team.workspace))).toMatchObject({ value: await headSeq(bench, team.workspace) });
  });

  it('a closed incident it joined without that is opened again is read whole, like the active ones', async () => {
    bench.clock.tick();
    pat.record(reopened, 'status.changed', { to: 'investigating', reason: 'the backlog is growing again' });
    expect(await pat.sync()).toBe(true);
    await sync(); // the pull brings the status change
    await sync(); // the round after reads it whole
    expect(await held(reopened)).toEqual(await onServer(reopened));
    expect(await db.incidents.get(reopened)).toMatchObject({ status: 'investigating', eventCount: 10 });
    expect((await db.incidents.get(reopened))?.unread).toBeUndefined();
  });

  it('a closed incident restricted later is purged with its not-read mark, and one opened while hidden is never read', async () => {
    bench.clock.tick();
    pat.record(closedToo, 'visibility.changed', { to: 'restricted', reason: 'a customer\'s data is named in it' });
    expect(await pat.sync()).toBe(true);
    await oweStreams(db, team.workspace, [closedToo]); // opened just before the restriction reached this console
    await sync();
    expect(await held(closedToo)).toEqual([]);
    expect(await db.incidents.get(closedToo)).toBeUndefined();
    expect(await db.restricted.get(closedToo)).toBeDefined();
    await sync();
    expect(await held(closedToo)).toEqual([]);
  });
});
