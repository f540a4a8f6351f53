// Training log: sessions from drill incidents, next due per the plan's calendar cadences.
import { describe, expect, it } from 'vitest';
import { IncidentBuilder } from '../../test/fixtures/incident-builder';
import type { ExerciseMode } from '../incident/events';
import { defaultPlan } from '../plan/default-plan';
import { addPeriod, sessionOf, trainingLog } from './training-log';

const at = (iso: string) => Date.parse(iso);

function session(mode: ExerciseMode | null, when: string, drill = true, n = 1) {
  const b = new IncidentBuilder(`0190a000-0000-7000-8000-00000000000${n}`);
  b.add(at(when), 'incident.opened', { title: `Exercise ${n}`, detectedAt: when, impactStartedAt: when, drill });
  if (mode) b.add(at(when), 'exercise.control', { action: 'start', mode, scriptId: 'x' });
  return b.state();
}

describe('training log', () => {
  it('derives the session kind from the start mode; real incidents are not sessions', () => {
    expect(sessionOf(session('live', '2026-01-10T10:00:00.000Z'))?.kind).toBe('drill');
    expect(sessionOf(session('tabletop', '2026-01-10T10:00:00.000Z'))?.kind).toBe('tabletop');
    expect(sessionOf(session('training', '2026-01-10T10:00:00.000Z'))?.kind).toBe('training');
    expect(sessionOf(session(null, '2026-01-10T10:00:00.000Z'))).toMatchObject({ kind: 'drill', at: at('2026-01-10T10:00:00.000Z') });
    expect(sessionOf(session('live', '2026-01-10T10:00:00.000Z', false))).toBeNull();
  });

  it('adds calendar months with month-end clamping', () => {
    expect(addPeriod(at('2026-01-31T09:00:00.000Z'), { count: 1, unit: 'month' })).toBe(at('2026-02-28T09:00:00.000Z'));
    expect(addPeriod(at('2026-11-15T09:00:00.000Z'), { count: 3, unit: 'month' })).toBe(at('2027-02-15T09:00:00.000Z'));
    expect(addPeriod(at('2026-11-15T09:00:00.000Z'), { count: 1, unit: 'year' })).toBe(at('2027-11-15T09:00:00.000Z'));
  });

  it('lists what was held and when each is next due: drills monthly, tabletops and training quarterly', () => {
    const sessions = [
      session('live', '2026-01-10T10:00:00.000Z', true, 1),
      session('live', '2026-02-12T10:00:00.000Z', true, 2),
      session('tabletop', '2025-12-01T10:00:00.000Z', true, 3),
    ].map((s) => sessionOf(s)!);
    const now = at('2026-03-20T00:00:00.000Z');
    const log = trainingLog(sessions, defaultPlan, now);
    const row = (kind: string) => log.find((r) => r.kind === kind)!;
    expect(row('drill').held.map((s) => s.title)).toEqual(['Exercise 2', 'Exercise 1']);
    expect(row('drill').nextDueAt).toBe(at('2026-03-12T10:00:00.000Z'));
    expect(row('drill').overdue).toBe(true);
    expect(row('tabletop').nextDueAt).toBe(at('2026-03-01T10:00:00.000Z'));
    expect(row('tabletop').overdue).toBe(true);
    expect(row('training')).toMatchObject({ held: [], lastAt: null, nextDueAt: now, overdue: true });
    const early = trainingLog(sessions, defaultPlan, at('2026-02-20T00:00:00.000Z'));
    expect(early.find((r) => r.kind === 'drill')?.overdue).toBe(false);
  });
});
