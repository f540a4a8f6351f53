// Paging with an acknowledge link, against a local HTTP receiver standing in for the paging gateway (no SMS
// service is reachable here): the server pages whoever the plan's rotation has on call, with their phone from the
// contact sheet, a signed SMS-gateway-shaped request carrying a one-time link; GET shows a confirm page and
// changes nothing, POST records incident.acknowledged (the server's, naming the person) which ends the response
// clock; the link works once, expires, is stored only hashed; a page nobody can receive fails with the reason.
import { describe, expect, it, vi } from 'vitest';
import { createHash, createHmac } from 'node:crypto';
import { computeClocks } from '@shared/clocks/clocks';
import { createEvent } from '@shared/incident/create';
import { parseEvent, type IncidentEvent } from '@shared/incident/events';
import { fold } from '@shared/incident/fold';
import { HybridClock } from '@shared/hlc/hlc';
import { onCallAt } from '@shared/oncall/rotation';
import { defaultPlan } from '@shared/plan/default-plan';
import { TEAM_STREAM_ID } from '@shared/workspace/streams';
import { parseOutboundAllow } from '../src/outbound/policy';
import { Commander, deliverySettings, pullAll, pushAll, until } from './delivery-fixtures';
import { startReceiver } from '../../test/helpers/receiver';
import { auth, openWorkspaceServer } from './harness';
import { perFile } from './per-file';

vi.setConfig({ testTimeout: 180_000 });
const SECRET = 'paging-gateway-secret-0123456789';
const onCall = onCallAt(defaultPlan, 'on-call-engineer', Date.now())!.member;

const gateway = perFile(() => startReceiver(() => ({ status: 202, contentType: 'application/json', body: '{"queued":true}' })));
const host = perFile(async () => {
  const opened = await openWorkspaceServer('pglite', { deliveries: deliverySettings({ publicUrl: 'https://incident.example.test', outbound: parseOutboundAllow('127.0.0.1') }) });
  const { server, admin } = opened;
  const clock = new HybridClock(admin.deviceId);
  const contact = createEvent({ clock, actor: { name: 'Admin', deviceId: admin.deviceId } }, TEAM_STREAM_ID, 'contact.added',
    { contactId: 'c-oncall', name: onCall, roleIds: ['on-call-engineer'], phone: '+44 7700 900123', email: '', notes: '' }) as IncidentEvent;
  await pushAll(server.app, admin, [contact]);
  return opened;
});

const pageOutcome = (events: IncidentEvent[], pageId: string) =>
  events.find((e) => (e.type === 'delivery.sent' || e.type === 'delivery.failed') && e.payload.requestId === pageId && e.payload.target === 'page');

async function page(ic: Commander, roleId: string, first: IncidentEvent[]): Promise<{ page: IncidentEvent; outcome: IncidentEvent }> {
  const request = ic.event('page.requested', { roleId, person: onCall });
  await pushAll(host.server.app, host.admin, [...first, request]);
  const outcome = await until('the page outcome', async () => pageOutcome(await pullAll(host.server.app, host.admin), request.id));
  return { page: request, outcome };
}

