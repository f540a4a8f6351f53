// Sentry's webhooks through the API, with the payloads of Sentry's own docs (test/fixtures/alerts/sentry-*.json, README
// there): the token in the path (all Sentry lets one set), one alert group per Sentry issue, a retry or a later trigger
// of the same issue is the same alert in the same episode, only what is read is stored, a body that is none of Sentry's
// alerts is refused saying what was expected; an issue's resolution (issue webhook) and a metric alert's resolution end
// their alerts; and with SENTRY_CLIENT_SECRET set, Sentry-Hook-Signature is checked over the bytes Sentry sent.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldAlertGroup } from '@shared/alerts/group';
import { isAlertStream } from '@shared/alerts/ids';
import { parseEvent, type IncidentEvent } from '@shared/incident/events';
import { loadConfig } from '../src/config';
import { pull } from './harness';
import { openIntakeServer, type IntakeServer } from './intake-server';
import { perFile } from './per-file';

const fixtureText = readFileSync(new URL('../../test/fixtures/alerts/sentry-issue-alert.json', import.meta.url), 'utf8');
const issueAlert = () => JSON.parse(fixtureText) as { data: { event: Record<string, unknown>; triggered_rule: string } } & Record<string, unknown>;
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../test/fixtures/alerts/${name}`, import.meta.url), 'utf8')) as Record<string, unknown> & { data: Record<string, Record<string, unknown>> };
const issueWebhook = (action: string, id?: string) => {
  const body = fixture('sentry-issue.json');
  return { ...body, action, data: { issue: { ...body.data.issue, ...(id ? { id } : {}), ...(action === 'resolved' ? { status: 'resolved' } : {}) } } };
};
const metricAlert = (action: 'critical' | 'warning' | 'resolved') => {
  const body = fixture('sentry-metric-alert-resolved.json');
  const words = { critical: 'Critical', warning: 'Warning', resolved: 'Resolved' }[action];
  return { ...body, action, data: { ...body.data, description_title: `${words}: Too many errors` } };
};

/** The body as Sentry sends it: Python's json.dumps (", " and ": " between items; these fixtures are ASCII). */
function pythonJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(pythonJson).join(', ')}]`;
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pythonJson(x)}`).join(', ')}}`;
  return JSON.stringify(v);
}
const sign = (secret: string, body: string) => createHmac('sha256', secret).update(body, 'utf8').digest('hex');

/** A body posted to Sentry's address for this server's integration (the token in the path: Sentry sets no header). */
const postAs = (sentry: IntakeServer, resource: string, body: string, headers: Record<string, string> = {}) =>
  sentry.post('sentry', body, { 'content-type': 'application/json', 'sentry-hook-resource': resource, ...headers }, `/api/v1/intake/sentry/${sentry.token}`);

describe('Sentry issue alerts', () => {
  const sentry = perFile(() => openIntakeServer({ rateLimitPerMinute: 1_000_000 }, 'Sentry'));
  // Sentry's internal integration sets only a URL: the token travels in the path, no Authorization header.
  const post = (payload: unknown) => postAs(sentry, 'event_alert', JSON.stringify(payload));

  async function alertEvents(): Promise<IncidentEvent[]> {
    const res = await pull(sentry.server.app, sentry.admin, 0, 1000);
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
    const bodies = (await sentry.backend.store.db.selectFrom('events').select('body').execute()).map((r) => JSON.stringify(r.body));
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

describe('Sentry resolutions: an issue resolved, a metric alert resolved', () => {
  const sentry = perFile(() => openIntakeServer({ rateLimitPerMinute: 1_000_000 }, 'Sentry'));
  const post = (resource: string, payload: unknown) => postAs(sentry, resource, pythonJson(payload));
  async function groupOf(stream: string) {
    const events = (await pull(sentry.server.app, sentry.admin, 0, 1000)).json<{ events: unknown[] }>().events.map((e) => {
      const parsed = parseEvent(e);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.event;
    });
    return { group: foldAlertGroup(events.filter((e) => e.incidentId === stream)), streams: new Set(events.filter((e) => isAlertStream(e.incidentId)).map((e) => e.incidentId)) };
  }

  it('an issue webhook with action "resolved" ends the issue alert\'s episode, keeping its rule name and severity; a retry stores nothing new', async () => {
    const alert = issueAlert();
    alert.data.event = { ...alert.data.event, issue_id: '1170820242' };
    const fired = await post('event_alert', alert);
    expect(fired.statusCode, fired.body).toBe(200);
    const stream = fired.json<{ group: string }>().group;
    expect((await groupOf(stream)).group).toMatchObject({ status: 'firing' });

    const resolved = await post('issue', issueWebhook('resolved'));
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ group: stream, status: 'resolved', alerts: 1, firing: [] });
    const { group } = await groupOf(stream);
    expect(group).toMatchObject({ source: 'sentry', groupKey: '1170820242', status: 'resolved' });
    expect(group?.alerts[0]).toMatchObject({ status: 'resolved', name: 'Very Important Alert Rule!', labels: { alertname: 'Very Important Alert Rule!', severity: 'error', project: 'front-end' } });
    expect(group?.alerts[0]?.occurrences).toEqual([{ startsAt: Date.parse('2019-08-19T21:06:17.677Z'), endsAt: expect.any(Number) }]);
    const retry = await post('issue', issueWebhook('resolved'));
    expect(retry.json()).toMatchObject({ status: 'resolved' });
    expect((await groupOf(stream)).group?.alerts[0]?.occurrences).toEqual(group?.alerts[0]?.occurrences); // the end recorded first stays
  });

  it('the other issue actions (the docs\' own "created"), and the resolution of an issue that never alerted here, are answered and store nothing', async () => {
    const before = (await groupOf('')).streams.size;
    for (const body of [fixture('sentry-issue.json'), issueWebhook('assigned'), issueWebhook('resolved', '4040404040')]) {
      const res = await post('issue', body);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ group: null, stored: 0, ignored: expect.any(String) });
    }
    expect((await groupOf('')).streams.size).toBe(before);
  });

  it('a metric alert fires on "critical" (one alert per rule, its Sentry incident the episode) and ends on the docs\' own "resolved" payload', async () => {
    const critical = await post('metric_alert', metricAlert('critical'));
    expect(critical.statusCode, critical.body).toBe(200);
    expect(critical.json()).toMatchObject({ status: 'firing', alerts: 1, firing: [expect.objectContaining({ fingerprint: 'metric-alert:7' })] });
    const stream = critical.json<{ group: string }>().group;
    expect((await groupOf(stream)).group?.alerts[0]).toMatchObject({
      status: 'firing', name: 'Too many errors', labels: { alertname: 'Too many errors', severity: 'critical', project: 'bar' },
      annotations: { description: 'Critical: Too many errors' }, generatorURL: 'https://sentry.io/organizations/baz/alerts/1/',
    });

    const resolved = await post('metric_alert', fixture('sentry-metric-alert-resolved.json'));
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ group: stream, status: 'resolved' });
    const { group } = await groupOf(stream);
    expect(group).toMatchObject({ groupKey: 'metric-alert:7', status: 'resolved' });
    expect(group?.alerts[0]).toMatchObject({ status: 'resolved', labels: { severity: 'critical' } });
    expect(group?.alerts[0]?.occurrences).toEqual([{ startsAt: Date.parse('2020-09-13T12:26:40Z'), endsAt: expect.any(Number) }]);

    // A rule this server never heard fire: its resolution stores nothing.
    const other = fixture('sentry-metric-alert-resolved.json');
    const unknown = { ...other, data: { ...other.data, metric_alert: { ...other.data.metric_alert, alert_rule: { ...(other.data.metric_alert?.alert_rule as object), id: '99' } } } };
    expect((await post('metric_alert', unknown)).json()).toMatchObject({ group: null, stored: 0 });
  });

  it('a metric alert with an action Sentry does not send is refused naming it', async () => {
    const res = await post('metric_alert', { ...fixture('sentry-metric-alert-resolved.json'), action: 'triggered' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toBe('body.action: expected "critical", "warning" or "resolved" (a metric alert; Sentry-Hook-Resource: metric_alert)');
  });
});

