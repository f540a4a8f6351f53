import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HybridClock } from '../hlc/hlc';
import { createEvent } from '../incident/create';
import type { IncidentEvent } from '../incident/events';
import { defaultPlan } from '../plan/default-plan';
import { foldAlertGroup, groupTriage, needsTriage } from './group';
import { isAlertStream } from './ids';
import { notificationEvents } from './intake';
import type { AlertNotification, NormalAlert } from './payloads';

const T0 = Date.parse('2026-12-01T10:00:00Z');
let wall = T0;
const clock = new HybridClock('server', () => wall);
const ctx = { clock, actor: { name: 'Server', deviceId: 'server' }, now: () => wall };
const iso = (ms: number) => new Date(ms).toISOString();

function alert(path: string, status: 'firing' | 'resolved', startsAt: number, endsAt?: number, value = '7'): NormalAlert {
  return {
    fingerprint: `fp-${path}`, status, labels: { alertname: 'HighErrorRate', path }, annotations: { value },
    startsAt: iso(startsAt), ...(endsAt ? { endsAt: iso(endsAt) } : {}),
  };
}

function notification(alerts: NormalAlert[]): AlertNotification {
  return {
    source: 'alertmanager', groupKey: '{}:{alertname="HighErrorRate"}', receiver: 'ic',
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    groupLabels: { alertname: 'HighErrorRate' }, commonLabels: {}, commonAnnotations: {}, truncatedAlerts: 0, alerts,
  };
}

function received(n: AlertNotification, at: number): IncidentEvent[] {
  wall = at;
  return notificationEvents(n, { workspaceId: 'ws-1', plan: defaultPlan, receivedAt: at }).drafts
    .map((d) => createEvent(ctx, d.incidentId, d.type, d.payload as never, { id: d.id, occurredAt: d.occurredAt }) as IncidentEvent);
}

// A checkout alert fires, is repeated an hour later, resolves, re-fires; a login alert fires alongside.
const story = [
  ...received(notification([alert('/checkout', 'firing', T0)]), T0 + 5_000),
  ...received(notification([alert('/checkout', 'firing', T0)]), T0 + 5_000 + 10), // retried webhook: same ids
  ...received(notification([alert('/checkout', 'firing', T0), alert('/login', 'firing', T0 + 1_000, undefined, '3')]), T0 + 3_600_000),
  ...received(notification([alert('/checkout', 'resolved', T0, T0 + 7_200_000), alert('/login', 'firing', T0 + 1_000, undefined, '3')]), T0 + 7_200_000),
  ...received(notification([alert('/checkout', 'firing', T0 + 9_000_000)]), T0 + 9_000_000),
];

describe('the fold of an alert group', () => {
  const group = foldAlertGroup(story)!;

  it('streams are recognisable alert streams, never incidents', () => {
    expect(isAlertStream(group.id)).toBe(true);
    expect(isAlertStream('01900000-0000-7000-8000-000000000000')).toBe(false);
  });

  it('a retried webhook stores nothing new: same event ids', () => {
    expect(new Set(story.map((e) => e.id)).size).toBeLessThan(story.length);
  });

  it('firing since, count, per-alert status, the most severe suggestion', () => {
    expect(group.status).toBe('firing');
    expect(group.count).toBe(4); // four receipts a minute or more apart; the retry is not counted
    const checkout = group.alerts.find((a) => a.fingerprint === 'fp-/checkout')!;
    expect(checkout.status).toBe('firing');
    expect(checkout.occurrences).toEqual([{ startsAt: T0, endsAt: T0 + 7_200_000 }, { startsAt: T0 + 9_000_000, endsAt: null }]);
    expect(group.firingSince).toBe(T0 + 1_000); // login has fired since then, checkout only since its re-fire
    expect(groupTriage(group, defaultPlan)).toMatchObject({ severity: 'P1', reason: 'Error rate > 5%' });
    expect(needsTriage(group, T0)).toBe(true);
  });

  it('timeline: first firing, resolved, re-fired, and nothing for repeats', () => {
    expect(group.timeline.map((t) => [t.kind, t.at, t.fingerprint])).toEqual([
      ['firing', T0, 'fp-/checkout'],
      ['firing', T0 + 1_000, 'fp-/login'],
      ['resolved', T0 + 7_200_000, 'fp-/checkout'],
      ['refired', T0 + 9_000_000, 'fp-/checkout'],
    ]);
  });

  it('resolved once every alert resolved, at the last end', () => {
    const done = foldAlertGroup([...story, ...received(notification([alert('/checkout', 'resolved', T0 + 9_000_000, T0 + 9_500_000), alert('/login', 'resolved', T0 + 1_000, T0 + 9_400_000)]), T0 + 9_500_000)])!;
    expect(done.status).toBe('resolved');
    expect(done.resolvedAt).toBe(T0 + 9_500_000);
    expect(done.firingSince).toBeNull();
  });

  it('any arrival order, with duplicates, gives the same group', () => {
    fc.assert(fc.property(fc.shuffledSubarray(story, { minLength: story.length, maxLength: story.length }), fc.array(fc.nat(story.length - 1), { maxLength: 6 }), (order, dups) => {
      const events = [...order, ...dups.map((i) => story[i] as IncidentEvent)];
      expect(foldAlertGroup(events)).toEqual(group);
    }), { numRuns: 200 });
  });
});
