import { describe, expect, it } from 'vitest';
import { compareUrgency, sortByUrgency } from './priority';
import type { Clock } from './types';

const clock = (id: string, kind: Clock['kind'], state: Clock['state'], dueAt: number): Clock => ({
  id, kind, label: id, hint: '', startedAt: 0, dueAt, state, active: state === 'ok' || state === 'due-soon' || state === 'overdue',
  remainingMs: 0, completedAt: null, snoozedUntil: null, snoozeReason: null, alerting: state !== 'ok',
});

describe('clock urgency', () => {
  it('orders by state, then the plan\'s commitments before the room\'s reminders, then due first', () => {
    const sorted = sortByUrgency([
      clock('met-response', 'response', 'met', 1),
      clock('task-late', 'task', 'overdue', 10),
      clock('pir', 'pir', 'ok', 5),
      clock('response', 'response', 'overdue', 40),
      clock('update-soon', 'update', 'due-soon', 60),
      clock('task-soon', 'task', 'due-soon', 50),
      clock('resolution', 'resolution', 'ok', 90),
      clock('role', 'role-response', 'overdue', 20),
    ]);
    expect(sorted.map((c) => c.id)).toEqual(['response', 'role', 'task-late', 'update-soon', 'task-soon', 'resolution', 'pir', 'met-response']);
  });

  it('breaks ties by due time, then by id, so every list shows the same order', () => {
    expect(compareUrgency(clock('a', 'update', 'overdue', 5), clock('b', 'response', 'overdue', 9))).toBeLessThan(0);
    expect(sortByUrgency([clock('b', 'update', 'ok', 5), clock('a', 'update', 'ok', 5)]).map((c) => c.id)).toEqual(['a', 'b']);
  });
});
