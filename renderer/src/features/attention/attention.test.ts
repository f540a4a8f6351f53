import { describe, expect, it } from 'vitest';
import type { Clock } from '@shared/clocks/types';
import type { ActiveAlert } from '../clocks';
import { attentionFor } from './attention';

function alert(incidentId: string, id: string, state: Clock['state'], dueAt: number, drill = false, kind: Clock['kind'] = 'update'): ActiveAlert {
  const clock: Clock = {
    id, kind, label: id, hint: '', startedAt: 0, dueAt, state, active: true, remainingMs: 0,
    completedAt: null, snoozedUntil: null, snoozeReason: null, alerting: true,
  };
  return { key: `${incidentId}|${id}|${state}`, incidentId, incidentTitle: incidentId, severity: 'P0', drill, clock };
}

describe('attentionFor', () => {
  const byIncident = {
    real: [alert('real', 'soon', 'due-soon', 10), alert('real', 'late', 'overdue', 50), alert('real', 'later', 'overdue', 60)],
    drill: [alert('drill', 'drill-late', 'overdue', 1, true)],
    other: [alert('other', 'other-soon', 'due-soon', 5)],
  };

  it('own alerts: overdue first, then the one due first; dismissed ones left out', () => {
    const view = attentionFor('real', false, byIncident, new Set(['real|late|overdue']));
    expect(view.own.map((a) => a.clock.id)).toEqual(['later', 'soon']);
  });

  it('a real console never lists a drill; a drill console lists drills and real incidents apart', () => {
    const real = attentionFor('real', false, byIncident, new Set());
    expect(real.others.map((o) => o.incidentId)).toEqual(['other']);
    expect(real.realElsewhere).toEqual([]);
    const drill = attentionFor('drill', true, byIncident, new Set());
    expect(drill.own.every((a) => a.drill)).toBe(true);
    expect(drill.others).toEqual([]);
    expect(drill.realElsewhere.map((o) => [o.incidentId, o.top.clock.id, o.count])).toEqual([['real', 'late', 3], ['other', 'other-soon', 1]]);
  });

  it('a breached commitment of the plan comes before the room\'s own reminders, even ones late for longer', () => {
    const own = attentionFor('p1', false, { p1: [
      alert('p1', 'task:pool', 'overdue', 100, false, 'task'),
      alert('p1', 'action-deadline:a1', 'overdue', 90, false, 'action-deadline'),
      alert('p1', 'role-response:dba', 'overdue', 110, false, 'role-response'),
      alert('p1', 'response', 'overdue', 160, false, 'response'),
      alert('p1', 'update:users', 'due-soon', 170, false, 'update'),
      alert('p1', 'task:logs', 'due-soon', 165, false, 'task'),
    ] }, new Set()).own;
    expect(own.map((a) => a.clock.id)).toEqual(['response', 'role-response:dba', 'task:pool', 'action-deadline:a1', 'update:users', 'task:logs']);
  });

  it('other incidents are ranked by their most urgent alert the same way', () => {
    const view = attentionFor(null, false, {
      tasky: [alert('tasky', 'task:x', 'overdue', 10, false, 'task')],
      breached: [alert('breached', 'response', 'overdue', 50, false, 'response')],
    }, new Set());
    expect(view.others.map((o) => o.incidentId)).toEqual(['breached', 'tasky']);
  });
});
