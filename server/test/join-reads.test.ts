// Joining without the history (issue #27): GET /sync/summaries (every readable stream's summary rows, newest event and
// size, as a page up to the head) and the per-incident pull GET /sync/stream (a pull page of one stream). On PGlite and
// on two instances sharing one PostgreSQL (the outsider on the second). Judged against the server's own log, read
// here: what a console may not read never leaves either read; paging one stream is gap-free while it grows; bad
// requests are 4xx naming what was wrong.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentEvent } from '@shared/incident/events';
import { SUMMARY_EVENT_TYPES } from '@shared/incident/summary-types';
import { pullResponseSchema, summariesResponseSchema } from '@shared/sync/protocol';
import { MIGRATIONS } from '../src/db/migrations';
import type { SyncServer } from '../src/app';
import { BACKENDS, auth, push, stopCluster } from './harness';
import { headSeq, openCast, serverEvents, type Bench, type Console, type Team } from './restricted-harness';

afterAll(() => stopCluster());

const opened = (title: string, restricted: boolean) => ({
  title, detectedAt: '2026-06-01T10:00:00.000Z', impactStartedAt: '2026-06-01T10:00:00.000Z', severity: 'P2', category: restricted ? 'security' : 'application',
  ...(restricted ? { visibility: 'restricted' as const } : {}),
});
const SECRET = 'Payroll export copied to an unknown host';
const SUMMARY: ReadonlySet<string> = new Set(SUMMARY_EVENT_TYPES);

describe('the index the summary rows are read with', () => {
  it('covers exactly the types the summary folds', () => {
    const index = MIGRATIONS.find((m) => m.up.some((s) => s.includes('create index events_summary')))?.up.find((s) => s.includes('events_summary')) ?? '';
    expect([...index.matchAll(/'([a-z]+\.[a-z.-]+)'/g)].map((m) => m[1])).toEqual([...SUMMARY_EVENT_TYPES]);
  });
});

