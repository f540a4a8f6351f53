// Every debrief scorecard figure on fixture drill timelines with explicit times.
import { describe, expect, it } from 'vitest';
import { IncidentBuilder, min, T0 } from '../../test/fixtures/incident-builder';
import { defaultPlan } from '../plan/default-plan';
import { defaultScripts } from './default-scripts';
import { checklistItemName } from './checklist';
import { drillScorecard } from './scorecard';

const script = defaultScripts.find((s) => s.id === 'db-connection-pool-exhausted')!;
const M = 60_000;

function openDrill(b: IncidentBuilder, at = T0) {
  b.add(at, 'incident.opened', { title: 'DRILL: pool', detectedAt: new Date(at).toISOString(), impactStartedAt: new Date(at).toISOString(), drill: true });
  b.add(at, 'exercise.control', { action: 'start', scriptId: script.id, mode: 'live' });
}

/** A drill with a 5-minute pause, one late stakeholder update, no user update, ended at T+40 wall. */
function fixture() {
  const b = new IncidentBuilder();
  openDrill(b);
  b.add(min(5), 'exercise.inject', { injectId: 'error-rate-7', title: 'Error rate 7% and rising', text: 'x', offsetMinutes: 5 });
  b.add(min(6), 'incident.classified', { severity: 'P1', category: 'infrastructure' });
  b.add(min(7), 'role.assigned', { roleId: 'incident-commander', person: 'Sam' });
  b.add(min(8), 'step.checked', { stepId: 'classification', itemId: 'classify.severity' });
  b.add(min(9), 'step.checked', { stepId: 'escalation', itemId: 'p1-1' });
  b.add(min(9), 'step.checked', { stepId: 'investigation', itemId: 'gather.what' });
  b.add(min(9), 'step.unchecked', { stepId: 'investigation', itemId: 'gather.what' });
  b.add(min(10), 'exercise.inject', { injectId: 'pool-exhausted-db-2', title: 'Connection pool exhausted on db-2', text: 'x', offsetMinutes: 10 });
  b.add(min(12), 'exercise.control', { action: 'pause' });
  b.add(min(17), 'exercise.control', { action: 'resume' });
  b.add(min(20), 'update.posted', { audience: 'stakeholders', channel: 'Slack #incidents', text: 'Investigating db-2' });
  b.add(min(25), 'exercise.observation', { text: 'Nobody thought of the status page' });
  b.add(min(40), 'exercise.control', { action: 'end' });
  return b;
}

