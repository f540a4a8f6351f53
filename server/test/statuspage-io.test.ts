// Publishing to Atlassian Statuspage through its REST API, against a local stand-in of the documented endpoints:
// the first status-page update creates one incident (name, status, body, component statuses mapped by name),
// later ones update it; a retry after a create whose answer was lost, or after a PATCH that went through,
// never opens a second incident nor posts the same update twice; a wrong key gives up with the reason.
import { describe, expect, it, vi } from 'vitest';
import type { IncidentEvent } from '@shared/incident/events';
import type { StatusPageFields } from '@shared/incident/events-delivery';
import { parseOutboundAllow } from '../src/outbound/policy';
import { createSyncServer } from '../src/app';
import { Commander, deliverySettings, pullAll, pushAll, until } from './delivery-fixtures';
import { openWorkspaceServer } from './harness';
import { perFile } from './per-file';
import { startStatuspageStandIn } from './statuspage-standin';

vi.setConfig({ testTimeout: 180_000 });
const PAGE = 'kctbh9vrtdwd';
const KEY = 'sp-api-key-0123456789';

const standIn = perFile(() => startStatuspageStandIn(PAGE, KEY, [{ id: 'sp-auth', name: 'Authentication' }, { id: 'sp-api', name: 'API' }, { id: 'sp-web', name: 'Web application' }]));
const host = perFile(() => openWorkspaceServer('pglite', { deliveries: deliverySettings({ statuspage: { apiUrl: standIn.apiUrl, apiKey: KEY, pageId: PAGE }, outbound: parseOutboundAllow('127.0.0.1') }) }));

const iso = (min: number) => new Date(Date.now() + min * 60_000).toISOString();
const outcome = (events: IncidentEvent[], requestId: string) =>
  events.filter((e) => (e.type === 'delivery.sent' || e.type === 'delivery.failed') && e.payload.requestId === requestId && e.payload.target === 'statuspage-io');

async function publish(ic: Commander, text: string, fields: StatusPageFields, first: IncidentEvent[] = []): Promise<IncidentEvent> {
  const { update, request } = ic.send('users', text, [{ channel: 'statuspage-io' }], fields);
  await pushAll(host.server.app, host.admin, [...first, update, request]);
  return until('the Statuspage delivery is sent', async () => {
    const sent = outcome(await pullAll(host.server.app, host.admin), request.id).find((e) => e.type === 'delivery.sent');
    return sent;
  });
}

