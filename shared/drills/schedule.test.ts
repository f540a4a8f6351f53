// Inject scheduling: the exercise clock across pause/resume, firing order, late start and fire-next-now.
import { describe, expect, it } from 'vitest';
import { IncidentBuilder, min, T0 } from '../../test/fixtures/incident-builder';
import { elapsedAt, exerciseClock, injectSchedule, wallTimeAtElapsed } from './schedule';
import { drillScriptSchema, type DrillScript } from './script';

const script: DrillScript = drillScriptSchema.parse({
  id: 's', title: 'Script', scenarioId: 'memory-leak', openingSituation: 'Opening', expectedSeverity: 'P2',
  injects: [
    { id: 'c', atMinute: 20, title: 'Third', text: 'c' },
    { id: 'a', atMinute: 5, title: 'First', text: 'a' },
    { id: 'b1', atMinute: 10, title: 'Second (listed first)', text: 'b1' },
    { id: 'b2', atMinute: 10, title: 'Second (listed second)', text: 'b2' },
  ],
});

function drill(startAt = T0) {
  const b = new IncidentBuilder();
  b.add(T0, 'incident.opened', { title: 'Drill', detectedAt: new Date(T0).toISOString(), impactStartedAt: new Date(T0).toISOString(), drill: true });
  b.add(startAt, 'exercise.control', { action: 'start', scriptId: 's', mode: 'live' });
  return b;
}

const ids = (list: Array<{ id: string }>) => list.map((i) => i.id);

describe('exercise clock', () => {
  it('is not started before the start control and counts wall time while running', () => {
    const b = drill(min(2));
    const controls = b.state().exercise.controls;
    expect(exerciseClock(controls, min(1)).phase).toBe('not-started');
    expect(elapsedAt(controls, min(1))).toBe(0);
    expect(exerciseClock(controls, min(7))).toMatchObject({ phase: 'running', elapsedMs: 5 * 60_000, startedAt: min(2) });
  });

  it('stops counting while paused and continues after resume', () => {
    const b = drill();
    b.add(min(4), 'exercise.control', { action: 'pause' });
    b.add(min(14), 'exercise.control', { action: 'resume' });
    const controls = b.state().exercise.controls;
    expect(elapsedAt(controls, min(9))).toBe(4 * 60_000);
    expect(exerciseClock(controls, min(9)).phase).toBe('paused');
    expect(elapsedAt(controls, min(16))).toBe(6 * 60_000);
    expect(wallTimeAtElapsed(controls, min(9), 10 * 60_000)).toBeNull();
    expect(wallTimeAtElapsed(controls, min(16), 10 * 60_000)).toBe(min(20));
  });

  it('freezes at the end and ignores controls after it', () => {
    const b = drill();
    b.add(min(30), 'exercise.control', { action: 'end' });
    b.add(min(40), 'exercise.control', { action: 'resume' });
    const clock = exerciseClock(b.state().exercise.controls, min(60));
    expect(clock).toMatchObject({ phase: 'ended', elapsedMs: 30 * 60_000, endedAt: min(30) });
  });
});

describe('inject schedule', () => {
  it('fires injects in T+N order, ties in script order, each once', () => {
    const b = drill();
    expect(ids(injectSchedule(script, b.state().exercise, min(4)).due)).toEqual([]);
    expect(ids(injectSchedule(script, b.state().exercise, min(5)).due)).toEqual(['a']);
    b.add(min(5), 'exercise.inject', { injectId: 'a', title: 'First', text: 'a', offsetMinutes: 5 });
    const at10 = injectSchedule(script, b.state().exercise, min(10));
    expect(ids(at10.due)).toEqual(['b1', 'b2']);
    expect(at10.next?.id).toBe('b1');
    b.add(min(10), 'exercise.inject', { injectId: 'b1', title: 'x', text: 'b1' });
    b.add(min(10), 'exercise.inject', { injectId: 'b2', title: 'x', text: 'b2' });
    const at12 = injectSchedule(script, b.state().exercise, min(12));
    expect(ids(at12.due)).toEqual([]);
    expect(at12.next?.id).toBe('c');
    expect(at12.nextDueAt).toBe(min(20));
  });

  it('shifts the schedule by the length of a pause', () => {
    const b = drill();
    b.add(min(3), 'exercise.control', { action: 'pause' });
    expect(ids(injectSchedule(script, b.state().exercise, min(30)).due)).toEqual([]);
    b.add(min(30), 'exercise.control', { action: 'resume' });
    // 3 minutes ran before the pause: the T+5 inject is due 2 minutes after the resume.
    expect(injectSchedule(script, b.state().exercise, min(30)).nextDueAt).toBe(min(32));
    expect(ids(injectSchedule(script, b.state().exercise, min(31)).due)).toEqual([]);
    expect(ids(injectSchedule(script, b.state().exercise, min(32)).due)).toEqual(['a']);
  });

  it('counts from a late start, and fires everything overdue at once in order when the facilitator catches up', () => {
    const b = drill(min(45));
    expect(ids(injectSchedule(script, b.state().exercise, min(49)).due)).toEqual([]);
    expect(injectSchedule(script, b.state().exercise, min(45)).nextDueAt).toBe(min(50));
    expect(ids(injectSchedule(script, b.state().exercise, min(50)).due)).toEqual(['a']);
    // The facilitator's laptop slept until T+25 of exercise time.
    expect(ids(injectSchedule(script, b.state().exercise, min(70)).due)).toEqual(['a', 'b1', 'b2', 'c']);
  });

  it('fire-next-now takes the next unfired inject early; the rest keep their T+N times', () => {
    const b = drill();
    const before = injectSchedule(script, b.state().exercise, min(1));
    expect(before.next?.id).toBe('a');
    b.add(min(1), 'exercise.inject', { injectId: 'a', title: 'First', text: 'a' });
    const after = injectSchedule(script, b.state().exercise, min(6));
    expect(after.due).toEqual([]);
    expect(after.next?.id).toBe('b1');
    expect(after.nextDueAt).toBe(min(10));
  });

  it('fires nothing automatically in tabletop mode, before the start or after the end', () => {
    const tabletop = new IncidentBuilder();
    tabletop.open('P2', T0, { drill: true });
    tabletop.add(T0, 'exercise.control', { action: 'start', scriptId: 's', mode: 'tabletop' });
    const s = injectSchedule(script, tabletop.state().exercise, min(60));
    expect(s.due).toEqual([]);
    expect(s.next?.id).toBe('a');
    expect(s.nextDueAt).toBeNull();

    const notStarted = new IncidentBuilder();
    notStarted.open('P2', T0, { drill: true });
    expect(injectSchedule(script, notStarted.state().exercise, min(60)).due).toEqual([]);

    const ended = drill();
    ended.add(min(2), 'exercise.control', { action: 'end' });
    expect(injectSchedule(script, ended.state().exercise, min(60)).due).toEqual([]);
  });
});
