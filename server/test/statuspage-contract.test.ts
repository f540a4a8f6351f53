// The public API is the contract: every read method of a real Statuspage client (statuspage.io@3.3.8) against our
// server answers 200 with the documented fields, and every field of a real Statuspage page's answers
// (test/fixtures/statuspage/, discordstatus.com) is in ours with the same JSON type, incidents and scheduled
// maintenances alike; maintenance windows move scheduled -> in_progress -> verifying -> completed.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Statuspage } from 'statuspage.io';
import { createEvent, newId } from '@shared/incident/create';
import type { IncidentEvent, PayloadInput } from '@shared/incident/events';
import { HybridClock } from '@shared/hlc/hlc';
import { MAINTENANCE_STREAM_ID } from '@shared/workspace/streams';
import type { StatusPageFields } from '@shared/incident/events-delivery';
import { Commander, deliverySettings, publishStatus, pushAll } from './delivery-fixtures';
import { openWorkspaceServer, type Member } from './harness';
import { perFile } from './per-file';

vi.setConfig({ testTimeout: 180_000 });
const FIXTURES = new URL('../../test/fixtures/statuspage/', import.meta.url);
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));

const host = perFile(() => openWorkspaceServer('pglite', { deliveries: deliverySettings({ publicUrl: 'http://status.example.test' }) }, { listen: true }));

const iso = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/** What the console records when someone plans or updates a window (features/maintenance). */
function maintenanceEvent<T extends 'maintenance.scheduled' | 'maintenance.updated'>(m: Member, type: T, payload: PayloadInput<T>, occurredAt?: string): IncidentEvent {
  return createEvent({ clock: new HybridClock(m.deviceId), actor: { name: 'Ada', deviceId: m.deviceId } }, MAINTENANCE_STREAM_ID, type, payload, occurredAt ? { occurredAt } : {}) as IncidentEvent;
}

async function publish(ic: Commander, text: string, fields: StatusPageFields, first: IncidentEvent[] = []): Promise<void> {
  await publishStatus(host.server.app, host.admin, ic, text, fields, first);
}

/** Every key of the real answer is in ours, with the same JSON type where both hold a value; arrays by their first items. */
function sameShape(real: unknown, ours: unknown, path: string, problems: string[]): void {
  if (real === null || ours === null) return;
  const kind = (v: unknown) => (Array.isArray(v) ? 'array' : typeof v);
  if (kind(real) !== kind(ours)) { problems.push(`${path}: ${kind(ours)} where Statuspage has ${kind(real)}`); return; }
  if (Array.isArray(real) && Array.isArray(ours)) {
    if (real.length && ours.length) sameShape(real[0], ours[0], `${path}[0]`, problems);
    return;
  }
  if (typeof real === 'object' && typeof ours === 'object') {
    for (const [k, v] of Object.entries(real as Record<string, unknown>)) {
      if (!(k in (ours as Record<string, unknown>))) problems.push(`${path}.${k}: missing`);
      else sameShape(v, (ours as Record<string, unknown>)[k], `${path}.${k}`, problems);
    }
  }
}

