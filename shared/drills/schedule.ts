// The exercise clock (start/pause/resume/end) and which scripted injects are due at a wall instant.
import type { ExerciseMode } from '../incident/events';
import type { ExerciseState } from '../incident/state';
import { injectsInOrder, type DrillScript, type Inject } from './script';

export type ExerciseControl = ExerciseState['controls'][number];
export type ExercisePhase = 'not-started' | 'running' | 'paused' | 'ended';

interface Segment { from: number; to: number | null }

/**
 * The running segments of the exercise clock, from controls in occurrence order. The first `start` starts it;
 * later starts are ignored; pause stops, resume restarts, end stops for good. Controls after `at` are ignored.
 */
function segments(controls: ExerciseControl[], at: number): { segments: Segment[]; phase: ExercisePhase } {
  const out: Segment[] = [];
  let phase: ExercisePhase = 'not-started';
  const ordered = controls.map((c, i) => ({ c, i })).sort((a, b) => a.c.at - b.c.at || a.i - b.i).map((x) => x.c);
  for (const control of ordered) {
    if (control.at > at) break;
    const open = out[out.length - 1];
    if (control.action === 'start' && phase === 'not-started') { out.push({ from: control.at, to: null }); phase = 'running'; }
    else if (control.action === 'pause' && phase === 'running' && open) { open.to = control.at; phase = 'paused'; }
    else if (control.action === 'resume' && phase === 'paused') { out.push({ from: control.at, to: null }); phase = 'running'; }
    else if (control.action === 'end' && (phase === 'running' || phase === 'paused')) { if (open && open.to === null) open.to = control.at; phase = 'ended'; }
  }
  return { segments: out, phase };
}

export interface ExerciseClock {
  phase: ExercisePhase;
  /** Exercise time elapsed at the instant asked, pauses excluded (ms). */
  elapsedMs: number;
  startedAt: number | null;
  endedAt: number | null;
  mode: ExerciseMode;
  scriptId: string | null;
}

export function exerciseClock(controls: ExerciseControl[], at: number): ExerciseClock {
  const { segments: segs, phase } = segments(controls, at);
  const elapsedMs = segs.reduce((sum, s) => sum + Math.max(0, (s.to ?? at) - s.from), 0);
  const start = controls.filter((c) => c.action === 'start').sort((a, b) => a.at - b.at)[0];
  const end = phase === 'ended' ? controls.filter((c) => c.action === 'end' && c.at <= at).sort((a, b) => a.at - b.at)[0] : undefined;
  return {
    phase, elapsedMs,
    startedAt: start && start.at <= at ? start.at : null,
    endedAt: end?.at ?? null,
    mode: start?.mode ?? 'live',
    scriptId: start?.scriptId ?? null,
  };
}

/** Exercise time (ms) at a wall instant; the measure the scorecard uses so that pauses are not counted. */
export function elapsedAt(controls: ExerciseControl[], at: number): number {
  return exerciseClock(controls, at).elapsedMs;
}

/** The wall instant at which the running clock reaches `elapsedMs`, or null while it is not running. */
export function wallTimeAtElapsed(controls: ExerciseControl[], now: number, elapsedMs: number): number | null {
  const clock = exerciseClock(controls, now);
  if (clock.phase !== 'running') return null;
  return now + Math.max(0, elapsedMs - clock.elapsedMs);
}

export interface InjectSchedule {
  clock: ExerciseClock;
  /** Injects in firing order not fired yet whose T+N has been reached: fire these now, in this order. */
  due: Inject[];
  /** The next not-yet-fired inject in firing order (the one "fire next now" fires). */
  next: Inject | null;
  /** When `next` is due on the wall clock, if the exercise is running. */
  nextDueAt: number | null;
  fired: Set<string>;
  remaining: Inject[];
}

/**
 * What to fire at `now`. Nothing fires before the start, while paused, after the end, or in tabletop mode
 * (the facilitator walks the team through the injects by hand there). A late start or a facilitator laptop
 * that slept fires every overdue inject at once, still in script order.
 */
export function injectSchedule(script: DrillScript, exercise: ExerciseState, now: number): InjectSchedule {
  const clock = exerciseClock(exercise.controls, now);
  const fired = new Set(exercise.injects.map((i) => i.injectId));
  const remaining = injectsInOrder(script).filter((inject) => !fired.has(inject.id));
  const next = remaining[0] ?? null;
  const live = clock.phase === 'running' && clock.mode === 'live';
  const due = live ? remaining.filter((inject) => inject.atMinute * 60_000 <= clock.elapsedMs) : [];
  const nextDueAt = live && next ? wallTimeAtElapsed(exercise.controls, now, next.atMinute * 60_000) : null;
  return { clock, due, next, nextDueAt, fired, remaining };
}
