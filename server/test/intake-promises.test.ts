// Intake keeps its promises for every format: a retried post stores nothing new, also for the generic format
// without startsAt (the docs' own curl example); a firing that arrives after its own resolution never declares;
// a Grafana alert with several values (real shape: test/fixtures/alerts/grafana-multi-value.json) is triaged on its
// measured value, not on its condition.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { foldAlertGroup } from '@shared/alerts/group';
import { parseEvent, type IncidentEvent } from '@shared/incident/events';
import { pull } from './harness';
import { openIntakeServer } from './intake-server';
import { perFile } from './per-file';

vi.setConfig({ testTimeout: 120_000 });
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`../../test/fixtures/alerts/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** The generic example of docs/server.md, exactly (no startsAt). */
const DOCS_EXAMPLE = JSON.parse(/-d '(\{[\s\S]*?\})'/.exec(readFileSync(new URL('../../docs/server.md', import.meta.url), 'utf8'))?.[1]?.replace(/\n\s*/g, ' ') ?? 'null') as Record<string, unknown>;

const host = perFile(() => openIntakeServer({ rateLimitPerMinute: 1_000_000 }, 'monitoring'));

const post = async (kind: string, payload: unknown) => {
  const res = await host.post(kind, payload);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ group: string; stored: number; firing: Array<{ severity?: string; reason?: string; action: string }> }>();
};

async function streamEvents(stream: string): Promise<IncidentEvent[]> {
  const res = await pull(host.server.app, host.admin, 0, 1000);
  return res.json<{ events: unknown[] }>().events.map((e) => parseEvent(e)).flatMap((p) => (p.ok ? [p.event] : [])).filter((e) => e.incidentId === stream);
}

describe('intake keeps its promises', () => {
  it('the docs\' generic example without startsAt, posted five times, is one alert; its resolution, posted three times, one more', async () => {
    expect(DOCS_EXAMPLE).toMatchObject({ title: 'Checkout errors', status: 'firing', dedupKey: 'checkout-5xx' });
    expect(DOCS_EXAMPLE).not.toHaveProperty('startsAt');
    const first = await post('generic', DOCS_EXAMPLE);
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 5)); // a retry a moment later: the receipt time differs
      await post('generic', DOCS_EXAMPLE);
    }
    const resolved = { ...DOCS_EXAMPLE, status: 'resolved' };
    await post('generic', resolved);
    for (let i = 0; i < 2; i++) {
      await new Promise((r) => setTimeout(r, 5));
      await post('generic', resolved);
    }
    // (Counted as notifications, not by `stored`: a repeat in a new minute adds one alert.seen sighting.)
    const events = await streamEvents(first.group);
    expect(events.filter((e) => e.type === 'alert.notified').map((e) => (e.type === 'alert.notified' ? e.payload.status : ''))).toEqual(['firing', 'resolved']);
    const group = foldAlertGroup(events)!;
    expect(group.status).toBe('resolved');
    expect(group.alerts[0]?.occurrences).toHaveLength(1);

    // Firing again after the resolution is a new episode (first time seen again), stored once however often sent.
    await new Promise((r) => setTimeout(r, 5));
    await post('generic', DOCS_EXAMPLE);
    await post('generic', DOCS_EXAMPLE);
    const again = foldAlertGroup(await streamEvents(first.group))!;
    expect(again.status).toBe('firing');
    expect(again.alerts[0]?.occurrences.map((o) => o.endsAt === null)).toEqual([false, true]);
  });

  it('a resolution of an older episode sent without endsAt, retried, stores nothing new (fuzz counterexample)', async () => {
    const key = { title: 'Checkout errors', dedupKey: 'older-episode' };
    await post('generic', { ...key, status: 'firing', startsAt: '2026-12-01T10:00:00.000Z' });
    const older = { ...key, status: 'resolved', startsAt: '1970-01-01T00:00:00.000Z' };
    const first = await post('generic', older);
    const notified = async () => (await streamEvents(first.group)).filter((e) => e.type === 'alert.notified').length;
    const before = await notified();
    await new Promise((r) => setTimeout(r, 5)); // the retry's receipt time differs
    await post('generic', older);
    expect(await notified()).toBe(before);
  });

  it('a firing that arrives after its own resolution (a retry out of order) never declares, in Alertmanager and generic form', async () => {
    const am = fixture('alertmanager-firing');
    const alert = { ...(am.alerts as Array<Record<string, unknown>>)[0], labels: { alertname: 'PaymentProcessingFailures', job: 'payments' } };
    const firing = { ...am, groupKey: '{}:{alertname="PaymentProcessingFailures"}', commonLabels: alert.labels, groupLabels: { alertname: 'PaymentProcessingFailures' }, alerts: [alert] };
    const resolvedAlert = { ...alert, status: 'resolved', endsAt: '2026-12-01T17:09:39.664Z' };
    const resolved = { ...firing, status: 'resolved', alerts: [resolvedAlert] };
    const late = await post('alertmanager', resolved);
    const stale = await post('alertmanager', firing);
    expect(stale.firing).toEqual([]);

    const generic = { title: 'PaymentFailures', dedupKey: 'stripe-late', startsAt: '2026-12-01T17:04:39.664Z' };
    await post('generic', { ...generic, status: 'resolved', endsAt: '2026-12-01T17:09:39.664Z' });
    expect((await post('generic', { ...generic, status: 'firing' })).firing).toEqual([]);

    const all = (await pull(host.server.app, host.admin, 0, 1000)).json<{ events: Array<{ type: string; payload: { title?: string } }> }>().events;
    expect(all.filter((e) => e.type === 'incident.opened').map((e) => e.payload.title)).not.toEqual(expect.arrayContaining(['PaymentProcessingFailures']));
    expect(all.filter((e) => e.type === 'incident.opened').map((e) => e.payload.title)).not.toContain('PaymentFailures');
    expect(foldAlertGroup(await streamEvents(late.group))?.status).toBe('resolved');

    // The same firing in order (before its resolution) does declare: the rule is a declaring one.
    const fresh = await post('alertmanager', { ...firing, groupKey: '{}:{alertname="PaymentProcessingFailures",env="eu"}' });
    expect(fresh.firing).toEqual([expect.objectContaining({ severity: 'P0', action: 'declare' })]);
  });

  it('a Grafana alert with several values is triaged on the measured one (B = 7.25 %), not its condition (C = 1)', async () => {
    const res = await post('grafana', fixture('grafana-multi-value'));
    expect(res.firing).toEqual([{ fingerprint: '9e1c2a77f03b5d41', severity: 'P1', reason: 'Error rate > 5%', action: 'triage' }]);
    const notified = (await streamEvents(res.group)).find((e) => e.type === 'alert.notified');
    expect(notified?.type === 'alert.notified' && notified.payload.triage).toMatchObject({ ruleId: 'error-rate', value: 7.25, severity: 'P1' });
  });
});
