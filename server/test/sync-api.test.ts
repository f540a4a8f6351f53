// Sync API integration: push/pull semantics, validation and concurrency, against PGlite and a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { MAX_DRIFT_MS } from '@shared/hlc/hlc';
import { createSyncServer, type SyncServer } from '../src/app';
import { BACKENDS, auth, eventMaker, inviteMember, newWorkspace, openBackend, pull, push, stopCluster, type Backend, type Member } from './harness';

afterAll(() => stopCluster());

describe.each(BACKENDS)('sync API on %s', (kind) => {
  let backend: Backend;
  let server: SyncServer;
  let admin: Member;
  let member: Member;
  /** Events written on the admin's device (a device may only push its own). */
  let make: ReturnType<typeof eventMaker>;

  beforeAll(async () => {
    backend = await openBackend(kind);
    server = await createSyncServer({ store: backend.store, rateLimitPerMinute: 1_000_000 });
    ({ admin } = await newWorkspace(server, backend.store));
    member = await inviteMember(server.app, admin, 'laptop-b');
    make = eventMaker(admin.deviceId);
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
  });

  /** Pull everything after a cursor, page by page. */
  const drain = async (after: number, limit = 500) => {
    const ids: string[] = [];
    let cursor = after;
    for (;;) {
      const res = await pull(server.app, member, cursor, limit);
      expect(res.statusCode).toBe(200);
      const page = res.json<{ events: Array<{ id: string }>; cursor: number; hasMore: boolean }>();
      ids.push(...page.events.map((e) => e.id));
      cursor = page.cursor;
      if (!page.hasMore) return { ids, cursor };
    }
  };

  const serverCount = async (ids?: string[]) => {
    let q = backend.store.db.selectFrom('events').select(sql<string>`count(*)`.as('n'));
    if (ids) q = q.where('id', 'in', ids);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  it('stores pushed events once however often they are sent, and acks them every time', async () => {
    const incident = randomUUID();
    const events = [make(incident, 'one'), make(incident, 'two')];
    const first = await push(server.app, admin, events);
    expect(first.statusCode).toBe(200);
    expect(first.json().acked).toEqual(events.map((e) => e.id));
    const again = await push(server.app, admin, [...events, ...events]);
    expect(again.json().acked).toEqual(events.map((e) => e.id));
    expect(await serverCount(events.map((e) => e.id))).toBe(2);
    expect(typeof again.json().serverHlc).toBe('string');
  });

  it('pulls in sequence order with cursor and hasMore, and an unchanged cursor when nothing is new', async () => {
    const incident = randomUUID();
    const before = (await pull(server.app, member, 0, 1000)).json();
    const events = Array.from({ length: 7 }, (_, i) => make(incident, `n${i}`));
    await push(server.app, admin, events);
    const seen: string[] = [];
    let cursor = before.cursor as number;
    for (;;) {
      const page = (await pull(server.app, member, cursor, 3)).json();
      seen.push(...page.events.map((e: { id: string }) => e.id));
      expect(page.cursor).toBeGreaterThanOrEqual(cursor);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(seen).toEqual(events.map((e) => e.id));
    const empty = (await pull(server.app, member, cursor)).json();
    expect(empty).toEqual({ events: [], cursor, hasMore: false, epoch: before.epoch, head: cursor, access: { hidden: [] }, afterMark: expect.any(String), cursorMark: expect.any(String) });
    expect(empty.epoch).toEqual(expect.any(String));
    // The mark of the event under a number is the same whichever pull names it, and differs from its neighbour's.
    expect(empty.afterMark).toBe(empty.cursorMark);
    const previous = (await pull(server.app, member, cursor - 1, 1)).json();
    expect(previous.cursorMark).toBe(empty.afterMark);
    expect(previous.afterMark).not.toBe(empty.afterMark);
    expect((await pull(server.app, member, 0, 1)).json().afterMark).toBeNull();
  });

  it('returns events exactly as pushed', async () => {
    const e = make(randomUUID(), 'round trip ✓ "quotes" <b>');
    const res = await push(server.app, admin, [e]);
    const page = (await pull(server.app, member, res.json().seq - 1, 1)).json();
    expect(page.events).toEqual([e]);
  });

  it('hands out gap-free sequence numbers under concurrent pushers, and pull sees every event once', async () => {
    const start = await drain(0);
    const devices = [admin, member, ...await Promise.all(Array.from({ length: 6 }, (_, w) => inviteMember(server.app, admin, `writer-${w}`)))];
    const batches = devices.map((d) => { const mk = eventMaker(d.deviceId); return Array.from({ length: 25 }, () => mk(randomUUID())); });
    const pulled: string[] = [];
    let pushing = true;
    // A puller racing the writers must never skip a row that commits after it read a higher seq.
    const puller = (async () => {
      let c = start.cursor;
      for (;;) {
        const done = !pushing;
        const page = await drain(c, 20);
        pulled.push(...page.ids);
        c = page.cursor;
        if (done) return;
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    await Promise.all(batches.map((b, i) => push(server.app, devices[i] as Member, b)));
    pushing = false;
    await puller;
    expect(new Set(pulled).size).toBe(pulled.length);
    expect(new Set(pulled)).toEqual(new Set(batches.flat().map((e) => e.id)));
    const seqs = (await backend.store.db.selectFrom('events').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('refuses a batch with one bad event, naming its index and path, and stores none of it', async () => {
    const good = make(randomUUID());
    const bad = { ...make(randomUUID()), payload: { kind: 'note', text: '' } };
    const res = await push(server.app, admin, [good, bad]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_event', index: 1, path: 'payload.text' });
    expect(res.json().message).toContain('events[1]');
    expect(await serverCount([good.id])).toBe(0);
  });

  it('refuses unknown event types, malformed JSON, too many events and oversized bodies with clear codes', async () => {
    const unknownType = { ...make(randomUUID()), type: 'incident.exploded' };
    expect((await push(server.app, admin, [unknownType])).json().error).toBe('invalid_event');
    const malformed = await server.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: { ...auth(admin), 'content-type': 'application/json' }, payload: '{"workspace": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toBe('malformed_json');
    const many = Array.from({ length: 501 }, () => make(randomUUID()));
    const tooMany = await push(server.app, admin, many);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error).toBe('invalid_request');
    const huge = await server.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: { ...auth(admin), 'content-type': 'application/json' }, payload: JSON.stringify({ workspace: admin.workspace, events: [], pad: 'x'.repeat(13 * 1024 * 1024) }) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toBe('body_too_large');
    const notFound = await server.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(notFound.json()).toMatchObject({ error: 'not_found' });
  });

  it('refuses an HLC far in the future with clock_skew, accepts one within the drift bound', async () => {
    const ahead = eventMaker(admin.deviceId, MAX_DRIFT_MS + 60_000)(randomUUID());
    const res = await push(server.app, admin, [ahead]);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: 'clock_skew', index: 0 });
    expect(await serverCount([ahead.id])).toBe(0);
    const slightly = eventMaker(admin.deviceId, MAX_DRIFT_MS - 60_000)(randomUUID());
    const ok = await push(server.app, admin, [slightly]);
    expect(ok.statusCode).toBe(200);
    // The server clock absorbed it: its stamp sorts after the pushed one.
    expect(ok.json().serverHlc > slightly.hlc).toBe(true);
  });

  it('lets the desktop app (another origin) call the API: CORS preflight and headers', async () => {
    const pre = await server.app.inject({ method: 'OPTIONS', url: '/api/v1/sync/push', headers: { origin: 'app://console', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-headers']).toContain('authorization');
    const res = await pull(server.app, member);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('answers health and readiness probes', async () => {
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/healthz' })).json()).toEqual({ ok: true });
    expect((await server.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('keeps the stored data across a server restart on the same store', async () => {
    const e = make(randomUUID(), 'survives restart');
    await push(server.app, admin, [e]);
    await server.close();
    server = await createSyncServer({ store: backend.store, rateLimitPerMinute: 1_000_000 });
    const all = (await pull(server.app, member, 0, 1000)).json();
    expect(all.events.map((x: { id: string }) => x.id)).toContain(e.id);
  });
});