describe('the Statuspage public API v2', () => {
  const planned = newId();
  const running = newId();
  const finished = newId();

  beforeAll(async () => {
    // An unresolved incident, a resolved one, and three windows: upcoming, running (verifying), completed.
    const live = new Commander(host.admin);
    await publish(live, 'We are investigating slow sign-ins.', {
      status: 'investigating', startedAt: iso(-10), estimatedResolutionAt: iso(30), nextUpdateAt: iso(15),
      components: [{ id: 'authentication', status: 'degraded_performance' }],
    }, live.open('Slow sign-in'));
    const old = new Commander(host.admin);
    await publish(old, 'Payments failed for 10 minutes; fixed.', { status: 'resolved', startedAt: iso(-60), components: [{ id: 'payments', status: 'operational' }] }, old.open('Payments failing'));
    await pushAll(host.server.app, host.admin, [
      maintenanceEvent(host.admin, 'maintenance.scheduled', { maintenanceId: planned, title: 'Database upgrade', text: 'PostgreSQL 16; sign-in may be slow for a minute.', componentIds: ['authentication', 'api'], startsAt: iso(24 * 60), endsAt: iso(24 * 60 + 60) }),
      maintenanceEvent(host.admin, 'maintenance.scheduled', { maintenanceId: running, title: 'Web tier recycle', text: 'Rolling restarts of the web tier.', componentIds: ['web-app'], startsAt: iso(-30), endsAt: iso(30) }, iso(-120)),
      maintenanceEvent(host.admin, 'maintenance.updated', { maintenanceId: running, status: 'verifying', text: 'Restarts done; watching error rates.' }),
      maintenanceEvent(host.admin, 'maintenance.scheduled', { maintenanceId: finished, title: 'Network maintenance', text: 'Switch firmware.', componentIds: ['api'], startsAt: iso(-300), endsAt: iso(-240) }, iso(-400)),
    ]);
  });

  it('statuspage.io@3.3.8 calls every read method and gets 200 with the documented fields', async () => {
    const client = new Statuspage('our-page');
    client.setApiUrl(host.url);
    const summary = await client.api.getSummary();
    expect(Object.keys(summary).sort()).toEqual(['components', 'incidents', 'page', 'scheduled_maintenances', 'status']);
    expect(summary.page).toEqual({ id: expect.any(String), name: 'CSOAI Platform status', url: 'http://status.example.test/status', time_zone: 'Etc/UTC', updated_at: expect.any(String) });
    expect(summary.incidents.map((i) => i.name)).toEqual(['Slow sign-in']);
    // The summary lists maintenances in progress and upcoming, never completed ones.
    expect(summary.scheduled_maintenances.map((m) => [m.name, m.status]).sort()).toEqual([['Database upgrade', 'scheduled'], ['Web tier recycle', 'verifying']]);
    expect(summary.status).toEqual({ indicator: 'minor', description: 'Partially Degraded Service' });

    const status = await client.api.getStatus();
    expect(Object.keys(status).sort()).toEqual(['page', 'status']);
    const components = await client.api.getComponents();
    const web = components.components.find((c) => c.id === 'web-app');
    expect(web).toMatchObject({ status: 'under_maintenance', name: expect.any(String), position: expect.any(Number), group: false, only_show_if_degraded: false, showcase: true });
    expect(components.components.find((c) => c.id === 'authentication')?.status).toBe('degraded_performance');

    const all = await client.api.incidents.getAll();
    expect(all.incidents.map((i) => [i.name, i.status])).toEqual([['Payments failing', 'resolved'], ['Slow sign-in', 'investigating']]); // newest update first
    const unresolved = await client.api.incidents.getUnresolved();
    expect(unresolved.incidents.map((i) => i.name)).toEqual(['Slow sign-in']);

    // statuspage.io 3.3.8 sends all three maintenance calls to upcoming.json (its Endpoint table maps active() and
    // all() to upcoming.json too): they get 200 and the still-scheduled window. The right endpoints are read below.
    for (const call of [() => client.api.scheduledMaintenances.getUpcoming(), () => client.api.scheduledMaintenances.getActive(), () => client.api.scheduledMaintenances.getAll()]) {
      const answer = await call();
      expect(answer.scheduled_maintenances.map((m) => [m.id, m.status, m.scheduled_for, m.scheduled_until])).toEqual([[planned, 'scheduled', expect.any(String), expect.any(String)]]);
      expect(answer.scheduled_maintenances[0]?.incident_updates[0]).toMatchObject({ status: 'scheduled', body: 'PostgreSQL 16; sign-in may be slow for a minute.', incident_id: planned });
    }
  });

  it('scheduled-maintenances.json, /upcoming.json and /active.json list the windows by their Statuspage status', async () => {
    type List = { page: { id: string }; scheduled_maintenances: Array<{ id: string; status: string; impact: string; monitoring_at: string | null; resolved_at: string | null; incident_updates: Array<{ status: string; body: string }>; components: Array<{ id: string }> }> };
    const get = async (path: string) => {
      const res = await fetch(`${host.url}/api/v2/${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      return (await res.json()) as List;
    };
    const all = await get('scheduled-maintenances.json');
    expect(all.scheduled_maintenances.map((m) => [m.id, m.status])).toEqual([[planned, 'scheduled'], [running, 'verifying'], [finished, 'completed']]);
    const run = all.scheduled_maintenances[1]!;
    expect(run.impact).toBe('maintenance');
    expect(run.monitoring_at).not.toBeNull();
    expect(run.incident_updates.map((u) => u.status)).toEqual(['verifying', 'in_progress', 'scheduled']); // newest first; the start was automatic
    expect(run.components.map((c) => c.id)).toEqual(['web-app']);
    const done = all.scheduled_maintenances[2]!;
    expect(done.resolved_at).not.toBeNull();
    expect(done.incident_updates.map((u) => [u.status, u.body])).toEqual([
      ['completed', 'The scheduled maintenance has been completed.'],
      ['in_progress', 'Scheduled maintenance is currently in progress. We will provide updates as necessary.'],
      ['scheduled', 'Switch firmware.'],
    ]);
    expect((await get('scheduled-maintenances/upcoming.json')).scheduled_maintenances.map((m) => m.id)).toEqual([planned]);
    expect((await get('scheduled-maintenances/active.json')).scheduled_maintenances.map((m) => m.id)).toEqual([running]);
    // The drill sandbox has no maintenance of the organisation's.
    expect((await (await fetch(`${host.url}/status/drill/api/v2/scheduled-maintenances.json`)).json() as List).scheduled_maintenances).toEqual([]);
  });

  it('has every field of a real Statuspage page\'s answers, with the same JSON types', async () => {
    const pairs: Array<[string, string]> = [
      ['discordstatus-summary.json', 'summary.json'],
      ['discordstatus-incidents.json', 'incidents.json'],
      ['discordstatus-scheduled-maintenances.json', 'scheduled-maintenances.json'],
    ];
    const problems: string[] = [];
    for (const [file, endpoint] of pairs) {
      const ours: unknown = await (await fetch(`${host.url}/api/v2/${endpoint}`)).json();
      sameShape(fixture(file), ours, endpoint, problems);
    }
    expect(problems).toEqual([]);
  });

  it('a window completed early by a person ends then, and its components are operational again', async () => {
    const early = newId();
    await pushAll(host.server.app, host.admin, [
      maintenanceEvent(host.admin, 'maintenance.scheduled', { maintenanceId: early, title: 'Cache flush', text: 'Flushing caches.', componentIds: ['payments'], startsAt: iso(-5), endsAt: iso(55) }, iso(-10)),
    ]);
    const before = await (await fetch(`${host.url}/api/v2/components.json`)).json() as { components: Array<{ id: string; status: string }> };
    expect(before.components.find((c) => c.id === 'payments')?.status).toBe('under_maintenance');
    await pushAll(host.server.app, host.admin, [maintenanceEvent(host.admin, 'maintenance.updated', { maintenanceId: early, status: 'completed', text: 'Done early.' })]);
    const after = await (await fetch(`${host.url}/api/v2/components.json`)).json() as { components: Array<{ id: string; status: string }> };
    expect(after.components.find((c) => c.id === 'payments')?.status).toBe('operational');
    const active = await (await fetch(`${host.url}/api/v2/scheduled-maintenances/active.json`)).json() as { scheduled_maintenances: Array<{ id: string }> };
    expect(active.scheduled_maintenances.map((m) => m.id)).not.toContain(early);
  });

  it('refuses a window that ends before it starts, or maintenance events outside the maintenance stream', () => {
    expect(() => maintenanceEvent(host.admin, 'maintenance.scheduled', { maintenanceId: newId(), title: 'x', text: 'y', componentIds: ['api'], startsAt: iso(60), endsAt: iso(30) })).toThrow(/end after it starts/);
    const ic = new Commander(host.admin);
    expect(() => ic.event('maintenance.updated', { maintenanceId: newId(), status: 'completed' })).toThrow(/maintenance stream/);
  });
});
