import { describe, expect, it } from 'vitest';
import { computeClocks, mostUrgent } from './clocks';
import { defaultPlan } from '../plan/default-plan';
import { IncidentBuilder, min, T0 } from '../../test/fixtures/incident-builder';
import type { Clock } from './types';

const plan = defaultPlan;
const clock = (clocks: Clock[], id: string) => {
  const found = clocks.find((c) => c.id === id);
  if (!found) throw new Error(`no clock ${id} among ${clocks.map((c) => c.id).join(', ')}`);
  return found;
};
const at = (inc: IncidentBuilder, now: number) => computeClocks(inc.state(), plan, now);

describe('update clocks', () => {
  it('P0: stakeholders every 15 min and users every 30 min, counted from detection', () => {
    const inc = new IncidentBuilder();
    inc.open('P0');
    const clocks = at(inc, min(1));
    expect(clock(clocks, 'update:stakeholders').dueAt).toBe(min(15));
    expect(clock(clocks, 'update:users').dueAt).toBe(min(30));
  });

  it('ok -> due soon -> overdue as time passes, with no posted update', () => {
    const inc = new IncidentBuilder();
    inc.open('P0');
    expect(clock(at(inc, min(9)), 'update:stakeholders').state).toBe('ok');
    expect(clock(at(inc, min(10)), 'update:stakeholders').state).toBe('due-soon');
    expect(clock(at(inc, min(10)), 'update:stakeholders').alerting).toBe(true);
    expect(clock(at(inc, min(15)), 'update:stakeholders').state).toBe('overdue');
    expect(clock(at(inc, min(16)), 'update:stakeholders').remainingMs).toBe(-60_000);
  });

  it('a posted update restarts its own clock and only its own', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    inc.add(min(12), 'update.posted', { audience: 'stakeholders', channel: 'Email', text: 'Investigating checkout errors' });
    const clocks = at(inc, min(13));
    expect(clock(clocks, 'update:stakeholders').startedAt).toBe(min(12));
    expect(clock(clocks, 'update:stakeholders').dueAt).toBe(min(27));
    expect(clock(clocks, 'update:users').dueAt).toBe(min(30));
  });

  it('P2: stakeholders first owed after 1 hour, then every 15 min; no user cadence', () => {
    const inc = new IncidentBuilder();
    inc.open('P2');
    const clocks = at(inc, min(1));
    expect(clock(clocks, 'update:stakeholders').dueAt).toBe(min(60));
    expect(clocks.some((c) => c.id === 'update:users')).toBe(false);
    inc.add(min(61), 'update.posted', { audience: 'stakeholders', channel: 'Email', text: 'Still degraded' });
    expect(clock(at(inc, min(62)), 'update:stakeholders').dueAt).toBe(min(76));
  });

  it('P3 has no update clocks; update clocks stop when the incident is resolved', () => {
    const low = new IncidentBuilder();
    low.open('P3');
    expect(at(low, min(1)).filter((c) => c.kind === 'update')).toHaveLength(0);
    const inc = new IncidentBuilder();
    inc.open('P0');
    inc.add(min(10), 'status.changed', { to: 'resolved' });
    expect(at(inc, min(40)).filter((c) => c.kind === 'update')).toHaveLength(0);
  });

  it('a severity change re-targets: P2 -> P1 brings the user clock and the 15-min stakeholder start', () => {
    const inc = new IncidentBuilder();
    inc.open('P2');
    expect(clock(at(inc, min(5)), 'update:stakeholders').dueAt).toBe(min(60));
    inc.add(min(6), 'severity.changed', { from: 'P2', to: 'P1', reason: 'error rate 7%' });
    const clocks = at(inc, min(7));
    expect(clock(clocks, 'update:stakeholders').dueAt).toBe(min(15));
    expect(clock(clocks, 'update:users').dueAt).toBe(min(30));
  });
});