describe('Sentry-Hook-Signature, with SENTRY_CLIENT_SECRET set', () => {
  const SECRET = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1'; // the shape of a Sentry client secret
  const sentry = perFile(() => openIntakeServer({ rateLimitPerMinute: 1_000_000, intakeSecrets: { sentry: SECRET } }, 'Sentry'));
  const post = (body: string, signature?: string) => postAs(sentry, 'event_alert', body, signature !== undefined ? { 'sentry-hook-signature': signature } : {});
  const stored = async () => (await sentry.backend.store.db.selectFrom('events').select('id').execute()).length;

  it('takes a body signed as Sentry signs it (HMAC-SHA256 of the bytes sent, hex), not a re-serialisation of it', async () => {
    const body = pythonJson(issueAlert());
    expect(body).not.toBe(JSON.stringify(JSON.parse(body))); // the check must be over the bytes: Python's spacing differs
    const res = await post(body, sign(SECRET, body));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'firing', alerts: 1 });
  });

  it('refuses a missing, wrong or tampered signature with a 401 saying which, and stores nothing', async () => {
    const body = pythonJson({ ...issueAlert(), data: { ...issueAlert().data, event: { ...issueAlert().data.event, issue_id: '7770001' } } });
    const before = await stored();
    const missing = await post(body);
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toEqual({ error: 'signature_required', message: 'missing Sentry-Hook-Signature header: this server checks Sentry\'s signature (SENTRY_CLIENT_SECRET is set)' });
    const wrongKey = await post(body, sign('another-integrations-secret', body));
    const reserialised = await post(body, sign(SECRET, JSON.stringify(JSON.parse(body))));
    const tampered = await post(body.replace('7770001', '7770002'), sign(SECRET, body));
    const garbage = await post(body, 'not-hex');
    for (const res of [wrongKey, reserialised, tampered, garbage]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: 'signature_invalid', message: 'Sentry-Hook-Signature does not match the body: it must be the HMAC-SHA256 of the body with the integration\'s client secret (SENTRY_CLIENT_SECRET on this server)' });
    }
    expect(await stored()).toBe(before);
  });

  it('the secret comes from SENTRY_CLIENT_SECRET in the server\'s environment (unset: no check)', () => {
    expect(loadConfig({ SENTRY_CLIENT_SECRET: ` ${SECRET}\n` }).intakeSecrets).toEqual({ sentry: SECRET });
    expect(loadConfig({}).intakeSecrets).toEqual({});
  });

  it('other sources are not asked for a signature', async () => {
    const res = await sentry.server.app.inject({ method: 'POST', url: `/api/v1/intake/generic/${sentry.token}`, payload: { title: 'Disk full', status: 'firing', dedupKey: 'disk-full' } });
    expect(res.statusCode, res.body).toBe(200);
  });
});
