// Alert intake end to end through the API: integration tokens (admin-only, shown once, hashed, revocable, bearer
// or path), recorded Alertmanager payloads stored as server events with the plan's triage, retries stored once.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldAlertGroup } from '@shared/alerts/group';
import { isAlertStream } from '@shared/alerts/ids';
import { parseEvent, type IncidentEvent } from '@shared/incident/events';
import { auth, inviteMember, pull } from './harness';
import { openIntakeServer, type IntakeServer } from './intake-server';
import { perFile } from './per-file';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../test/fixtures/alerts/${name}.json`, import.meta.url), 'utf8'));

describe('alert intake', () => {
  const host = perFile(async () => {
    const opened = await openIntakeServer({ rateLimitPerMinute: 1_000_000, joinRateLimitPerMinute: 1_000 }, 'Prometheus prod');
    return { ...opened, app: opened.server.app, member: await inviteMember(opened.server.app, opened.admin, 'member') };
  }, 120_000);
  const post: IntakeServer['post'] = (...args) => host.post(...args);

  async function alertEvents(): Promise<IncidentEvent[]> {
    const res = await pull(host.app, host.admin, 0, 1000);
    return res.json<{ events: unknown[] }>().events.map((e) => {
      const parsed = parseEvent(e);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.event;
    }).filter((e) => isAlertStream(e.incidentId));
  }

  it('only an admin creates, lists and revokes tokens; the token is shown once and stored hashed', async () => {
    expect((await host.app.inject({ method: 'POST', url: '/api/v1/integrations', headers: auth(host.member), payload: { name: 'x' } })).statusCode).toBe(403);
    const list = await host.app.inject({ method: 'GET', url: '/api/v1/integrations', headers: auth(host.admin) });
    expect(list.json().integrations).toMatchObject([{ name: 'Prometheus prod', revokedAt: null }]);
    expect(list.body).not.toContain(host.token);
    const rows = await host.backend.store.db.selectFrom('integration_tokens').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(host.token);
    expect((await host.app.inject({ method: 'POST', url: '/api/v1/integrations', headers: auth(host.admin), payload: { name: '' } })).json()).toMatchObject({ error: 'invalid_request', path: 'name' });
  });

  it('refuses a missing, made-up or device token with 401', async () => {
    expect((await post('alertmanager', fixture('alertmanager-firing'), {})).statusCode).toBe(401);
    expect((await post('alertmanager', fixture('alertmanager-firing'), { authorization: 'Bearer ici_madeup' })).statusCode).toBe(401);
    expect((await post('alertmanager', fixture('alertmanager-firing'), auth(host.admin))).statusCode).toBe(401);
  });

  it('stores a firing notification as an alert group with the plan\'s suggestion; a retry stores nothing new', async () => {
    const first = await post('alertmanager', fixture('alertmanager-firing'));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'firing', alerts: 1, firing: [{ severity: 'P1', reason: 'Error rate > 5%', action: 'triage' }] });
    const retry = await post('alertmanager', fixture('alertmanager-firing'));
    expect(retry.json().stored).toBe(0);
    const events = await alertEvents();
    const notified = events.filter((e) => e.type === 'alert.notified');
    expect(notified).toHaveLength(1);
    expect(notified[0]?.actor.deviceId).toBe('server');
    const group = foldAlertGroup(events)!;
    expect(group.status).toBe('firing');
    expect(group.alerts[0]?.triage).toMatchObject({ severity: 'P1', reason: 'Error rate > 5%' });
  });

  it('a mixed then resolved notification folds to a resolved group; the path-token URL works too', async () => {
    expect((await post('alertmanager', fixture('alertmanager-two-firing'))).statusCode).toBe(200);
    expect((await post('alertmanager', fixture('alertmanager-mixed'), {}, `/api/v1/intake/alertmanager/${host.token}`)).statusCode).toBe(200);
    const mid = foldAlertGroup(await alertEvents())!;
    expect(mid.alerts.map((a) => [a.labels.path, a.status])).toEqual(expect.arrayContaining([['/checkout', 'resolved'], ['/login', 'firing']]));
    await post('alertmanager', fixture('alertmanager-resolved'));
    const done = foldAlertGroup(await alertEvents())!;
    expect(done.status).toBe('resolved');
    expect(done.resolvedAt).toBe(Date.parse('2026-12-01T17:04:43.664Z'));
  });

  it('a revoked token is refused at once', async () => {
    const created = await host.app.inject({ method: 'POST', url: '/api/v1/integrations', headers: auth(host.admin), payload: { name: 'temp' } });
    const { id, token: temp } = created.json<{ id: string; token: string }>();
    expect((await post('generic', { title: 'x', status: 'firing', dedupKey: 'k' }, { authorization: `Bearer ${temp}` })).statusCode).toBe(200);
    expect((await host.app.inject({ method: 'POST', url: `/api/v1/integrations/${id}/revoke`, headers: auth(host.admin) })).statusCode).toBe(200);
    expect((await post('generic', { title: 'x', status: 'firing', dedupKey: 'k' }, { authorization: `Bearer ${temp}` })).statusCode).toBe(401);
  });

  it('a rule that declares opens one incident as the server, with the plan\'s P0 and runbook, however often it is notified', async () => {
    const body = { title: 'PaymentFailures', status: 'firing', dedupKey: 'stripe-5xx', startsAt: new Date(Date.now() - 60_000).toISOString() };
    const first = await post('generic', body);
    expect(first.json()).toMatchObject({ firing: [{ severity: 'P0', action: 'declare' }] });
    await post('generic', body);
    const res = await pull(host.app, host.admin, 0, 1000);
    const events = res.json<{ events: Array<{ type: string; incidentId: string; payload: Record<string, unknown>; actor: { deviceId: string } }> }>().events;
    const opened = events.filter((e) => e.type === 'incident.opened');
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ actor: { deviceId: 'server' }, payload: { title: 'PaymentFailures', severity: 'P0', impactStartedAt: body.startsAt.replace(/Z$/, 'Z') } });
    expect(events.filter((e) => e.type === 'scenario.attached' && e.incidentId === opened[0]?.incidentId).map((e) => e.payload.scenarioId)).toEqual(['payment-processing-failure']);
    const stream = first.json<{ group: string }>().group;
    const group = foldAlertGroup((await alertEvents()).filter((e) => e.incidentId === stream))!;
    expect(group.attachedTo).toBe(opened[0]?.incidentId);
  });

  it('counts intake and requests at /metrics in Prometheus text format', async () => {
    const res = await host.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/ic_intake_notifications_total\{source="alertmanager",outcome="accepted"\} [1-9]/);
    expect(res.body).toMatch(/ic_http_requests_total\{method="POST",route="\/api\/v1\/intake\/:kind",status="200"\} [1-9]/);
    expect(res.body).toContain('ic_realtime_sockets 0');
    expect(res.body).not.toContain(host.token);
  });
});
