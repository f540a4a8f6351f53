// Update templates: filled from the state, next update time from the plan cadence of the current severity.
import { describe, expect, it } from 'vitest';
import type { IncidentState, TimelineEntry } from '@shared/incident/state';
import { defaultPlan } from '@shared/plan/default-plan';
import { IncidentBuilder, min } from '../../../../test/fixtures/incident-builder';
import { composeUpdate, nextUpdateAt, recentActions } from './template';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().slice(11, 16);

function entry(kind: TimelineEntry['kind'], text: string, retracted = false): TimelineEntry {
  return { kind, text, retracted: retracted ? { reason: 'wrong', at: 0, by: 'x' } : null } as TimelineEntry;
}

const state = {
  title: 'Checkout failing', severity: 'P1', status: 'mitigating', impact: 'Payments fail for EU cards.', scope: '~20% of users',
  impactStartedAt: T0, timeline: [entry('action', 'Paged payments team'), entry('note', 'Looks like the PSP'), entry('action', 'Rolled back 4.2', true), entry('action', 'Failing over to backup PSP')],
} as unknown as IncidentState;

describe('composeUpdate', () => {
  it('fills a stakeholder update with severity, status, impact, actions and the next update time', () => {
    const text = composeUpdate({ plan: defaultPlan, state, audience: 'stakeholders', now: T0 + 20 * 60_000, formatTime: iso });
    expect(text).toBe([
      '[P1 High] Checkout failing',
      'Status: Mitigation in progress.',
      'Impact: Payments fail for EU cards. Scope: ~20% of users.',
      'Impact started: 10:00.',
      'In progress:\n- Failing over to backup PSP\n- Paged payments team',
      'Next update: by 10:35.',
    ].join('\n'));
  });

  it('gives users the 30-minute cadence and no internal actions', () => {
    const text = composeUpdate({ plan: defaultPlan, state, audience: 'users', now: T0, formatTime: iso });
    expect(text).toContain('Next update: by 10:30.');
    expect(text).not.toContain('backup PSP');
  });

  it('has no fixed next update when the severity sets no cadence for the audience', () => {
    expect(nextUpdateAt(defaultPlan, { ...state, severity: 'P2' }, 'users', T0)).toBeNull();
    expect(nextUpdateAt(defaultPlan, { ...state, severity: 'P0' }, 'stakeholders', T0)).toBe(T0 + 15 * 60_000);
  });

  it('ends the impact with a full stop before the scope when the commander typed none', () => {
    const bare = { ...state, impact: 'Card payments fail at checkout', scope: 'EU customers' };
    const text = composeUpdate({ plan: defaultPlan, state: bare, audience: 'stakeholders', now: T0, formatTime: iso });
    expect(text).toContain('Impact: Card payments fail at checkout. Scope: EU customers.');
  });

  it('skips retracted actions', () => {
    expect(recentActions(state, 5)).toEqual(['Failing over to backup PSP', 'Paged payments team']);
  });
});

describe('resolved template', () => {
  it('once resolved: says resolved, when and how long, what fixed it and what follows; nothing "being assessed"', () => {
    const compose = composeUpdate;
    const inc = new IncidentBuilder();
    inc.open('P1');
    inc.add(min(10), 'entry.added', { kind: 'decision', text: 'Roll back payments-api to v41' });
    inc.add(min(42), 'status.changed', { to: 'resolved' });
    const fmt = (ms: number) => new Date(ms).toISOString().slice(11, 16);
    const stakeholders = compose({ plan: defaultPlan, state: inc.state(), audience: 'stakeholders', now: min(43), formatTime: fmt });
    expect(stakeholders).toContain('RESOLVED');
    expect(stakeholders).toContain('Resolved at 10:42, 42m 00s after impact started (10:00)');
    expect(stakeholders).toContain('Resolution: Roll back payments-api to v41');
    expect(stakeholders).not.toMatch(/Being assessed|Next update: by/);
    const users = compose({ plan: defaultPlan, state: inc.state(), audience: 'users', now: min(43), formatTime: fmt });
    expect(users).toContain('The issue was resolved at 10:42');
    expect(users).not.toMatch(/Being assessed|Next update/);
  });
});
