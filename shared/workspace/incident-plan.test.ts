import { describe, expect, it } from 'vitest';
import { createEvent } from '../incident/create';
import type { IncidentEvent, PayloadInput } from '../incident/events';
import { fold } from '../incident/fold';
import { HybridClock } from '../hlc/hlc';
import { defaultPlan } from '../plan/default-plan';
import { currentPin, planForIncident } from './incident-plan';
import { TEAM_STREAM_ID } from './streams';
import { foldTeam } from './team';

const INCIDENT = '0190a000-0000-7000-8000-0000000000aa';
let wall = Date.parse('2026-03-02T10:00:00Z');
const ctx = { clock: new HybridClock('dev-a', () => wall), actor: { name: 'Ana', deviceId: 'dev-a' }, now: () => wall };
const at = <T extends Parameters<typeof createEvent>[2]>(minute: number, stream: string, type: T, payload: PayloadInput<T>) => {
  wall = Date.parse('2026-03-02T10:00:00Z') + minute * 60_000;
  return createEvent(ctx, stream, type, payload as never) as IncidentEvent;
};
const v1Plan = { ...defaultPlan, version: 'team-1' };
const v2Plan = { ...defaultPlan, version: 'team-2', severities: defaultPlan.severities.map((s, i) => (i === 0 ? { ...s, responseTarget: '5m' } : s)) };
const opened = (minute: number, pin: Partial<PayloadInput<'incident.opened'>>) =>
  at(minute, INCIDENT, 'incident.opened', { title: 'Checkout down', detectedAt: new Date(wall).toISOString(), impactStartedAt: new Date(wall).toISOString(), ...pin });

describe('planForIncident', () => {
  const p1 = at(0, TEAM_STREAM_ID, 'plan.published', { plan: v1Plan });
  const p2 = at(10, TEAM_STREAM_ID, 'plan.published', { plan: v2Plan });

  it('judges an incident by the plan it was declared under, and offers the newer one', () => {
    const team1 = foldTeam([p1]);
    const open = opened(5, currentPin(team1));
    const state = fold(INCIDENT, [open]);
    const team2 = foldTeam([p1, p2]);
    const resolved = planForIncident(state, team2);
    expect(resolved).toMatchObject({ version: 1, publishedId: p1.id, source: 'declared', missing: null });
    expect(resolved.plan.version).toBe('team-1');
    expect(resolved.newer?.version).toBe(2);
  });

  it('after "Adopt plan v2" the incident runs on v2 and nothing newer is offered', () => {
    const open = opened(5, currentPin(foldTeam([p1])));
    const adopted = at(12, INCIDENT, 'plan.adopted', { publishedId: p2.id, version: 2, planId: v2Plan.id });
    const resolved = planForIncident(fold(INCIDENT, [open, adopted]), foldTeam([p1, p2]));
    expect(resolved).toMatchObject({ version: 2, source: 'adopted', newer: null });
    expect(resolved.plan.severities[0]?.responseTarget).toBe('5m');
  });

  it('declared under the built-in plan: v0 until a publication is adopted', () => {
    const open = opened(5, currentPin(foldTeam([])));
    const resolved = planForIncident(fold(INCIDENT, [open]), foldTeam([p1]));
    expect(resolved).toMatchObject({ version: 0, publishedId: null, plan: defaultPlan });
    expect(resolved.newer?.publishedId).toBe(p1.id);
  });

  it('a pinned plan this device does not hold yet falls back to the current plan and says so', () => {
    const open = opened(15, currentPin(foldTeam([p1, p2])));
    const resolved = planForIncident(fold(INCIDENT, [open]), foldTeam([p1]));
    expect(resolved).toMatchObject({ version: null, missing: { publishedId: p2.id, version: 2 }, newer: null });
    expect(resolved.plan.version).toBe('team-1');
  });

  it('an incident declared before plans were pinned runs on the current plan', () => {
    const open = opened(5, {});
    expect(planForIncident(fold(INCIDENT, [open]), foldTeam([p1, p2]))).toMatchObject({ source: 'unpinned', version: 2, newer: null });
  });
});