describe('drill scorecard', () => {
  const b = fixture();
  const card = drillScorecard(b.state(), defaultPlan, script, min(90));

  it('measures the window from the start to the end, pauses excluded', () => {
    expect(card.startedAt).toBe(T0);
    expect(card.endedAt).toBe(min(40));
    expect(card.measuredUntil).toBe(min(40));
    expect(card.exerciseDurationMs).toBe(35 * M);
    expect(card.mode).toBe('live');
    expect(card.scriptId).toBe(script.id);
  });

  it('time to classify and whether the severity matched the expected one', () => {
    expect(card.timeToClassify).toBe(6 * M);
    expect(card.firstSeverity).toBe('P1');
    expect(card.finalSeverity).toBe('P1');
    expect(card.expectedSeverity).toBe('P1');
    expect(card.severityMatched).toBe(true);
  });

  it('time to first stakeholder and user update, in exercise time', () => {
    // Posted at wall T+20, after a 5-minute pause: 15 minutes of exercise time.
    expect(card.timeToFirstUpdate).toEqual({ stakeholders: 15 * M, users: null });
  });

  it('update-cadence compliance per audience the severity owes updates to', () => {
    const stakeholders = card.cadence.find((c) => c.audience === 'stakeholders');
    const users = card.cadence.find((c) => c.audience === 'users');
    // First stakeholder update due at T+15 (P1), posted T+20: late; next due T+35, none by the end: missed.
    expect(stakeholders).toMatchObject({ owed: 2, onTime: 0, late: 1, missed: 1, ratio: 0 });
    // User update due at T+30, never posted.
    expect(users).toMatchObject({ owed: 1, onTime: 0, late: 0, missed: 1 });
  });

  it('checklist completion per step (escalation follows the final severity; an unchecked item does not count)', () => {
    const step = (id: string) => card.steps.find((s) => s.stepId === id);
    expect(step('classification')).toMatchObject({ done: 1, total: 4 });
    expect(step('escalation')).toMatchObject({ done: 1, total: 5 });
    expect(step('investigation')).toMatchObject({ done: 0, total: 16 });
    expect(card.steps).toHaveLength(defaultPlan.steps.length);
  });

  it('clock breaches: the clocks overdue at the end of the exercise', () => {
    expect(card.clockBreaches.map((c) => [c.id, c.dueAt, c.completedAt, c.lateByMs])).toEqual([
      ['update:users', min(30), null, 10 * M],
      ['update:stakeholders', min(35), null, 5 * M],
    ]);
  });

  it('roles filled, with who and after how long', () => {
    expect(card.rolesFilled).toBe(1);
    expect(card.roles).toHaveLength(defaultPlan.roles.length);
    expect(card.roles.find((r) => r.roleId === 'incident-commander')).toEqual({ roleId: 'incident-commander', name: 'Incident Commander', person: 'Sam', filledAfterMs: 7 * M });
    expect(card.roles.find((r) => r.roleId === 'communications-lead')?.person).toBeNull();
  });

  it('scores each fired inject against its expected responses', () => {
    expect(card.injects.map((i) => i.injectId)).toEqual(['error-rate-7', 'pool-exhausted-db-2']);
    const [first, second] = card.injects;
    expect(first?.firedAtMs).toBe(5 * M);
    expect(first?.severity).toEqual({ expected: 'P1', actual: 'P1', met: true });
    expect(first?.checklist).toEqual([
      { stepId: 'classification', itemId: 'classify.severity', stepTitle: '2. Incident Classification', itemText: 'Severity Level: P0, P1, P2, or P3', met: true, afterMs: 3 * M },
      { stepId: 'classification', itemId: 'classify.category', stepTitle: '2. Incident Classification', itemText: 'Category: Infrastructure, Application, Security, Data', met: false, afterMs: null },
      { stepId: 'escalation', itemId: 'p1-1', stepTitle: '3. Escalation & Notification', itemText: 'Page on-call engineer within 15 minutes (Slack + email)', met: true, afterMs: 4 * M },
    ]);
    expect(second?.checklist.every((c) => !c.met)).toBe(true);
    expect(second?.updates).toEqual([{ audience: 'stakeholders', met: true, afterMs: 5 * M }]);
    expect(card.observations).toEqual([{ text: 'Nobody thought of the status page', at: min(25), by: 'Alex IC' }]);
  });

  it('ignores what happened after the end and reports a wrong severity', () => {
    const other = new IncidentBuilder();
    openDrill(other);
    other.add(min(3), 'incident.classified', { severity: 'P2' });
    other.add(min(10), 'exercise.control', { action: 'end' });
    other.add(min(11), 'severity.changed', { from: 'P2', to: 'P1', reason: 'after the debrief' });
    other.add(min(12), 'update.posted', { audience: 'users', channel: 'Email', text: 'late' });
    const c = drillScorecard(other.state(), defaultPlan, script, min(60));
    expect(c.finalSeverity).toBe('P2');
    expect(c.severityMatched).toBe(false);
    expect(c.timeToClassify).toBe(3 * M);
    expect(c.timeToFirstUpdate.users).toBeNull();
    expect(c.clockBreaches).toEqual([]);
    expect(c.injects).toEqual([]);
  });

  it('while the exercise runs, measures until now; nothing classified is reported as not done', () => {
    const running = new IncidentBuilder();
    openDrill(running);
    const c = drillScorecard(running.state(), defaultPlan, script, min(20));
    expect(c.endedAt).toBeNull();
    expect(c.measuredUntil).toBe(min(20));
    expect(c.timeToClassify).toBeNull();
    expect(c.severityMatched).toBe(false);
    expect(c.cadence).toEqual([]);
    expect(c.rolesFilled).toBe(0);
  });
});

describe('checklistItemName', () => {
  it('names a step and item as the plan does, escalation items of any severity, ids only when the plan lacks them', () => {
    expect(checklistItemName(defaultPlan, 'escalation', 'p0-1')).toEqual({ step: '3. Escalation & Notification', item: 'Page on-call engineer immediately (phone call)' });
    expect(checklistItemName(defaultPlan, 'classification', 'classify.scope').step).toBe('2. Incident Classification');
    expect(checklistItemName(defaultPlan, 'classification', 'classify.nope')).toEqual({ step: '2. Incident Classification', item: 'classify.nope' });
    expect(checklistItemName(defaultPlan, 'no-such-step', 'x.y')).toEqual({ step: 'no-such-step', item: 'x.y' });
  });
});