describe('response and resolution targets', () => {
  it('P1: respond within 15 min, resolve within 1 hour, from detection', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    const clocks = at(inc, min(1));
    expect(clock(clocks, 'response').dueAt).toBe(min(15));
    expect(clock(clocks, 'resolution').dueAt).toBe(min(60));
  });

  it('acknowledging in time meets the response target; late misses it', () => {
    const onTime = new IncidentBuilder();
    onTime.open('P0');
    onTime.add(min(4), 'role.assigned', { roleId: 'on-call-engineer', person: 'Engineer A' });
    expect(clock(at(onTime, min(30)), 'response')).toMatchObject({ state: 'met', active: false, completedAt: min(4) });
    const late = new IncidentBuilder();
    late.open('P0');
    expect(clock(at(late, min(6)), 'response').state).toBe('overdue');
    late.add(min(7), 'incident.acknowledged', {});
    expect(clock(at(late, min(8)), 'response')).toMatchObject({ state: 'missed', alerting: false });
  });

  it('severity change re-targets: P1 -> P0 moves resolution from 60 to 15 minutes', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    inc.add(min(10), 'severity.changed', { from: 'P1', to: 'P0', reason: 'payments failing' });
    const clocks = at(inc, min(16));
    expect(clock(clocks, 'resolution').dueAt).toBe(min(15));
    expect(clock(clocks, 'resolution').state).toBe('overdue');
  });

  it('resolving meets or misses the resolution target', () => {
    const inc = new IncidentBuilder();
    inc.open('P2');
    inc.add(min(200), 'status.changed', { to: 'resolved' });
    expect(clock(at(inc, min(300)), 'resolution').state).toBe('met');
    const slow = new IncidentBuilder();
    slow.open('P1');
    slow.add(min(61), 'status.changed', { to: 'resolved' });
    expect(clock(at(slow, min(62)), 'resolution').state).toBe('missed');
  });

  it('P3 targets: 24 hours and one week', () => {
    const inc = new IncidentBuilder();
    inc.open('P3');
    const clocks = at(inc, min(1));
    expect(clock(clocks, 'response').dueAt).toBe(T0 + 24 * 3_600_000);
    expect(clock(clocks, 'resolution').dueAt).toBe(T0 + 7 * 24 * 3_600_000);
  });
});

describe('breach notification window (GDPR 72 h)', () => {
  it('starts at discovery for a security incident and completes when the authority is notified', () => {
    const inc = new IncidentBuilder();
    inc.open('P0', T0, { category: 'security' });
    expect(clock(at(inc, min(1)), 'breach-notification').dueAt).toBe(T0 + 72 * 3_600_000);
    inc.add(min(30), 'breach.recorded', { discoveredAt: new Date(min(-60)).toISOString() });
    expect(clock(at(inc, min(31)), 'breach-notification').dueAt).toBe(min(-60) + 72 * 3_600_000);
    inc.add(min(600), 'breach.recorded', { authorityNotifiedAt: new Date(min(600)).toISOString(), authority: 'ICO' });
    expect(clock(at(inc, min(601)), 'breach-notification')).toMatchObject({ state: 'met', active: false });
  });

  it('does not apply to an infrastructure incident without a breach record', () => {
    const inc = new IncidentBuilder();
    inc.open('P0', T0, { category: 'infrastructure' });
    expect(at(inc, min(1)).some((c) => c.id === 'breach-notification')).toBe(false);
  });
});