describe('paging with an acknowledge link', () => {
  it('without a gateway, a page fails at once saying what to configure', async () => {
    const ic = new Commander(host.admin);
    const { outcome } = await page(ic, 'on-call-engineer', ic.open('No gateway yet'));
    expect(outcome.type).toBe('delivery.failed');
    expect(outcome.payload).toMatchObject({ channel: 'page', nextAttemptAt: null, reason: `cannot reach ${onCall}: no paging gateway is configured (Server page → Integrations) and they have no email address` });
  });

  it('pages the on-call through the signed gateway; the link acknowledges once, as that person, and ends the response clock', async () => {
    expect((await host.server.app.inject({ method: 'POST', url: '/api/v1/channels', headers: auth(host.admin), payload: { kind: 'paging', name: 'sms', url: `${gateway.base}/sms`, secret: SECRET } })).statusCode).toBe(200);
    const ic = new Commander(host.admin);
    const { page: request, outcome } = await page(ic, 'on-call-engineer', ic.open('Checkout down', { severity: 'P1' }));
    expect(outcome.type).toBe('delivery.sent');
    expect(outcome.payload).toMatchObject({ detail: expect.stringContaining(`paged ${onCall} (+44 7700 900123) via sms: HTTP 202`) });

    const sent = gateway.received.filter((r) => r.path === '/sms');
    expect(sent).toHaveLength(1);
    const g = sent[0]!;
    const ts = String(g.headers['x-incident-timestamp']);
    expect(g.headers['x-incident-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(`${ts}.${g.body}`).digest('hex')}`);
    expect(g.headers['idempotency-key']).toBe(`${request.id}.page`);
    const body = JSON.parse(g.body) as { to: object; message: string; ackUrl: string; expiresAt: string; role: object; incident: object };
    expect(body).toMatchObject({ type: 'page', pageId: request.id, to: { name: onCall, phone: '+44 7700 900123', email: null },
      role: { id: 'on-call-engineer', name: 'On-Call Engineer' }, incident: { id: ic.incidentId, title: 'Checkout down', severity: 'P1' }, pagedBy: 'Ada' });
    expect(body.ackUrl).toMatch(/^https:\/\/incident\.example\.test\/ack\/ack_[A-Za-z0-9_-]{43}$/);
    expect(body.message).toContain(body.ackUrl);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(50 * 60_000);

    // Stored only as its hash.
    const token = body.ackUrl.split('/ack/')[1]!;
    const rows = await host.backend.store.db.selectFrom('ack_tokens').selectAll().execute();
    expect(rows.map((r) => r.token_hash)).toContain(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);

    const path = `/ack/${token}`;
    const confirm = await host.server.app.inject({ method: 'GET', url: path });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.headers['content-type']).toContain('text/html');
    expect(confirm.body).toContain(`Acknowledge as ${onCall}`);
    expect(confirm.body).toContain('[P1] Checkout down');
    const acks = async () => (await pullAll(host.server.app, host.admin)).filter((e) => e.type === 'incident.acknowledged' && e.incidentId === ic.incidentId);
    expect(await acks()).toHaveLength(0); // opening the link (a preview, a scanner) records nothing

    const done = await host.server.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Acknowledged');
    const [ack] = await acks();
    expect(ack).toMatchObject({ actor: { deviceId: 'server' }, payload: { person: onCall, contactId: 'c-oncall', pageId: request.id, roleId: 'on-call-engineer' } });
    const state = fold(ic.incidentId, (await pullAll(host.server.app, host.admin)).filter((e) => e.incidentId === ic.incidentId).map((e) => { const p = parseEvent(e); if (!p.ok) throw new Error('bad'); return p.event; }));
    expect(state.acknowledgedAt).toBe(Date.parse(ack!.occurredAt));
    // Rule 2: the page alone did not meet the target, the paged person's acknowledgement did; and it gave them the role.
    expect(state.acknowledgement).toMatchObject({ person: onCall, via: 'page-link', roleId: 'on-call-engineer' });
    expect(state.roles['on-call-engineer']).toMatchObject({ person: onCall, contactId: 'c-oncall' });
    expect(computeClocks(state, defaultPlan, Date.now()).find((c) => c.id === 'response')?.completedAt).toBe(state.acknowledgedAt);

    // Single use: a second POST (or GET) says so and records nothing more.
    const again = await host.server.app.inject({ method: 'POST', url: path, payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('Already acknowledged');
    expect((await host.server.app.inject({ method: 'GET', url: path })).statusCode).toBe(410);
    expect(await acks()).toHaveLength(1);
  });

  it('an expired link, an unknown one and a malformed one are refused with a page that says so', async () => {
    const ic = new Commander(host.admin);
    await page(ic, 'on-call-engineer', ic.open('Expiring'));
    const body = JSON.parse(gateway.received.at(-1)!.body) as { ackUrl: string };
    const token = body.ackUrl.split('/ack/')[1]!;
    await host.backend.store.db.updateTable('ack_tokens').set({ expires_at: new Date(Date.now() - 1000) })
      .where('token_hash', '=', createHash('sha256').update(token).digest('hex')).execute();
    for (const method of ['GET', 'POST'] as const) {
      const res = await host.server.app.inject({ method, url: `/ack/${token}`, ...(method === 'POST' ? { payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}) });
      expect(res.statusCode).toBe(410);
      expect(res.body).toContain('Link expired');
    }
    expect((await host.server.app.inject({ method: 'GET', url: `/ack/ack_${'x'.repeat(43)}` })).statusCode).toBe(404);
    expect((await host.server.app.inject({ method: 'POST', url: '/ack/nonsense', payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode).toBe(404);
    expect((await pullAll(host.server.app, host.admin)).some((e) => e.type === 'incident.acknowledged' && e.incidentId === ic.incidentId)).toBe(false);
  });

  it('a role without a rotation and no contact picked fails with the reason; a drill pages no one', async () => {
    const ic = new Commander(host.admin);
    const nobody = ic.event('page.requested', { roleId: 'communications-lead' });
    await pushAll(host.server.app, host.admin, [...ic.open('No rotation'), nobody]);
    const failed = await until('failure', async () => pageOutcome(await pullAll(host.server.app, host.admin), nobody.id));
    expect(failed.payload).toMatchObject({ nextAttemptAt: null, reason: expect.stringContaining('no one is on call for') });

    const before = gateway.received.length;
    const drill = new Commander(host.admin);
    const { outcome } = await page(drill, 'on-call-engineer', drill.open('Drill page', { drill: true }));
    expect(outcome.payload).toMatchObject({ sandbox: true, detail: expect.stringContaining('drill') });
    expect(gateway.received.length).toBe(before);
  });
});
