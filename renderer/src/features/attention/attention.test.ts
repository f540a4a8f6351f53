import { describe, expect, it } from 'vitest';
import type { Clock } from '@shared/clocks/types';
import type { ActiveAlert } from '../clocks';
import { attentionFor } from './attention';

function alert(incidentId: string, id: string, state: Clock['state'], dueAt: number, drill = false): ActiveAlert {
  const clock: Clock = {
    id, kind: 'update', label: id, hint: '', startedAt: 0, dueAt, state, active: true, remainingMs: 0,
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
});