describe('Atlassian Statuspage publishing', () => {
  it('creates one incident, then updates it with status, body and component statuses', async () => {
    const ic = new Commander(host.admin);
    const first = await publish(ic, 'We are investigating failed sign-ins.', {
      status: 'investigating', startedAt: iso(-5), estimatedResolutionAt: iso(60), nextUpdateAt: iso(30),
      components: [{ id: 'authentication', status: 'major_outage' }, { id: 'api', status: 'degraded_performance' }],
    }, ic.open('Login outage', { severity: 'P1' }));
    expect(standIn.incidents).toHaveLength(1);
    const inc = standIn.incidents[0]!;
    expect(first.payload).toMatchObject({ detail: `Statuspage incident ${inc.id} created (investigating)` });
    expect(inc).toMatchObject({ name: 'Login outage', status: 'investigating', metadata: { incident_console: { incident_id: ic.incidentId } } });
    expect(inc.incident_updates[0]).toMatchObject({ body: 'We are investigating failed sign-ins.', affected_components: [{ code: 'sp-auth', new_status: 'major_outage' }, { code: 'sp-api', new_status: 'degraded_performance' }] });

    await publish(ic, 'A fix is deployed; sign-in works again.', { status: 'resolved', startedAt: iso(-5), components: [{ id: 'authentication', status: 'operational' }, { id: 'api', status: 'operational' }] });
    expect(standIn.incidents).toHaveLength(1);
    expect(inc.status).toBe('resolved');
    expect(inc.incident_updates.map((u) => u.body)).toEqual(['A fix is deployed; sign-in works again.', 'We are investigating failed sign-ins.']);
    expect(inc.components.map((c) => [c.id, c.status])).toEqual([['sp-auth', 'operational'], ['sp-api', 'operational']]);
  });

  it('publishes the public title and text the commander wrote, not the internal title or the update text', async () => {
    const ic = new Commander(host.admin);
    const update = ic.event('update.posted', { audience: 'stakeholders', channel: 'Status page', text: '[P1 High] CheckoutHighErrorRate: pool at 100%' });
    const request = ic.event('delivery.requested', { updateId: update.id, targets: [{ channel: 'statuspage-io' }], publicTitle: 'Problems paying at checkout',
      statusPage: { status: 'investigating', startedAt: iso(-1), estimatedResolutionAt: iso(60), nextUpdateAt: iso(30), components: [{ id: 'api', status: 'partial_outage' }], body: 'We are investigating problems with the API.' } });
    await pushAll(host.server.app, host.admin, [...ic.open('CheckoutHighErrorRate'), update, request]);
    await until('sent', async () => outcome(await pullAll(host.server.app, host.admin), request.id).find((e) => e.type === 'delivery.sent'));
    const ours = standIn.incidents.find((i) => (i.metadata.incident_console as { incident_id?: string } | undefined)?.incident_id === ic.incidentId);
    expect(ours).toMatchObject({ name: 'Problems paying at checkout' });
    expect(ours?.incident_updates.map((u) => u.body)).toEqual(['We are investigating problems with the API.']);
    expect(JSON.stringify(ours)).not.toContain('CheckoutHighErrorRate');
  });

  it('a create whose answer was lost is found by its metadata on retry: still one incident, the update once', async () => {
    const ic = new Commander(host.admin);
    standIn.failNext('POST', '/incidents', 503, { afterApplying: true });
    const before = standIn.incidents.length;
    const sent = await publish(ic, 'Payments are failing for some cards.', {
      status: 'identified', startedAt: iso(-2), estimatedResolutionAt: iso(45), nextUpdateAt: iso(15), components: [{ id: 'api', status: 'partial_outage' }],
    }, ic.open('Card payments failing'));
    expect(sent.payload).toMatchObject({ attempt: 2 });
    const ours = standIn.incidents.filter((i) => (i.metadata.incident_console as { incident_id?: string } | undefined)?.incident_id === ic.incidentId);
    expect(standIn.incidents.length - before).toBe(1);
    expect(ours[0]?.incident_updates.map((u) => u.body)).toEqual(['Payments are failing for some cards.']);

    // The same for an update: the PATCH went through, its answer was lost; the retry posts nothing twice.
    standIn.failNext('PATCH', `/incidents/${ours[0]!.id}`, 502, { afterApplying: true });
    await publish(ic, 'Fix rolling out.', { status: 'monitoring', startedAt: iso(-2), estimatedResolutionAt: iso(30), nextUpdateAt: iso(10), components: [{ id: 'api', status: 'degraded_performance' }] });
    expect(ours[0]?.incident_updates.map((u) => u.body)).toEqual(['Fix rolling out.', 'Payments are failing for some cards.']);
  });

  it('a refused API key gives up at once with Statuspage’s answer as the reason', async () => {
    const bad = await createSyncServer({ store: host.backend.store, deliveries: deliverySettings({ statuspage: { apiUrl: standIn.apiUrl, apiKey: 'wrong', pageId: PAGE }, outbound: parseOutboundAllow('127.0.0.1') }) });
    await host.server.deliveries?.stop();
    try {
      const ic = new Commander(host.admin);
      const { update, request } = ic.send('users', 'Investigating.', [{ channel: 'statuspage-io' }], { status: 'investigating', startedAt: iso(0), estimatedResolutionAt: iso(60), nextUpdateAt: iso(30), components: [{ id: 'api', status: 'major_outage' }] });
      await pushAll(bad.app, host.admin, [...ic.open('Key check'), update, request]);
      const failed = await until('a failure', async () => outcome(await pullAll(bad.app, host.admin), request.id)[0]);
      expect(failed.type).toBe('delivery.failed');
      expect(failed.payload).toMatchObject({ nextAttemptAt: null, reason: expect.stringMatching(/^Statuspage: HTTP 401 from 127\.0\.0\.1:\d+ on GET \/components \(unauthorised: the destination wants credentials\)$/) });
    } finally { await bad.close(); }
  });
});
