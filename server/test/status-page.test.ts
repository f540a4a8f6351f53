// The hosted status page and its Statuspage-compatible API, read back by an existing Statuspage client from
// npm (statuspage.io) pointed at our server: what the commander published, in Statuspage's fields and enums.
import { describe, expect, it, vi } from 'vitest';
import { Statuspage } from 'statuspage.io';
import type { StatusPageFields } from '@shared/incident/events-delivery';
import { Commander, deliverySettings, publishStatus, pushAll, pushUntilSent } from './delivery-fixtures';
import { openWorkspaceServer } from './harness';
import { perFile } from './per-file';

// Each test opens PGlite stores and waits on a worker: allow for a loaded 2-core machine.
vi.setConfig({ testTimeout: 180_000 });
const host = perFile(() => openWorkspaceServer('pglite', { deliveries: deliverySettings({ publicUrl: 'http://status.example.test' }) }, { listen: true }));

const iso = (minutesFromNow: number) => new Date(Date.now() + minutesFromNow * 60_000).toISOString();

const publish = (ic: Commander, text: string, fields: StatusPageFields) => publishStatus(host.server.app, host.admin, ic, text, fields);

describe('status page', () => {
  it('shows what the commander published, read by the statuspage.io client, and moves to past incidents once resolved', async () => {
    const client = new Statuspage('our-page');
    client.setApiUrl(host.url);
    const calm = await client.api.getSummary();
    expect(calm.status).toEqual({ indicator: 'none', description: 'All Systems Operational' });
    expect(calm.components.map((c) => c.name)).toContain('Authentication');

    const ic = new Commander(host.admin);
    await pushAll(host.server.app, host.admin, ic.open('Sign-in failing for most users', { severity: 'P0' }));
    const startedAt = iso(-10);
    const first = await publish(ic, 'We are investigating failed sign-ins.', {
      status: 'investigating', startedAt, estimatedResolutionAt: iso(30), nextUpdateAt: iso(15),
      components: [{ id: 'authentication', status: 'major_outage' }, { id: 'api', status: 'degraded_performance' }],
    });

    const summary = await client.api.getSummary();
    expect(summary.status).toEqual({ indicator: 'critical', description: 'Major Service Outage' });
    const byId = new Map(summary.components.map((c) => [c.id, c.status]));
    expect(byId.get('authentication')).toBe('major_outage');
    expect(byId.get('api')).toBe('degraded_performance');
    expect(byId.get('payments')).toBe('operational');
    expect(summary.incidents).toHaveLength(1);
    const incident = summary.incidents[0]!;
    expect(incident).toMatchObject({ id: ic.incidentId, name: 'Sign-in failing for most users', status: 'investigating', impact: 'critical', resolved_at: null });
    expect(incident.incident_updates).toEqual([expect.objectContaining({ id: first.id, status: 'investigating', body: 'We are investigating failed sign-ins.', incident_id: ic.incidentId })]);

    const unresolved = await client.api.incidents.getUnresolved();
    expect(unresolved.incidents.map((i) => i.id)).toEqual([ic.incidentId]);
    expect((await client.api.getStatus()).status.indicator).toBe('critical');
    expect((await client.api.getComponents()).components.find((c) => c.id === 'authentication')?.status).toBe('major_outage');

    await publish(ic, 'A fix is deployed; sign-in works again.', { status: 'resolved', startedAt, components: [{ id: 'authentication', status: 'operational' }, { id: 'api', status: 'operational' }] });
    expect((await client.api.getSummary()).status.indicator).toBe('none');
    expect((await client.api.incidents.getUnresolved()).incidents).toHaveLength(0);
    const all = await client.api.incidents.getAll();
    const resolved = all.incidents.find((i) => i.id === ic.incidentId);
    expect(resolved?.status).toBe('resolved');
    expect(resolved?.resolved_at).not.toBeNull();
    expect(resolved?.incident_updates.map((u) => u.status)).toEqual(['resolved', 'investigating']); // newest first

    const html = await (await fetch(`${host.url}/status`)).text();
    expect(html).toContain('<h1>CSOAI Platform status</h1>');
    expect(html).toContain('Past incidents');
    expect(html).toContain('A fix is deployed; sign-in works again.');
  });

  it('shows the public title and public text the commander wrote, never the internal title or the stakeholder update', async () => {
    const ic = new Commander(host.admin);
    await pushAll(host.server.app, host.admin, ic.open('CheckoutHighErrorRate'));
    const update = ic.event('update.posted', { audience: 'stakeholders', channel: 'Status page', text: '[P1 High] CheckoutHighErrorRate\nImpact: Being assessed.' });
    const request = ic.event('delivery.requested', {
      updateId: update.id, targets: [{ channel: 'status-page' }], publicTitle: 'Problems paying at checkout',
      statusPage: { status: 'investigating', startedAt: iso(-5), estimatedResolutionAt: iso(30), nextUpdateAt: iso(15), components: [{ id: 'notifications', status: 'partial_outage' }],
        body: 'We are investigating problems with Email and notifications.' },
    });
    await pushUntilSent(host.server.app, host.admin, [update, request], request);
    const summary = await (await fetch(`${host.url}/api/v2/summary.json`)).json() as { incidents: Array<{ id: string; name: string; incident_updates: Array<{ body: string }> }> };
    const incident = summary.incidents.find((i) => i.id === ic.incidentId);
    expect(incident).toMatchObject({ name: 'Problems paying at checkout', incident_updates: [{ body: 'We are investigating problems with Email and notifications.' }] });
    const html = await (await fetch(`${host.url}/status`)).text();
    expect(html).toContain('Problems paying at checkout');
    for (const page of [JSON.stringify(summary), html]) {
      expect(page).not.toContain('CheckoutHighErrorRate');
      expect(page).not.toContain('Being assessed');
    }
  });

  it('a drill publishes to the drill page only, marked as a drill', async () => {
    const ic = new Commander(host.admin);
    await pushAll(host.server.app, host.admin, ic.open('Drill: payments outage', { drill: true }));
    await publish(ic, 'Drill: payments are failing.', { status: 'identified', startedAt: iso(-5), estimatedResolutionAt: iso(20), nextUpdateAt: iso(10), components: [{ id: 'payments', status: 'partial_outage' }] });
    const live = await (await fetch(`${host.url}/api/v2/summary.json`)).json() as { incidents: Array<{ name: string }>; components: Array<{ id: string; status: string }> };
    expect(live.incidents.map((i) => i.name)).not.toContain('Drill: payments outage');
    expect(live.components.find((c) => c.id === 'payments')?.status).toBe('operational');
    const drill = await (await fetch(`${host.url}/status/drill/api/v2/summary.json`)).json() as { page: { name: string }; incidents: Array<{ name: string }> };
    expect(drill.page.name).toMatch(/^DRILL: /);
    expect(drill.incidents.map((i) => i.name)).toEqual(['Drill: payments outage']);
    const html = await (await fetch(`${host.url}/status/drill`)).text();
    expect(html).toContain('DRILL: exercise updates only');
  });

  it('refuses a status-page request without the plan\'s five fields (the event is invalid)', async () => {
    const ic = new Commander(host.admin);
    expect(() => ic.event('delivery.requested', { updateId: ic.incidentId, targets: [{ channel: 'status-page' }] })).toThrow(/statusPage/);
    expect(() => ic.event('delivery.requested', { updateId: ic.incidentId, targets: [{ channel: 'status-page' }],
      statusPage: { status: 'investigating', startedAt: iso(0), components: [{ id: 'api', status: 'major_outage' }] } })).toThrow(/estimated resolution/);
  });
});
