// Chat and webhook deliveries against a local HTTP receiver started by the test (no chat service is reachable
// here): Slack's text + blocks, a Teams workflow's Adaptive Card, the generic webhook's JSON with a valid
// HMAC-SHA256 signature; a 404 gives up with the reason, a 503 is retried.
import { describe, expect, it, vi } from 'vitest';
import { createHmac } from 'node:crypto';
import type { IncidentEvent } from '@shared/incident/events';
import { parseOutboundAllow } from '../src/outbound/policy';
import { Commander, deliverySettings, pullAll, pushAll, until } from './delivery-fixtures';
import { startReceiver } from '../../test/helpers/receiver';
import { openWorkspaceServer } from './harness';
import { perFile } from './per-file';

// Each test opens PGlite stores and waits on a worker: allow for a loaded 2-core machine.
vi.setConfig({ testTimeout: 180_000 });
let flaky = 0;
const SECRET = 'test-webhook-secret-0123456789';

const receiver = perFile(() => startReceiver((r) => {
  if (r.path === '/missing') return { status: 404, body: 'no_service' };
  if (r.path === '/flaky' && flaky++ === 0) return { status: 503, body: 'try later' };
  return { status: r.path.startsWith('/teams') ? 202 : 200 };
}));
const host = perFile(() => {
  const { base } = receiver;
  return openWorkspaceServer('pglite', { deliveries: deliverySettings({
    webhookSecret: SECRET, outbound: parseOutboundAllow('127.0.0.1'), // the local receiver, allowed as an on-premises gateway
    webhooks: new Map([
      ['slack:incidents', { kind: 'slack', name: 'incidents', url: `${base}/slack/T000/B000/XXXX` }],
      ['teams:bridge', { kind: 'teams', name: 'bridge', url: `${base}/teams/workflow` }],
      ['webhook:pager', { kind: 'webhook', name: 'pager', url: `${base}/hook` }],
      ['webhook:broken', { kind: 'webhook', name: 'broken', url: `${base}/missing` }],
      ['slack:flaky', { kind: 'slack', name: 'flaky', url: `${base}/flaky` }],
    ]),
  }) });
});

const outcomes = (events: IncidentEvent[], requestId: string, target: string) =>
  events.filter((e) => (e.type === 'delivery.sent' || e.type === 'delivery.failed') && e.payload.requestId === requestId && e.payload.target === target);

describe('chat and webhook deliveries', () => {
  it('posts the documented payloads to Slack, Teams and the signed generic webhook, once each', async () => {
    const ic = new Commander(host.admin);
    const { update, request } = ic.send('stakeholders', 'Payments failing for 30% of checkouts. Rolling back.', [
      { channel: 'slack', destination: 'incidents' }, { channel: 'teams', destination: 'bridge' }, { channel: 'webhook', destination: 'pager' },
    ]);
    await pushAll(host.server.app, host.admin, [...ic.open('Checkout errors', { severity: 'P1' }), update, request]);
    await until('three sent', async () => {
      const all = await pullAll(host.server.app, host.admin);
      return ['slack:incidents', 'teams:bridge', 'webhook:pager'].every((t) => outcomes(all, request.id, t).some((e) => e.type === 'delivery.sent')) ? all : undefined;
    });

    const slack = receiver.received.filter((r) => r.path.startsWith('/slack'));
    expect(slack).toHaveLength(1);
    const s = JSON.parse(slack[0]!.body);
    expect(s.text).toBe('[P1] Investigating: Checkout errors\nPayments failing for 30% of checkouts. Rolling back.');
    expect(s.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '[P1] Investigating: Checkout errors', emoji: false } });
    expect(s.blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'Payments failing for 30% of checkouts. Rolling back.' } });
    expect(s.blocks[2].type).toBe('context');

    const teams = receiver.received.filter((r) => r.path.startsWith('/teams'));
    expect(teams).toHaveLength(1);
    const t = JSON.parse(teams[0]!.body);
    expect(t.type).toBe('message');
    expect(t.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(t.attachments[0].content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(t.attachments[0].content.body[1]).toEqual({ type: 'TextBlock', text: 'Payments failing for 30% of checkouts. Rolling back.', wrap: true });
    expect(t.attachments[0].content.body[2].facts).toContainEqual({ title: 'Severity', value: 'P1' });

    const hooks = receiver.received.filter((r) => r.path === '/hook');
    expect(hooks).toHaveLength(1);
    const h = hooks[0]!;
    const ts = String(h.headers['x-incident-timestamp']);
    expect(h.headers['x-incident-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(`${ts}.${h.body}`).digest('hex')}`);
    expect(h.headers['idempotency-key']).toBe(`${request.id}.webhook:pager`);
    expect(JSON.parse(h.body)).toMatchObject({
      type: 'incident.update', incident: { id: ic.incidentId, title: 'Checkout errors', severity: 'P1', status: 'investigating', drill: false },
      update: { id: update.id, audience: 'stakeholders', text: 'Payments failing for 30% of checkouts. Rolling back.', postedBy: 'Ada' },
    });
  });

  it('a 404 gives up at once with the reply in the reason (no URL in it); a 503 is retried and then sent', async () => {
    const ic = new Commander(host.admin);
    const { update, request } = ic.send('stakeholders', 'Still failing.', [{ channel: 'webhook', destination: 'broken' }, { channel: 'slack', destination: 'flaky' }, { channel: 'slack', destination: 'nowhere' }]);
    await pushAll(host.server.app, host.admin, [...ic.open('Webhook trouble'), update, request]);
    const all = await until('outcomes', async () => {
      const events = await pullAll(host.server.app, host.admin);
      return outcomes(events, request.id, 'slack:flaky').some((e) => e.type === 'delivery.sent') && outcomes(events, request.id, 'webhook:broken').length && outcomes(events, request.id, 'slack:nowhere').length ? events : undefined;
    });
    const [broken] = outcomes(all, request.id, 'webhook:broken');
    expect(broken?.type).toBe('delivery.failed');
    expect(broken?.payload).toMatchObject({ reason: expect.stringMatching(/^Webhook: HTTP 404 from 127\.0\.0\.1:\d+ \(not found: no such webhook\)$/), nextAttemptAt: null });
    const flakyOutcomes = outcomes(all, request.id, 'slack:flaky').map((e) => [e.type, e.type === 'delivery.sent' || e.type === 'delivery.failed' ? e.payload.attempt : 0]);
    expect(flakyOutcomes).toEqual([['delivery.failed', 1], ['delivery.sent', 2]]);
    expect(outcomes(all, request.id, 'slack:nowhere')[0]?.payload).toMatchObject({ reason: 'no slack destination "nowhere" is configured on the server (Server page → Integrations, or CHAT_WEBHOOKS)', nextAttemptAt: null });
  });
});
