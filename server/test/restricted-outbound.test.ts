// What leaves the server about a restricted incident besides sync: its deliveries go only where its plan allows,
// under the plan's public title (the title stays with its participants); the public status page shows only what its
// public updates say; the acknowledge page of a page names it by its public title; a data-breach alert declares it
// restricted when the contact sheet names a security officer, and open (saying why) when it names none.
import { describe, expect, it, vi } from 'vitest';
import type { IncidentEvent } from '@shared/incident/events';
import { createEvent } from '@shared/incident/create';
import { HybridClock } from '@shared/hlc/hlc';
import { TEAM_STREAM_ID } from '@shared/workspace/streams';
import { parseOutboundAllow } from '../src/outbound/policy';
import { createIntegration } from '../src/store/integrations';
import { Commander, deliverySettings, pullAll, pushAll, until } from './delivery-fixtures';
import { startReceiver } from '../../test/helpers/receiver';
import { openWorkspaceServer } from './harness';
import { perFile } from './per-file';

vi.setConfig({ testTimeout: 180_000 });

const TITLE = 'Customer table read through a leaked service key';

const receiver = perFile(() => startReceiver(() => ({ status: 200 })));
const host = perFile(() => openWorkspaceServer('pglite', { deliveries: deliverySettings({
  webhookSecret: 'test-webhook-secret-0123456789', outbound: parseOutboundAllow('127.0.0.1'),
  webhooks: new Map([['slack:incidents', { kind: 'slack', name: 'incidents', url: `${receiver.base}/slack/incidents` }], ['webhook:pager', { kind: 'webhook', name: 'pager', url: `${receiver.base}/hook` }]]),
}) }, { listen: true }));

const outcome = (events: IncidentEvent[], requestId: string, target: string) =>
  events.find((e) => (e.type === 'delivery.sent' || e.type === 'delivery.failed') && e.payload.requestId === requestId && e.payload.target === target);

const iso = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('a restricted incident going out', () => {
  it('goes only where its plan allows, under its public title; the status page shows only its public updates', async () => {
    const ic = new Commander(host.admin);
    const [opened] = ic.open(TITLE, { severity: 'P0' });
    const restricted = { ...(opened as IncidentEvent), payload: { ...(opened as Extract<IncidentEvent, { type: 'incident.opened' }>).payload, category: 'security', visibility: 'restricted' } } as IncidentEvent;
    const { update, request } = ic.send('users', 'We are investigating unusual access to account data.', [
      { channel: 'status-page' }, { channel: 'slack', destination: 'incidents' }, { channel: 'webhook', destination: 'pager' },
    ], { status: 'investigating', startedAt: iso(-5), estimatedResolutionAt: iso(60), nextUpdateAt: iso(30), components: [{ id: 'api', status: 'degraded_performance' }] });
    await pushAll(host.server.app, host.admin, [restricted, update, request]);
    const events = await until('three outcomes', async () => {
      const all = await pullAll(host.server.app, host.admin);
      return ['status-page', 'slack:incidents', 'webhook:pager'].every((t) => outcome(all, request.id, t)) ? all : undefined;
    });
    // The built-in plan allows email, paging and the status page for restricted incidents; not chat, not webhooks.
    expect(outcome(events, request.id, 'status-page')?.type).toBe('delivery.sent');
    for (const target of ['slack:incidents', 'webhook:pager']) {
      const refused = outcome(events, request.id, target);
      expect(refused).toMatchObject({ type: 'delivery.failed', payload: { nextAttemptAt: null } });
      expect(refused?.type === 'delivery.failed' && refused.payload.reason).toContain('the incident is restricted and its plan allows its updates only to email, page, status-page, statuspage-io');
    }
    expect(receiver.received).toHaveLength(0); // nothing reached the chat or the webhook

    const summary = await (await fetch(`${host.url}/api/v2/summary.json`)).json() as { incidents: Array<{ id: string; name: string; incident_updates: Array<{ body: string }> }> };
    const shown = summary.incidents.find((i) => i.id === ic.incidentId);
    expect(shown?.name).toBe('Service incident');
    expect(shown?.incident_updates.map((u) => u.body)).toEqual(['We are investigating unusual access to account data.']);
    const page = await (await fetch(`${host.url}/status`)).text();
    expect(page).toContain('Service incident');
    expect(page).not.toContain('leaked service key');
    expect(JSON.stringify(summary)).not.toContain('leaked service key');
  });

  it('an open incident goes out as before, by name, to every destination it asks for', async () => {
    const ic = new Commander(host.admin);
    const { update, request } = ic.send('stakeholders', 'Checkout errors at 7%.', [{ channel: 'slack', destination: 'incidents' }]);
    await pushAll(host.server.app, host.admin, [...ic.open('Checkout errors', { severity: 'P1' }), update, request]);
    await until('sent', async () => outcome(await pullAll(host.server.app, host.admin), request.id, 'slack:incidents')?.type === 'delivery.sent' || undefined);
    expect(receiver.received.at(-1)?.body).toContain('Checkout errors');
  });
});

