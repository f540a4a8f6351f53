// Sentry's issue-alert webhook through the API, with the payload of Sentry's own docs
// (test/fixtures/alerts/sentry-issue-alert.json): the token in the path (all Sentry lets one set), one alert group per
// Sentry issue, a retry or a later trigger of the same issue is the same alert in the same episode, only what is read
// is stored, and any other Sentry resource is refused saying what was expected.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldAlertGroup } from '@shared/alerts/group';
import { isAlertStream } from '@shared/alerts/ids';
import { parseEvent, type IncidentEvent } from '@shared/incident/events';
import { createSyncServer, type SyncServer } from '../src/app';
import { auth, newWorkspace, openBackend, pull, type Backend, type Member } from './harness';

const fixtureText = readFileSync(new URL('../../test/fixtures/alerts/sentry-issue-alert.json', import.meta.url), 'utf8');
const issueAlert = () => JSON.parse(fixtureText) as { data: { event: Record<string, unknown>; triggered_rule: string } } & Record<string, unknown>;

describe('Sentry issue alerts', () => {
  let backend: Backend;
  let server: SyncServer;
  let app: FastifyInstance;
  let admin: Member;
  let token: string;

  beforeAll(async () => {
    backend = await openBackend('pglite');
    server = await createSyncServer({ store: backend.store, rateLimitPerMinute: 1_000_000 });
    app = server.app;
    ({ admin } = await newWorkspace(server, backend.store));
    token = (await app.inject({ method: 'POST', url: '/api/v1/integrations', headers: auth(admin), payload: { name: 'Sentry' } })).json<{ token: string }>().token;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
  });

  // Sentry's internal integration sets only a URL: the token travels in the path, no Authorization header.
  const post = (payload: unknown) => app.inject({ method: 'POST', url: `/api/v1/intake/sentry/${token}`, headers: { 'content-type': 'application/json', 'sentry-hook-resource': 'event_alert' }, payload: JSON.stringify(payload) });

  async function alertEvents(): Promise<IncidentEvent[]> {
    const res = await pull(app, admin, 0, 1000);
    return res.json<{ events: unknown[] }>().events.map((e) => {
      const parsed = parseEvent(e);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.event;
    }).filter((e) => isAlertStream(e.incidentId));
  }

  it('stores the issue as an alert group: the issue\'s title, the rule as the alert name, its level as severity, a link to the event', async () => {
    const res = await post(issueAlert());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'firing', alerts: 1, stored: 2 });
    const group = foldAlertGroup(await alertEvents());
    expect(group).toMatchObject({ source: 'sentry', groupKey: '1117540176', title: 'ReferenceError: heck is not defined', status: 'firing' });
    expect(group?.alerts).toHaveLength(1);
    expect(group?.alerts[0]).toMatchObject({
      fingerprint: '1117540176', name: 'Very Important Alert Rule!', status: 'firing',
      // The project by its slug (in the event's API address), as people name it in Sentry and in intake rules.
      labels: { alertname: 'Very Important Alert Rule!', severity: 'error', project: 'front-end', project_id: '1' },
      annotations: { summary: 'ReferenceError: heck is not defined', culprit: '?(<anonymous>)', issue_url: 'https://sentry.io/api/0/issues/1117540176/' },
      generatorURL: 'https://sentry.io/organizations/test-org/issues/1117540176/events/e4874d664c3540c1a32eab185f12c5ab/',
    });
    // The episode starts when the event happened (2019-08-19T21:06:17.677Z in the docs' payload).
    expect(group?.alerts[0]?.occurrences).toEqual([{ startsAt: Date.parse('2019-08-19T21:06:17.677Z'), endsAt: null }]);
  });

  it('a retry, and a later event of the same issue, are the same alert in the same episode: nothing new to triage', async () => {
    const notified = async () => (await alertEvents()).filter((e) => e.type === 'alert.notified').length;
    const before = await notified();
    expect((await post(issueAlert())).statusCode).toBe(200);
    const later = issueAlert();
    later.data.event = { ...later.data.event, event_id: 'f00dfeedf00dfeedf00dfeedf00dfeed', datetime: '2019-08-19T22:41:03.120000Z', timestamp: 1566254463.12 };
    expect((await post(later)).statusCode).toBe(200);
    expect(await notified()).toBe(before);
    const group = foldAlertGroup(await alertEvents());
    expect(group?.alerts[0]?.occurrences).toHaveLength(1);
    expect(group?.count).toBeGreaterThanOrEqual(1);
  });

  it('a fatal crash is a critical alert: Sentry\'s levels in the severity words the plan\'s intake rules match (the built-in plan: fatal P0, error P1)', async () => {
    const triageOf = async (issue: string) => (await alertEvents()).find((e) => e.type === 'alert.notified' && e.payload.groupKey === issue);
    const docs = await triageOf('1117540176');
    expect(docs?.type === 'alert.notified' && docs.payload.triage).toMatchObject({ severity: 'P1' });
    const fatal = issueAlert();
    fatal.data.event = { ...fatal.data.event, issue_id: '1117540999', level: 'fatal', title: 'SIGSEGV in payment worker' };
    expect((await post(fatal)).statusCode).toBe(200);
    const notified = await triageOf('1117540999');
    expect(notified?.type === 'alert.notified' && notified.payload).toMatchObject({ labels: { severity: 'critical', level: 'fatal' }, triage: { severity: 'P0' } });
  });

  it('keeps only what it reads: no stack frames, request headers or user address from the event', async () => {
    const bodies = (await backend.store.db.selectFrom('events').select('body').execute()).map((r) => JSON.stringify(r.body));
    const stored = bodies.filter((b) => b.includes('1117540176')).join('\n');
    expect(stored).toContain('heck is not defined');
    for (const secret of ['162.218.85.90', '162.217.75.90', 'runner-4.1.7', 'User-Agent', 'a8e5d37a-696c-4c54-adb5-b3f28d64c7de']) expect(stored).not.toContain(secret);
  });

  it('refuses what is not an issue alert, naming the field: a metric alert, an event without its issue', async () => {
    const metric = { ...issueAlert(), action: 'critical' };
    const res = await post(metric);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toBe('body.action: expected "triggered" (an issue alert; Sentry-Hook-Resource: event_alert)');
    const noIssue = issueAlert();
    delete noIssue.data.event.issue_id;
    expect((await post(noIssue)).json<{ message: string }>().message).toMatch(/^body\.data\.event\.issue_id: /);
  });

  it('a time no clock can show is a 400 naming it, and a tag longer than a label keeps its first 2,000 characters: never a 5xx, never a lost alert', async () => {
    const past = issueAlert();
    delete past.data.event.datetime;
    past.data.event.timestamp = -1e13;
    const refused = await post(past);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ message: string }>().message).toBe('body.data.event.timestamp: expected seconds since 1970');

    const long = issueAlert();
    const release = `frontend@${'9'.repeat(3_000)}`;
    long.data.event = { ...long.data.event, issue_id: '2220001', environment: null, tags: [['release', release], ['environment', 'e'.repeat(2_500)]] };
    const res = await post(long);
    expect(res.statusCode, res.body).toBe(200);
    const notified = (await alertEvents()).find((e) => e.type === 'alert.notified' && e.payload.groupKey === '2220001');
    const labels = notified?.type === 'alert.notified' ? notified.payload.labels : undefined;
    expect(labels?.release).toBe(release.slice(0, 2_000));
    expect(labels?.environment).toHaveLength(2_000);
  });
});
