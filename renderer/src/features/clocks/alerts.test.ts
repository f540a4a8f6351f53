// Clock alert rules: once per clock state, critical attention only for overdue high-severity clocks, tray shows the worst.
import { describe, expect, it } from 'vitest';
import type { Clock } from '@shared/clocks/types';
import { defaultPlan } from '@shared/plan/default-plan';
import { alertKey, isHighSeverity, needsCriticalAttention, trayStatusFor } from './alerts';

function clock(partial: Partial<Clock>): Clock {
  return {
    id: 'update:stakeholders', kind: 'update', label: 'Next stakeholders update', hint: '', startedAt: 0, dueAt: 1000,
    state: 'ok', active: true, remainingMs: 1000, completedAt: null, snoozedUntil: null, snoozeReason: null, alerting: false, ...partial,
  };
}

describe('clock alerts', () => {
  it('keys a notification by incident, clock and state', () => {
    expect(alertKey('i1', clock({ state: 'due-soon' }))).not.toBe(alertKey('i1', clock({ state: 'overdue' })));
    expect(alertKey('i1', clock({ state: 'overdue' }))).toBe(alertKey('i1', clock({ state: 'overdue', remainingMs: -5 })));
  });

  it('alerts again when the clock restarts or its snooze runs out', () => {
    const first = alertKey('i1', clock({ state: 'overdue', dueAt: 1000 }));
    expect(alertKey('i1', clock({ state: 'overdue', dueAt: 901_000 }))).not.toBe(first);
    expect(alertKey('i1', clock({ state: 'overdue', dueAt: 1000 }), 5000)).not.toBe(first);
  });

  it('asks for critical attention only when a P0/P1 clock is overdue and not snoozed', () => {
    const overdue = clock({ state: 'overdue', alerting: true });
    expect(isHighSeverity(defaultPlan, 'P0')).toBe(true);
    expect(isHighSeverity(defaultPlan, 'P2')).toBe(false);
    expect(needsCriticalAttention(defaultPlan, 'P1', overdue)).toBe(true);
    expect(needsCriticalAttention(defaultPlan, 'P2', overdue)).toBe(false);
    expect(needsCriticalAttention(defaultPlan, 'P1', clock({ state: 'due-soon', alerting: true }))).toBe(false);
    expect(needsCriticalAttention(defaultPlan, 'P1', clock({ state: 'overdue', alerting: false, snoozedUntil: 5 }))).toBe(false);
  });

  it('shows the most urgent active clock across incidents in the tray', () => {
    const tray = trayStatusFor([
      { incidentId: 'a', title: 'Slow search', severity: 'P2', drill: false, clock: clock({ state: 'due-soon', dueAt: 50, label: 'Response target' }) },
      { incidentId: 'b', title: 'Checkout down', severity: 'P1', drill: false, clock: clock({ state: 'overdue', dueAt: 100 }) },
      { incidentId: 'c', title: 'Old', severity: 'P3', drill: false, clock: clock({ state: 'met', active: false, dueAt: 1 }) },
    ]);
    expect(tray).toEqual({ text: 'Overdue: Next stakeholders update [P1] Checkout down', level: 'overdue' });
    expect(trayStatusFor([])).toEqual({ text: 'No active incidents', level: 'ok' });
  });

  it('a drill never takes the tray from a real incident; alone it is marked DRILL', () => {
    const drill = { incidentId: 'd', title: 'Drill: DB pool', severity: 'P0', drill: true, clock: clock({ state: 'overdue', dueAt: 10 }) };
    const real = { incidentId: 'r', title: 'Checkout down', severity: 'P1', drill: false, clock: clock({ state: 'ok', dueAt: 500, label: 'Response target' }) };
    expect(trayStatusFor([drill, real])).toEqual({ text: 'OK: Response target [P1] Checkout down', level: 'ok' });
    expect(trayStatusFor([drill])).toEqual({ text: 'DRILL: Overdue: Next stakeholders update [P0] Drill: DB pool', level: 'overdue' });
  });
});
