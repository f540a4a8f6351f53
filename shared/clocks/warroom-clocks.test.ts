import { describe, expect, it } from 'vitest';
import { computeClocks } from './clocks';
import { defaultPlan } from '../plan/default-plan';
import { IncidentBuilder, min } from '../../test/fixtures/incident-builder';
import type { Clock } from './types';
import type { Plan } from '../plan/schema';

const plan = defaultPlan;
const TASK = '0190a000-0000-7000-8000-0000000000aa';
const iso = (ms: number) => new Date(ms).toISOString();
const find = (clocks: Clock[], id: string) => clocks.find((c) => c.id === id);
const at = (inc: IncidentBuilder, now: number, p: Plan = plan) => computeClocks(inc.state(), p, now);

describe('task check-back clock', () => {
  it('runs from creation to the check-back time: ok, due soon in the last minute of 3, overdue after', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    inc.add(min(2), 'task.created', { taskId: TASK, title: 'Check the DB pool', owner: 'Engineer B', checkBackAt: iso(min(5)) });
    const early = find(at(inc, min(3)), `task:${TASK}`);
    expect(early).toMatchObject({ kind: 'task', state: 'ok', startedAt: min(2), dueAt: min(5), label: 'Check back: Engineer B: Check the DB pool' });
    // Due soon inside the last third of a 3-minute span (the plan's 5-minute window is capped at a third).
    expect(find(at(inc, min(4) + 1), `task:${TASK}`)?.state).toBe('due-soon');
    const late = find(at(inc, min(6)), `task:${TASK}`);
    expect(late).toMatchObject({ state: 'overdue', alerting: true, remainingMs: -60_000 });
  });

  it('done or dropped removes the clock; reassigning moves owner and time', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    inc.add(min(2), 'task.created', { taskId: TASK, title: 'Check the DB pool', owner: 'Engineer B', checkBackAt: iso(min(5)) });
    inc.add(min(4), 'task.reassigned', { taskId: TASK, owner: 'Grace', checkBackAt: iso(min(14)) });
    expect(find(at(inc, min(6)), `task:${TASK}`)).toMatchObject({ state: 'ok', dueAt: min(14), label: 'Check back: Grace: Check the DB pool' });
    inc.add(min(7), 'task.done', { taskId: TASK });
    expect(find(at(inc, min(20)), `task:${TASK}`)).toBeUndefined();
  });

  it('a task update that arrives before its creation waits for it; resolving stops task clocks', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    const created = inc.add(min(2), 'task.created', { taskId: TASK, title: 'Roll back', owner: 'Engineer B', checkBackAt: iso(min(5)) });
    inc.add(min(3), 'task.dropped', { taskId: TASK, reason: 'not needed' });
    inc.events.splice(inc.events.indexOf(created), 1);
    expect(at(inc, min(4)).some((c) => c.kind === 'task')).toBe(false);
    inc.events.push(created);
    expect(at(inc, min(4)).some((c) => c.kind === 'task')).toBe(false); // dropped, whatever the arrival order
    const other = new IncidentBuilder();
    other.open('P1');
    other.add(min(2), 'task.created', { taskId: TASK, title: 'Roll back', owner: 'Engineer B', checkBackAt: iso(min(5)) });
    other.add(min(3), 'status.changed', { to: 'resolved' });
    expect(at(other, min(10)).some((c) => c.kind === 'task')).toBe(false);
  });
});

describe('role response clock', () => {
  it('a request starts the role response clock with the plan target for the role (DBA 30m, Security 15m)', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    inc.add(min(5), 'role.requested', { roleId: 'database-administrator' });
    inc.add(min(6), 'role.requested', { roleId: 'security-officer' });
    const clocks = at(inc, min(10));
    expect(find(clocks, 'role-request:database-administrator')).toMatchObject({ kind: 'role-response', state: 'ok', startedAt: min(5), dueAt: min(35), active: true });
    expect(find(clocks, 'role-request:security-officer')).toMatchObject({ dueAt: min(21) });
    expect(find(at(inc, min(36)), 'role-request:database-administrator')?.state).toBe('overdue');
  });

  it('assigning someone to the role stops its clock: met when in time, missed when late', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    inc.add(min(5), 'role.requested', { roleId: 'database-administrator' });
    inc.add(min(6), 'role.requested', { roleId: 'communications-lead' });
    inc.add(min(20), 'role.assigned', { roleId: 'database-administrator', person: 'Grace' });
    inc.add(min(25), 'role.assigned', { roleId: 'communications-lead', person: 'Casey' });
    const clocks = at(inc, min(40));
    expect(find(clocks, 'role-request:database-administrator')).toMatchObject({ state: 'met', active: false, completedAt: min(20) });
    expect(find(clocks, 'role-request:communications-lead')).toMatchObject({ state: 'missed', completedAt: min(25) });
  });

  it('reads the target from the plan, per severity when the plan gives one; an assignment before the request does not answer it', () => {
    const inc = new IncidentBuilder();
    inc.open('P0');
    inc.add(min(1), 'role.assigned', { roleId: 'incident-commander', person: 'Alex' });
    inc.add(min(2), 'role.requested', { roleId: 'incident-commander' });
    expect(find(at(inc, min(3)), 'role-request:incident-commander')).toMatchObject({ dueAt: min(7), active: true }); // P0: 5m
    const slower: Plan = { ...plan, roles: plan.roles.map((r) => (r.id === 'incident-commander' ? { ...r, responseTargets: [{ severity: 'P0', within: '9m' }] } : r)) };
    expect(find(at(inc, min(3), slower), 'role-request:incident-commander')?.dueAt).toBe(min(11));
  });
});
