import { describe, expect, it } from 'vitest';
import { cadenceSummary, incidentsOverTime, openActionItems, selectIncidents, timesBySeverity, yearlyPattern } from './dashboard';
import { defaultPlan } from '../plan/default-plan';
import { IncidentBuilder } from '../../test/fixtures/incident-builder';
import type { IncidentState } from '../incident/state';

const MIN = 60_000;
const DAY = 86_400_000;
let n = 0;

/** An incident detected at `at`, acknowledged after `ackMin` and resolved after `resolveMin` minutes (null: not yet). */
function incident(at: string, severity: string, opts: { category?: string; ackMin?: number | null; resolveMin?: number | null; drill?: boolean } = {}): IncidentState {
  n++;
  const inc = new IncidentBuilder(`0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`);
  const t = Date.parse(at);
  inc.open(severity, t, { category: opts.category ?? 'application', drill: opts.drill ?? false });
  if (opts.ackMin != null) inc.add(t + opts.ackMin * MIN, 'role.assigned', { roleId: 'incident-commander', person: 'Alex' });
  if (opts.resolveMin != null) inc.add(t + opts.resolveMin * MIN, 'status.changed', { to: 'resolved' });
  return inc.state();
}

describe('dashboard aggregations', () => {
  const states = [
    incident('2026-01-05T09:00:00Z', 'P1', { ackMin: 10, resolveMin: 50 }), // Monday; met both
    incident('2026-01-20T23:30:00Z', 'P1', { ackMin: 20, resolveMin: 90, category: 'infrastructure' }), // missed both
    incident('2026-03-07T12:00:00Z', 'P2', { ackMin: 30, resolveMin: 120 }), // Saturday
    incident('2026-03-08T12:00:00Z', 'P0', { drill: true, ackMin: 1, resolveMin: 5 }),
  ];
  const now = Date.parse('2026-04-01T00:00:00Z');

  it('drills are excluded unless asked for', () => {
    expect(selectIncidents(states)).toHaveLength(3);
    expect(selectIncidents(states, { includeDrills: true })).toHaveLength(4);
  });

  it('incidents per month by severity and category, empty months included', () => {
    const rows = incidentsOverTime(states, defaultPlan);
    expect(rows.map((r) => [r.period, r.total])).toEqual([['2026-01', 2], ['2026-02', 0], ['2026-03', 1]]);
    expect(rows[0]?.bySeverity.P1).toBe(2);
    expect(rows[0]?.byCategory).toMatchObject({ application: 1, infrastructure: 1 });
    expect(incidentsOverTime(states, defaultPlan, 'UTC', { includeDrills: true })[2]?.bySeverity.P0).toBe(1);
  });

  it('time to acknowledge and resolve per severity against the plan\'s targets', () => {
    const p1 = timesBySeverity(states, defaultPlan, now).find((r) => r.severity === 'P1');
    expect(p1).toMatchObject({ incidents: 2 });
    expect(p1?.acknowledge).toMatchObject({ count: 2, medianMs: 15 * MIN, targetMs: 15 * MIN, met: 1, missed: 1 });
    expect(p1?.resolve).toMatchObject({ count: 2, medianMs: 70 * MIN, targetMs: 60 * MIN, met: 1, missed: 1 });
    expect(timesBySeverity(states, defaultPlan, now).find((r) => r.severity === 'P2')?.resolve).toMatchObject({ met: 1, missed: 0 });
  });

  it('each incident is judged by its own (pinned) plan when one is given per incident', () => {
    // The first P1 (acknowledged at 10 min) ran under a plan with a 5-minute response target: missed there.
    const strict = { ...defaultPlan, severities: defaultPlan.severities.map((s) => (s.id === 'P1' ? { ...s, responseTarget: '5m' } : s)) };
    const first = states[0]!;
    const p1 = timesBySeverity(states, defaultPlan, now, {}, (s) => (s.id === first.id ? strict : defaultPlan)).find((r) => r.severity === 'P1');
    expect(p1?.acknowledge).toMatchObject({ met: 0, missed: 2, targetMs: 15 * MIN });
  });

  it('an unresolved incident past its target counts as missed; before it, as pending', () => {
    const open = [incident('2026-05-01T10:00:00Z', 'P1', { ackMin: 5 })];
    const at = (m: number) => Date.parse('2026-05-01T10:00:00Z') + m * MIN;
    expect(timesBySeverity(open, defaultPlan, at(30)).find((r) => r.severity === 'P1')?.resolve).toMatchObject({ pending: 1, missed: 0, count: 0 });
    expect(timesBySeverity(open, defaultPlan, at(61)).find((r) => r.severity === 'P1')?.resolve).toMatchObject({ pending: 0, missed: 1 });
  });

  it('cadence compliance per audience sums over incidents', () => {
    const rows = cadenceSummary(states, defaultPlan, now);
    expect(rows.map((r) => r.audience)).toEqual(['stakeholders', 'users']);
    const stakeholders = rows[0];
    expect(stakeholders?.owed).toBeGreaterThan(0);
    expect(stakeholders?.onTime).toBe(0); // no updates were posted at all
    expect(stakeholders?.ratio).toBe(0);
  });

  it('open action items across incidents: overdue first, with the 1-week follow-up', () => {
    const a = new IncidentBuilder('0190a000-0000-7000-8000-0000000000f1');
    const t = Date.parse('2026-03-01T00:00:00Z');
    a.open('P1', t);
    a.add(t + MIN, 'action.created', { actionId: '0190a000-0000-7000-8000-00000000a001', title: 'Later', owner: 'Kim', deadline: new Date(t + 30 * DAY).toISOString() });
    a.add(t + 2 * MIN, 'action.created', { actionId: '0190a000-0000-7000-8000-00000000a002', title: 'Overdue', owner: 'Sam', deadline: new Date(t + 2 * DAY).toISOString() });
    a.add(t + 3 * MIN, 'action.created', { actionId: '0190a000-0000-7000-8000-00000000a003', title: 'Done', owner: 'Lee' });
    a.add(t + 4 * MIN, 'action.updated', { actionId: '0190a000-0000-7000-8000-00000000a003', status: 'done' });
    const items = openActionItems([a.state()], defaultPlan, t + 3 * DAY);
    expect(items.map((i) => [i.item.title, i.overdue, i.followUpOverdue])).toEqual([['Overdue', true, false], ['Later', false, false]]);
    expect(items[1]?.followUpDueAt).toBe(t + MIN + 7 * DAY);
    expect(openActionItems([a.state()], defaultPlan, t + 8 * DAY).find((i) => i.item.title === 'Later')?.followUpOverdue).toBe(true);
  });

  it('yearly pattern by month of year, weekday (Monday first) and hour, in the zone asked for', () => {
    const p = yearlyPattern(states, defaultPlan);
    expect(p.byMonth.map((m) => m.count)).toEqual([2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(p.byWeekday[0]).toEqual({ weekday: 'monday', count: 1 });
    expect(p.byWeekday.find((d) => d.weekday === 'saturday')?.count).toBe(1);
    expect(p.byHour[23]).toBe(1);
    // 23:30 UTC on a Tuesday is Wednesday 00:30 in Berlin.
    const berlin = yearlyPattern(states, defaultPlan, 'Europe/Berlin');
    expect(berlin.byWeekday.find((d) => d.weekday === 'wednesday')?.count).toBe(1);
    expect(berlin.byHour[0]).toBe(1);
  });
});