describe('recurrence watch, PIR and action items', () => {
  it('watching for 30 min after mitigation; met when the time passes; gone when it recurs', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    inc.add(min(20), 'status.changed', { to: 'monitoring' });
    expect(clock(at(inc, min(21)), 'recurrence-watch')).toMatchObject({ dueAt: min(50), state: 'ok', active: true });
    expect(clock(at(inc, min(50)), 'recurrence-watch')).toMatchObject({ state: 'met', active: false });
    inc.add(min(30), 'status.changed', { to: 'investigating', reason: 'errors back' });
    expect(at(inc, min(31)).some((c) => c.id === 'recurrence-watch')).toBe(false);
  });

  it('resolving before the watch ends is recorded as a missed watch', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    inc.add(min(20), 'status.changed', { to: 'monitoring' });
    inc.add(min(30), 'status.changed', { to: 'resolved' });
    expect(clock(at(inc, min(31)), 'recurrence-watch').state).toBe('missed');
  });

  it('PIR due 24 h after resolution, done when the review is final', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    expect(at(inc, min(1)).some((c) => c.id === 'pir')).toBe(false);
    inc.add(min(50), 'status.changed', { to: 'resolved' });
    expect(clock(at(inc, min(51)), 'pir').dueAt).toBe(min(50) + 24 * 3_600_000);
    expect(clock(at(inc, min(50 + 24 * 60)), 'pir').state).toBe('overdue');
    inc.add(min(600), 'pir.edited', { field: 'reviewStatus', value: 'final' });
    expect(clock(at(inc, min(601)), 'pir').state).toBe('met');
  });

  it('action items: deadline clock, 1-week follow-up that restarts when followed up, gone when done', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    const actionId = '0190a000-0000-7000-8000-00000000a001';
    inc.add(min(100), 'action.created', { actionId, title: 'Add pool alert', owner: 'Sam', deadline: new Date(min(100 + 3 * 24 * 60)).toISOString() });
    const week = 7 * 24 * 60;
    expect(clock(at(inc, min(101)), `action-deadline:${actionId}`).dueAt).toBe(min(100 + 3 * 24 * 60));
    expect(clock(at(inc, min(101)), `action-follow-up:${actionId}`).dueAt).toBe(min(100 + week));
    inc.add(min(100 + week + 5), 'action.updated', { actionId, followedUp: true });
    expect(clock(at(inc, min(100 + week + 6)), `action-follow-up:${actionId}`).dueAt).toBe(min(100 + 2 * week + 5));
    inc.add(min(100 + week + 10), 'action.updated', { actionId, status: 'done' });
    expect(at(inc, min(100 + week + 11)).some((c) => c.actionItemId === actionId)).toBe(false);
  });
});

describe('snoozing and urgency', () => {
  it('a snoozed clock keeps its state but stops alerting until the snooze ends', () => {
    const inc = new IncidentBuilder();
    inc.open('P0');
    inc.add(min(16), 'clock.snoozed', { clockId: 'update:stakeholders', until: new Date(min(20)).toISOString(), reason: 'exec call in progress' });
    const snoozed = clock(at(inc, min(17)), 'update:stakeholders');
    expect(snoozed).toMatchObject({ state: 'overdue', alerting: false, snoozeReason: 'exec call in progress' });
    expect(clock(at(inc, min(20)), 'update:stakeholders').alerting).toBe(true);
  });

  it('the most urgent clock is the first overdue one', () => {
    const inc = new IncidentBuilder();
    inc.open('P0');
    inc.add(min(1), 'role.assigned', { roleId: 'incident-commander', person: 'Alex' });
    const clocks = at(inc, min(16));
    expect(mostUrgent(clocks)?.id).toBe('resolution');
    expect(clocks.map((c) => c.state)).toEqual(['overdue', 'overdue', 'ok', 'met']);
  });

  it('no clocks before the incident is opened', () => {
    const inc = new IncidentBuilder();
    inc.add(min(1), 'entry.added', { kind: 'note', text: 'orphan' });
    expect(at(inc, min(2))).toEqual([]);
  });
});

describe('incidents declared before classification, and resolved without acknowledgement', () => {
  it('an unclassified incident runs on the most severe level until classified', () => {
    const inc = new IncidentBuilder();
    inc.add(T0, 'incident.opened', { title: 'Something is wrong', detectedAt: new Date(T0).toISOString(), impactStartedAt: new Date(T0).toISOString() });
    const clocks = at(inc, min(1));
    expect(clock(clocks, 'response')).toMatchObject({ dueAt: min(5), label: expect.stringContaining('P0 assumed until classified') });
    expect(clock(clocks, 'update:stakeholders').dueAt).toBe(min(15));
    inc.add(min(2), 'incident.classified', { severity: 'P2' });
    expect(clock(at(inc, min(3)), 'response').dueAt).toBe(min(60));
  });

  it('a response clock never stays live on a resolved incident', () => {
    const inc = new IncidentBuilder();
    inc.open('P2');
    inc.add(min(30), 'status.changed', { to: 'resolved' });
    expect(clock(at(inc, min(200)), 'response')).toMatchObject({ active: false, state: 'met', completedAt: min(30) });
  });
});
