// The debrief scorecard of a drill: how the team responded, from the drill's state, the plan and its script.
import { computeClocks } from '../clocks/clocks';
import type { Clock } from '../clocks/types';
import { checkKey, type IncidentState } from '../incident/state';
import { cadenceCompliance, type CadenceCompliance } from '../metrics/cadence';
import type { Plan } from '../plan/schema';
import { checklistItemName, stepChecklist } from './checklist';
import { elapsedAt, exerciseClock } from './schedule';
import type { DrillScript } from './script';

/**
 * Definitions. Times are exercise time (pauses excluded) from the exercise start, in ms; null when it never
 * happened. The measured window ends at the exercise end, or `now` while it runs.
 * - timeToClassify: the first severity set on the drill (declared or classified).
 * - severityMatched: the severity in force at the end equals the script's expected severity.
 * - timeToFirstUpdate[audience]: the first update posted to that audience.
 * - cadence: update-cadence compliance per audience the severity owes updates to (shared/metrics/cadence.ts).
 * - steps: checked items of each plan step at the end (escalation: the final severity's checklist).
 * - clockBreaches: clocks whose due time fell inside the window and that were not completed by then
 *   (still overdue at the end, or completed late).
 * - roles: each assignable plan role, who first filled it and when.
 * - injects: per fired inject, whether each expectation was met by the end, and when.
 */
export interface Scorecard {
  incidentId: string;
  title: string;
  scriptId: string | null;
  mode: string;
  startedAt: number | null;
  endedAt: number | null;
  measuredUntil: number;
  exerciseDurationMs: number;
  expectedSeverity: string | null;
  firstSeverity: string | null;
  finalSeverity: string | null;
  severityMatched: boolean | null;
  timeToClassify: number | null;
  timeToFirstUpdate: Record<string, number | null>;
  cadence: CadenceCompliance[];
  steps: Array<{ stepId: string; title: string; done: number; total: number }>;
  clockBreaches: Array<{ id: string; label: string; dueAt: number; completedAt: number | null; lateByMs: number }>;
  roles: Array<{ roleId: string; name: string; person: string | null; filledAfterMs: number | null }>;
  rolesFilled: number;
  injects: InjectResult[];
  observations: Array<{ text: string; at: number; by: string }>;
}

export interface InjectResult {
  injectId: string;
  title: string;
  firedAtMs: number;
  severity: { expected: string; actual: string | null; met: boolean } | null;
  /** stepTitle and itemText are the plan's names for the reference (its ids only when the plan lacks it). */
  checklist: Array<{ stepId: string; itemId: string; stepTitle: string; itemText: string; met: boolean; afterMs: number | null }>;
  updates: Array<{ audience: string; met: boolean; afterMs: number | null }>;
}

function breaches(clocks: Clock[], end: number): Scorecard['clockBreaches'] {
  return clocks
    .filter((c) => c.dueAt <= end && (c.completedAt === null || c.completedAt > c.dueAt || c.state === 'missed'))
    .map((c) => ({
      id: c.id, label: c.label, dueAt: c.dueAt,
      completedAt: c.completedAt !== null && c.completedAt <= end ? c.completedAt : null,
      lateByMs: (c.completedAt !== null && c.completedAt <= end ? c.completedAt : end) - c.dueAt,
    }))
    .sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : 1));
}

function severityAtTime(state: IncidentState, at: number): string | null {
  let current: string | null = null;
  for (const change of state.severityHistory) if (change.at <= at) current = change.severity;
  return current;
}

