// The training log: drills, tabletops and trainings held (from drill incidents) and when each is next due.
import type { ExerciseMode } from '../incident/events';
import type { IncidentState } from '../incident/state';
import type { CalendarPeriod, Exercise, Plan } from '../plan/schema';

export type ExerciseKind = Exercise['kind'];

export interface ExerciseSession {
  incidentId: string;
  kind: ExerciseKind;
  title: string;
  /** When it was held: the exercise start, else the drill's detection time. */
  at: number;
  endedAt: number | null;
  scriptId: string | null;
}

const kindOfMode: Record<ExerciseMode, ExerciseKind> = { live: 'drill', tabletop: 'tabletop', training: 'training' };

/** The session a drill incident records, or null for a real incident or one that was never opened. */
export function sessionOf(state: IncidentState): ExerciseSession | null {
  if (!state.drill || !state.opened) return null;
  const start = state.exercise.controls.filter((c) => c.action === 'start').sort((a, b) => a.at - b.at)[0];
  const end = state.exercise.controls.filter((c) => c.action === 'end').sort((a, b) => a.at - b.at)[0];
  return {
    incidentId: state.id,
    kind: kindOfMode[start?.mode ?? 'live'],
    title: state.title,
    at: start?.at ?? state.detectedAt,
    endedAt: end?.at ?? null,
    scriptId: start?.scriptId ?? null,
  };
}

/** Add a calendar period in UTC; a month-end date clamps (31 Jan + 1 month = 28/29 Feb). */
export function addPeriod(at: number, period: CalendarPeriod): number {
  const d = new Date(at);
  if (period.unit === 'day') return at + period.count * 86_400_000;
  if (period.unit === 'week') return at + period.count * 7 * 86_400_000;
  const months = period.unit === 'month' ? period.count : period.count * 12;
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

export interface TrainingLogRow {
  kind: ExerciseKind;
  name: string;
  frequencyText: string;
  held: ExerciseSession[];
  lastAt: number | null;
  /** Last held + the plan's cadence; `now` when never held (due now). */
  nextDueAt: number;
  overdue: boolean;
}

/** One row per exercise the plan asks for, sessions newest first. */
export function trainingLog(sessions: ExerciseSession[], plan: Plan, now: number): TrainingLogRow[] {
  return plan.exercises.map((exercise) => {
    const held = sessions.filter((s) => s.kind === exercise.kind && s.at <= now).sort((a, b) => b.at - a.at);
    const lastAt = held[0]?.at ?? null;
    const nextDueAt = lastAt === null ? now : addPeriod(lastAt, exercise.frequency);
    return { kind: exercise.kind, name: exercise.name, frequencyText: exercise.frequencyText, held, lastAt, nextDueAt, overdue: lastAt === null || nextDueAt < now };
  });
}
