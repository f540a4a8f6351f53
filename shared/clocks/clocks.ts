// Every clock of an incident as a pure function of (state, plan, now): nothing ticks in storage, so a
// restart, a sleeping laptop or a second replica all see the same clocks.
import type { IncidentState } from '../incident/state';
import type { Plan, Severity } from '../plan/schema';
import { parseDuration } from '../time/duration';
import type { Clock } from './types';
import { roleRequestClocks, taskClocks } from './warroom-clocks';
import { sortByUrgency } from './priority';
import { stepDueClocks } from './step-clocks';

/** What each clock rule decides; `finish` derives the rest (state, remaining time, snooze, alerting). */
export type ClockSpec = Pick<Clock, 'id' | 'kind' | 'label' | 'hint' | 'startedAt' | 'dueAt' | 'completedAt' | 'audience' | 'actionItemId' | 'taskId' | 'roleId'> & {
  /** Overrides the on-time test when finishing early is the failure (a recurrence watch cut short). */
  outcome?: 'met' | 'missed';
};

export function severityOf(plan: Plan, state: IncidentState): Severity | undefined {
  return plan.severities.find((s) => s.id === state.severity);
}

/**
 * The severity the clocks run on. An incident declared before it is classified is held to the plan's most
 * severe level until someone classifies it: assume the worst, never run without a response clock.
 */
export function clockSeverity(plan: Plan, state: IncidentState): { severity: Severity; assumed: boolean } | undefined {
  const classified = severityOf(plan, state);
  if (classified) return { severity: classified, assumed: false };
  const worst = [...plan.severities].sort((a, b) => a.rank - b.rank)[0];
  return worst ? { severity: worst, assumed: true } : undefined;
}

/** Amber when less than this remains: the plan's dueSoonWithin, but never more than a third of the span. */
export function dueSoonWindow(plan: Plan, spanMs: number): number {
  return Math.min(parseDuration(plan.timers.dueSoonWithin), Math.max(0, spanMs) / 3);
}

function finish(spec: ClockSpec, plan: Plan, state: IncidentState, now: number): Clock {
  const snooze = state.snoozes[spec.id];
  const snoozedUntil = snooze && snooze.until > now ? snooze.until : null;
  let stateName: Clock['state'];
  if (spec.completedAt !== null) stateName = spec.outcome ?? (spec.completedAt <= spec.dueAt ? 'met' : 'missed');
  else if (now >= spec.dueAt) stateName = 'overdue';
  else if (spec.dueAt - now <= dueSoonWindow(plan, spec.dueAt - spec.startedAt)) stateName = 'due-soon';
  else stateName = 'ok';
  const active = spec.completedAt === null;
  return {
    ...spec,
    state: stateName,
    active,
    remainingMs: spec.dueAt - now,
    snoozedUntil,
    snoozeReason: snoozedUntil ? snooze?.reason ?? null : null,
    alerting: active && (stateName === 'due-soon' || stateName === 'overdue') && snoozedUntil === null,
  };
}

function updateClocks(plan: Plan, state: IncidentState, severity: Severity, now: number): ClockSpec[] {
  if (state.resolvedAt !== null) return [];
  return severity.updateCadences.map((cadence) => {
    const every = parseDuration(cadence.every);
    const audience = plan.audiences.find((a) => a.id === cadence.audience)?.name ?? cadence.audience;
    let last: number | null = null;
    for (const update of state.updates) if (update.audience === cadence.audience && update.at <= now && (last === null || update.at > last)) last = update.at;
    const startedAt = last ?? state.detectedAt;
    const dueAt = last !== null ? last + every : state.detectedAt + parseDuration(cadence.firstAfter ?? cadence.every);
    return {
      id: `update:${cadence.audience}`, kind: 'update', audience: cadence.audience,
      label: `Next ${audience.toLowerCase()} update`, hint: `Post a status update to ${audience.toLowerCase()} (every ${cadence.every}).`,
      startedAt, dueAt, completedAt: null,
    } satisfies ClockSpec;
  });
}

function targetClocks(state: IncidentState, severity: Severity, assumed: boolean): ClockSpec[] {
  const level = assumed ? `${severity.id} assumed until classified` : severity.id;
  return [
    {
      id: 'response', kind: 'response', label: `Response target (${level}: ${severity.responseTargetText})`,
      hint: state.acknowledgementRule === 1
        ? 'Acknowledge: someone takes the incident (assign the incident commander or on-call engineer).'
        : 'Page the on-call (Roles): met when a paged or assigned responder acknowledges, from the page link or on their own console.',
      // Resolved without anyone recorded as acknowledging: the response ended at resolution at the latest.
      startedAt: state.detectedAt, dueAt: state.detectedAt + parseDuration(severity.responseTarget), completedAt: state.acknowledgedAt ?? state.resolvedAt,
    },
    {
      id: 'resolution', kind: 'resolution', label: `Resolution target (${level}: < ${severity.resolutionTarget})`,
      hint: 'Resolve the incident, or escalate.',
      startedAt: state.detectedAt, dueAt: state.detectedAt + parseDuration(severity.resolutionTarget), completedAt: state.resolvedAt,
    },
  ];
}