export function drillScorecard(state: IncidentState, plan: Plan, script: DrillScript | null, now: number): Scorecard {
  const controls = state.exercise.controls;
  const clock = exerciseClock(controls, now);
  const end = clock.endedAt ?? now;
  const t0 = clock.startedAt ?? state.detectedAt;
  // Exercise time of a wall instant (before the start counts as 0); falls back to wall time without controls.
  const ex = (at: number) => (clock.startedAt === null ? Math.max(0, at - t0) : elapsedAt(controls, Math.max(at, t0)));
  const within = (at: number) => at <= end;

  const firstSeverityChange = state.severityHistory.find((c) => within(c.at));
  const finalSeverity = severityAtTime(state, end);
  const expectedSeverity = script?.expectedSeverity ?? null;

  const audiences = plan.audiences.map((a) => a.id);
  const timeToFirstUpdate: Record<string, number | null> = {};
  for (const audience of audiences) {
    const first = state.updates.filter((u) => u.audience === audience && within(u.at)).sort((a, b) => a.at - b.at)[0];
    timeToFirstUpdate[audience] = first ? ex(first.at) : null;
  }
  const owed = new Set<string>();
  for (const severity of plan.severities) {
    if (state.severityHistory.some((c) => c.severity === severity.id)) for (const c of severity.updateCadences) owed.add(c.audience);
  }
  const cadence = audiences.filter((a) => owed.has(a)).map((audience) => cadenceCompliance(state, plan, audience, end));

  const checkedBy = (stepId: string, itemId: string) => {
    const check = state.checks[checkKey(stepId, itemId)];
    return check?.checked && within(check.at) ? check : null;
  };
  const steps = plan.steps.map((step) => {
    const items = stepChecklist(plan, step, finalSeverity);
    return { stepId: step.id, title: step.title, done: items.filter((i) => checkedBy(step.id, i.itemId)).length, total: items.length };
  });

  const assignments = state.timeline.filter((e) => e.event.type === 'role.assigned' && within(e.occurredAt));
  const roles = plan.roles.filter((r) => r.assignable).map((role) => {
    const first = assignments.find((e) => e.event.type === 'role.assigned' && e.event.payload.roleId === role.id);
    const person = first && first.event.type === 'role.assigned' ? first.event.payload.person : null;
    return { roleId: role.id, name: role.name, person, filledAfterMs: first ? ex(first.occurredAt) : null };
  });

  const firstFire = new Map<string, number>();
  for (const inject of state.exercise.injects) if (!firstFire.has(inject.injectId) || inject.at < (firstFire.get(inject.injectId) as number)) firstFire.set(inject.injectId, inject.at);
  const injects: InjectResult[] = [];
  for (const inject of script?.injects ?? []) {
    const firedAt = firstFire.get(inject.id);
    if (firedAt === undefined || !within(firedAt)) continue;
    const expected = inject.expected;
    const severity = expected.severity ? { expected: expected.severity, actual: finalSeverity, met: finalSeverity === expected.severity } : null;
    const checklist = expected.checklistItems.map((ref) => {
      const check = checkedBy(ref.stepId, ref.itemId);
      const name = checklistItemName(plan, ref.stepId, ref.itemId);
      return { stepId: ref.stepId, itemId: ref.itemId, stepTitle: name.step, itemText: name.item, met: check !== null, afterMs: check ? Math.max(0, ex(check.at) - ex(firedAt)) : null };
    });
    const updates = expected.updatesDue.map((audience) => {
      const update = state.updates.filter((u) => u.audience === audience && u.at >= firedAt && within(u.at)).sort((a, b) => a.at - b.at)[0];
      return { audience, met: update !== undefined, afterMs: update ? ex(update.at) - ex(firedAt) : null };
    });
    injects.push({ injectId: inject.id, title: inject.title, firedAtMs: ex(firedAt), severity, checklist, updates });
  }

  return {
    incidentId: state.id,
    title: state.title,
    scriptId: clock.scriptId ?? script?.id ?? null,
    mode: clock.mode,
    startedAt: clock.startedAt,
    endedAt: clock.endedAt,
    measuredUntil: end,
    exerciseDurationMs: ex(end),
    expectedSeverity,
    firstSeverity: firstSeverityChange?.severity ?? null,
    finalSeverity,
    severityMatched: expectedSeverity === null ? null : finalSeverity === expectedSeverity,
    timeToClassify: firstSeverityChange ? ex(firstSeverityChange.at) : null,
    timeToFirstUpdate,
    cadence,
    steps,
    clockBreaches: breaches(computeClocks(state, plan, end), end),
    roles,
    rolesFilled: roles.filter((r) => r.person !== null).length,
    injects,
    observations: state.exercise.observations.map((o) => ({ text: o.text, at: o.at, by: o.by })),
  };
}
