// The ICS-214 activity log from a timeline with explicit times: who did what when, positions held, task owners.
import { describe, expect, it } from 'vitest';
import { IncidentBuilder, min, T0 } from '../../test/fixtures/incident-builder';
import { fold } from '../incident/fold';
import { defaultPlan } from '../plan/default-plan';
import { activityLog } from './activity-log';

const TASK = '0190a000-0000-7000-8000-0000000000a1';

function incident() {
  const b = new IncidentBuilder(undefined, 'Dana', 'device-a');
  const sam = new IncidentBuilder(b.incidentId, 'Sam', 'device-b');
  b.add(T0, 'incident.opened', { title: 'Payments down', detectedAt: new Date(T0).toISOString(), impactStartedAt: new Date(T0).toISOString(), severity: 'P1' });
  b.add(min(1), 'role.assigned', { roleId: 'incident-commander', person: 'Dana' });
  b.add(min(2), 'entry.added', { kind: 'decision', text: 'Roll back the deploy' });
  b.add(min(3), 'task.created', { taskId: TASK, title: 'check the DB pool', owner: 'Engineer B', checkBackAt: new Date(min(6)).toISOString() });
  sam.add(min(5), 'entry.added', { kind: 'note', text: 'Pool at 100%' });
  b.add(min(7), 'task.done', { taskId: TASK });
  b.add(min(10), 'role.assigned', { roleId: 'incident-commander', person: 'Sam' });
  return fold(b.incidentId, [...b.events, ...sam.events]);
}

describe('activityLog', () => {
  const log = activityLog(incident(), defaultPlan, min(20));

  it('lists people by their first activity, each with what they did in time order', () => {
    expect(log.people.map((p) => p.person)).toEqual(['Dana', 'Engineer B', 'Sam']);
    const dana = log.people[0]!;
    expect(dana.activities.map((a) => [a.at, a.text])).toEqual([
      [T0, 'Incident declared: Payments down (P1)'],
      [min(1), 'Incident Commander: Dana'],
      [min(2), 'Decision: Roll back the deploy'],
      [min(3), expect.stringContaining('check the DB pool')],
      [min(7), expect.stringContaining('done')],
      [min(10), 'Incident Commander: Sam'],
    ]);
    expect(log.people[2]!.activities.map((a) => a.text)).toEqual(['Logged: Pool at 100%']);
  });

  it('gives each holder the position from assignment until the role passes on', () => {
    expect(log.people[0]!.positions).toEqual([{ roleId: 'incident-commander', role: 'Incident Commander', from: min(1), to: min(10) }]);
    expect(log.people[2]!.positions).toEqual([{ roleId: 'incident-commander', role: 'Incident Commander', from: min(10), to: null }]);
  });

  it('puts a task on its owner\'s log, who never touched a console, with who handed it out and when it was done', () => {
    expect(log.people[1]!.activities.map((a) => [a.at, a.text])).toEqual([
      [min(3), 'Task from Dana: check the DB pool'],
      [min(7), 'Task done: check the DB pool, recorded by Dana'],
    ]);
  });

  it('covers the operational period from detection to now while open', () => {
    expect(log).toMatchObject({ from: T0, to: min(20) });
  });
});