function breachApplies(plan: Plan, state: IncidentState): boolean {
  if (state.breach) return true;
  return state.category !== null && (plan.compliance.breachNotification?.appliesToCategories.includes(state.category) ?? false);
}

/** A plan without a notification duty runs no notification clock (never the built-in plan's). */
function breachClock(plan: Plan, state: IncidentState): ClockSpec | null {
  const rule = plan.compliance.breachNotification;
  if (!rule) return null;
  const discoveredAt = state.breach?.discoveredAt ?? state.detectedAt;
  return {
    id: 'breach-notification', kind: 'breach-notification', label: `${rule.regulation} breach notification (${rule.window} from discovery)`,
    hint: 'Notify the supervisory authority, and affected individuals if high risk.',
    startedAt: discoveredAt, dueAt: discoveredAt + parseDuration(rule.window), completedAt: state.breach?.authorityNotifiedAt ?? null,
  };
}

function recurrenceClock(plan: Plan, state: IncidentState, now: number): ClockSpec | null {
  const watch = parseDuration(plan.timers.recurrenceWatch);
  if (state.monitoringSince !== null) {
    const dueAt = state.monitoringSince + watch;
    return {
      id: 'recurrence-watch', kind: 'recurrence-watch', label: `Recurrence watch (${plan.timers.recurrenceWatch})`,
      hint: 'Watch complete without recurrence: verify and declare resolved.',
      startedAt: state.monitoringSince, dueAt, completedAt: now >= dueAt ? dueAt : null,
    };
  }
  // Resolved straight from monitoring: the watch ended at resolution, on time or cut short.
  const lastMonitoring = [...state.statusHistory].reverse().find((c) => c.status === 'monitoring');
  if (state.resolvedAt !== null && lastMonitoring && lastMonitoring.at <= state.resolvedAt) {
    const dueAt = lastMonitoring.at + watch;
    const full = state.resolvedAt >= dueAt;
    return {
      id: 'recurrence-watch', kind: 'recurrence-watch', label: `Recurrence watch (${plan.timers.recurrenceWatch})`,
      hint: full ? 'Watched the full period before resolving.' : 'Resolved before the recurrence watch ended.',
      startedAt: lastMonitoring.at, dueAt, completedAt: full ? dueAt : state.resolvedAt, outcome: full ? 'met' : 'missed',
    };
  }
  return null;
}

function pirClock(plan: Plan, state: IncidentState): ClockSpec | null {
  if (state.resolvedAt === null) return null;
  return {
    id: 'pir', kind: 'pir', label: `Post-incident review (${plan.pir.dueAfterResolutionText.toLowerCase()})`,
    hint: 'Hold the review and finalise the document.',
    startedAt: state.resolvedAt, dueAt: state.resolvedAt + parseDuration(plan.timers.pirDueAfterResolution), completedAt: state.pirFinalizedAt,
  };
}

function actionClocks(plan: Plan, state: IncidentState): ClockSpec[] {
  const followUp = parseDuration(plan.timers.actionItemFollowUp);
  const out: ClockSpec[] = [];
  for (const item of state.actionItems) {
    if (item.status === 'done' || item.status === 'cancelled') continue;
    if (item.deadline !== null) {
      out.push({
        id: `action-deadline:${item.id}`, kind: 'action-deadline', actionItemId: item.id, label: `Action due: ${item.title}`,
        hint: `Owner: ${item.owner || 'unassigned'}.`, startedAt: item.createdAt, dueAt: item.deadline, completedAt: null,
      });
    }
    const from = item.followedUpAt ?? item.createdAt;
    out.push({
      id: `action-follow-up:${item.id}`, kind: 'action-follow-up', actionItemId: item.id, label: `Follow up: ${item.title}`,
      hint: `Follow up in ${plan.timers.actionItemFollowUp} (plan step 8).`, startedAt: from, dueAt: from + followUp, completedAt: null,
    });
  }
  return out;
}

/** All clocks of an incident at `now`, most urgent first. */
export function computeClocks(state: IncidentState, plan: Plan, now: number): Clock[] {
  if (!state.opened) return [];
  const specs: ClockSpec[] = [];
  const running = clockSeverity(plan, state);
  if (running) specs.push(...updateClocks(plan, state, running.severity, now), ...targetClocks(state, running.severity, running.assumed));
  const breach = breachApplies(plan, state) ? breachClock(plan, state) : null;
  if (breach) specs.push(breach);
  const recurrence = recurrenceClock(plan, state, now);
  if (recurrence) specs.push(recurrence);
  const pir = pirClock(plan, state);
  if (pir) specs.push(pir);
  specs.push(...stepDueClocks(plan, state), ...actionClocks(plan, state), ...taskClocks(state), ...roleRequestClocks(plan, state, running?.severity));
  return sortByUrgency(specs.map((spec) => finish(spec, plan, state, now)));
}


/** The clock to show in lists and the tray: the first active one, else none. */
export function mostUrgent(clocks: Clock[]): Clock | null {
  return clocks.find((c) => c.active) ?? null;
}