describe.each(BACKENDS)('joining without the history on %s', (kind) => {
  let bench: Bench;
  let team: Team;
  let pat: Console;
  let nico: Console;
  let sam: Console;
  const restricted = randomUUID();
  const closed = randomUUID();
  const active = randomUUID();

  /** The outsider's server instance (the second one on PostgreSQL). */
  const nicoServer = (): SyncServer => bench.servers[1 % bench.servers.length] as SyncServer;
  const get = (server: SyncServer, c: Console | null, url: string) =>
    server.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: c ? auth(c.member) : {} });

  beforeAll(async () => {
    ({ bench, team, pat, nico, sam } = await openCast(kind));
    const tick = () => bench.clock.tick();
    tick(); pat.record(restricted, 'incident.opened', opened(SECRET, true));
    for (let i = 0; i < 3; i++) { tick(); pat.record(restricted, 'entry.added', { kind: 'evidence', text: `host ${i} of the payroll export` }); }
    tick(); pat.record(closed, 'incident.opened', opened('Checkout latency after the deploy', false));
    for (let i = 0; i < 7; i++) { tick(); pat.record(closed, 'entry.added', { kind: 'note', text: `p99 at ${900 + i} ms` }); }
    tick(); pat.record(closed, 'severity.changed', { to: 'P1' });
    tick(); pat.record(closed, 'status.changed', { to: 'resolved' });
    tick(); pat.record(closed, 'status.changed', { to: 'closed' });
    tick(); pat.record(closed, 'entry.added', { kind: 'note', text: 'post-incident review booked' });
    tick(); pat.record(active, 'incident.opened', opened('Search is slow', false));
    tick(); pat.record(active, 'entry.added', { kind: 'note', text: 'index rebuild running' });
    expect(await pat.sync()).toBe(true);
  });
  afterAll(async () => {
    for (const c of [pat, nico, sam]) c.close();
    await bench.close();
  });

  /** What the summaries read must answer, from the log itself: per readable stream its summary rows and newest row, and its size. */
  async function expected(hidden: readonly string[]) {
    const log = (await serverEvents(bench, team.workspace)).filter((e) => !hidden.includes(e.incidentId));
    const newest = new Map<string, IncidentEvent>();
    const sizes = new Map<string, number>();
    for (const e of log) { newest.set(e.incidentId, e); sizes.set(e.incidentId, (sizes.get(e.incidentId) ?? 0) + 1); }
    const last = new Set([...newest.values()].map((e) => e.id));
    return {
      ids: log.filter((e) => SUMMARY.has(e.type) || last.has(e.id)).map((e) => e.id),
      streams: [...sizes].map(([stream, events]) => ({ stream, events })).sort((a, b) => (a.stream < b.stream ? -1 : 1)),
    };
  }

  it('summaries: every readable stream\'s summary rows, newest event and size, as a page up to the head; nothing of a restricted incident it may not read', async () => {
    const res = await get(nicoServer(), nico, `/sync/summaries?workspace=${team.workspace}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(SECRET);
    // Its id only in access.hidden (as every pull says it): none of its events, no size.
    expect(res.body.split(restricted)).toHaveLength(2);
    const page = summariesResponseSchema.parse(res.json());
    const want = await expected([restricted]);
    expect(page.events.map((e) => (e as IncidentEvent).id)).toEqual(want.ids);
    expect(page.streams).toEqual(want.streams);
    expect(page.access?.hidden).toEqual([restricted]);
    // A page up to the head: a console continues pulling from its cursor, with the mark a pull gives for it.
    const head = await headSeq(bench, team.workspace);
    expect(page).toMatchObject({ cursor: head, head, hasMore: false });
    const pulled = pullResponseSchema.parse((await get(nicoServer(), nico, `/sync/pull?workspace=${team.workspace}&after=0&limit=1000`)).json());
    expect(pulled.cursor).toBe(head);
    expect(page.cursorMark).toBe(pulled.cursorMark);
    expect(page.epoch).toBe(pulled.epoch);
    // Of the closed incident: its declaration, severity, both status changes and its newest note, not its history.
    const ofClosed = page.events.filter((e) => (e as IncidentEvent).incidentId === closed).map((e) => (e as IncidentEvent).type);
    expect(ofClosed).toEqual(['incident.opened', 'severity.changed', 'status.changed', 'status.changed', 'entry.added']);
    expect(page.streams.find((s) => s.stream === closed)?.events).toBe(12);

    // The security officer may read the restricted incident: it is in their summaries.
    const officer = summariesResponseSchema.parse((await get(bench.servers[0] as SyncServer, sam, `/sync/summaries?workspace=${team.workspace}`)).json());
    expect(officer.events.map((e) => (e as IncidentEvent).id)).toEqual((await expected([])).ids);
    expect(officer.streams.find((s) => s.stream === restricted)?.events).toBe(4);
    expect(officer.access?.hidden).toEqual([]);
  });

  it('per-incident pull: one stream in pages, gap-free while it grows, ending at the head, in the shape of a pull', async () => {
    const seen: string[] = [];
    let after = 0;
    let pages = 0;
    for (;;) {
      const res = await get(nicoServer(), nico, `/sync/stream?workspace=${team.workspace}&stream=${closed}&after=${after}&limit=3`);
      expect(res.statusCode).toBe(200);
      const page = pullResponseSchema.parse(res.json());
      expect(page.events.every((e) => (e as IncidentEvent).incidentId === closed)).toBe(true);
      expect(page.cursor).toBeGreaterThanOrEqual(after);
      expect(page.access?.hidden).toEqual([restricted]);
      expect(page.head).toBeGreaterThanOrEqual(page.cursor);
      seen.push(...page.events.map((e) => (e as IncidentEvent).id));
      after = page.cursor;
      pages += 1;
      if (pages === 1) {
        // Someone writes into it between two pages: the rest of the read brings it.
        bench.clock.tick();
        pat.record(closed, 'entry.added', { kind: 'note', text: 'a late note from the review' });
        expect(await pat.sync()).toBe(true);
      }
      if (!page.hasMore) {
        expect(page.cursor).toBe(page.head);
        break;
      }
    }
    const log = (await serverEvents(bench, team.workspace)).filter((e) => e.incidentId === closed).map((e) => e.id);
    expect(seen).toEqual(log);
    expect(log).toHaveLength(13);
    expect(pages).toBeGreaterThanOrEqual(4);
  });

  it('the per-incident pull of a stream the console may not read is refused, naming it, and says nothing of it', async () => {
    const res = await get(nicoServer(), nico, `/sync/stream?workspace=${team.workspace}&stream=${restricted}`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'restricted_incident', path: 'stream' });
    expect(res.body).not.toContain(SECRET);
    const officer = pullResponseSchema.parse((await get(bench.servers[0] as SyncServer, sam, `/sync/stream?workspace=${team.workspace}&stream=${restricted}`)).json());
    expect(officer.events).toHaveLength(4);
  });

  it('sizes count each stored event once: a retried push adds nothing, a new event one', async () => {
    const size = async () => summariesResponseSchema.parse((await get(nicoServer(), nico, `/sync/summaries?workspace=${team.workspace}`)).json())
      .streams.find((s) => s.stream === active)?.events;
    const before = await size();
    const again = (await serverEvents(bench, team.workspace)).filter((e) => e.incidentId === active);
    const retried = await push(bench.servers[0]!.app, pat.member, again);
    expect(retried.statusCode).toBe(200);
    expect(await size()).toBe(before);
    bench.clock.tick();
    pat.record(active, 'entry.added', { kind: 'note', text: 'rebuild at 40%' });
    expect(await pat.sync()).toBe(true);
    expect(await size()).toBe((before ?? 0) + 1);
  });

  it('bad requests are 4xx saying what was wrong, never a 5xx', async () => {
    const server = nicoServer();
    const cases: Array<[string, Console | null, number, string]> = [
      ['/sync/summaries', nico, 400, 'invalid_request'],
      ['/sync/summaries?workspace=nope', nico, 400, 'invalid_request'],
      [`/sync/summaries?workspace=${randomUUID()}`, nico, 403, 'forbidden_workspace'],
      [`/sync/summaries?workspace=${team.workspace}`, null, 401, 'unauthorized'],
      [`/sync/stream?workspace=${team.workspace}&stream=not-a-stream`, nico, 400, 'invalid_request'],
      [`/sync/stream?workspace=${team.workspace}&stream=${closed}&limit=0`, nico, 400, 'invalid_request'],
      [`/sync/stream?workspace=${team.workspace}&stream=${closed}&after=-1`, nico, 400, 'invalid_request'],
      [`/sync/stream?workspace=${randomUUID()}&stream=${closed}`, nico, 403, 'forbidden_workspace'],
    ];
    for (const [url, c, status, error] of cases) {
      const res = await get(server, c, url);
      expect({ url, status: res.statusCode, error: res.json<{ error: string }>().error }).toEqual({ url, status, error });
      expect(res.json<{ message: string }>().message.length).toBeGreaterThan(5);
    }
  });
});