describe('a data-breach alert', () => {
  const alert = (key: string) => ({ title: 'UnauthorizedAccess on customers DB', status: 'firing', dedupKey: key, labels: { alertname: 'UnauthorizedAccess' } });

  it('declares the incident open when the contact sheet names no security officer, and says why', async () => {
    const { token } = await createIntegration(host.backend.store.db, host.admin.workspace, 'siem', host.admin.deviceId);
    const res = await host.server.app.inject({ method: 'POST', url: '/api/v1/intake/generic', headers: { authorization: `Bearer ${token}` }, payload: alert('breach-1') });
    expect(res.statusCode).toBe(200);
    const events = await pullAll(host.server.app, host.admin);
    const opened = events.find((e) => e.type === 'incident.opened' && e.payload.title === 'UnauthorizedAccess on customers DB');
    expect(opened?.type === 'incident.opened' && opened.payload.visibility).toBeUndefined();
    const evidence = events.find((e) => e.incidentId === opened?.incidentId && e.type === 'entry.added');
    expect(evidence?.type === 'entry.added' && evidence.payload.text).toContain('the contact sheet names no security officer: declared open to the workspace');
  });

  it('declares it restricted to the security officers once the sheet names one; the admin no longer receives it', async () => {
    const clock = new HybridClock(host.admin.deviceId);
    const officer = createEvent({ clock, actor: { name: 'admin-laptop', deviceId: host.admin.deviceId } }, TEAM_STREAM_ID, 'contact.added',
      { contactId: 'c-sam', name: 'Sam Officer', roleIds: ['security-officer'], phone: '', email: 'sam@example.test', notes: '' }) as IncidentEvent;
    await pushAll(host.server.app, host.admin, [officer]);
    const { token } = await createIntegration(host.backend.store.db, host.admin.workspace, 'siem-2', host.admin.deviceId);
    const res = await host.server.app.inject({ method: 'POST', url: '/api/v1/intake/generic', headers: { authorization: `Bearer ${token}` }, payload: alert('breach-2') });
    expect(res.statusCode).toBe(200);
    const pulled = await host.server.app.inject({ method: 'GET', url: `/api/v1/sync/pull?workspace=${host.admin.workspace}&after=0&limit=1000`, headers: { authorization: `Bearer ${host.admin.token}` } });
    const page = pulled.json<{ events: IncidentEvent[]; access: { hidden: string[] } }>();
    // The admin is no participant: neither the incident nor its alert group reach it, only that they exist.
    expect(page.access.hidden).toHaveLength(2);
    expect(page.events.filter((e) => page.access.hidden.includes(e.incidentId))).toEqual([]);
    expect(JSON.stringify(page.events)).not.toContain('breach-2');
    const rows = await host.backend.store.db.selectFrom('events').select('body').where('workspace_id', '=', host.admin.workspace).where('type', '=', 'incident.opened').execute();
    const declared = rows.map((r) => r.body as IncidentEvent).find((e) => e.type === 'incident.opened' && page.access.hidden.includes(e.incidentId));
    expect(declared?.type === 'incident.opened' && declared.payload.visibility).toBe('restricted');
  });
});
