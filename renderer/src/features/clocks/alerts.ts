// Pure rules for clock alerts: the once-only notification key, who needs attention, and the tray summary.
import type { Clock } from '@shared/clocks/types';
import { compareUrgency } from '@shared/clocks/priority';
import type { TrayStatus } from '@shared/ipc/contract';
import type { Plan } from '@shared/plan/schema';
import { CLOCK_STATE_LABEL } from './format';

/**
 * One notification per (incident, clock, state): due soon and then overdue alert twice, never every tick.
 * The due time and the last (expired) snooze are part of the key, so a clock that restarts (an update was
 * posted) or whose snooze ran out alerts again.
 */
export function alertKey(incidentId: string, clock: Pick<Clock, 'id' | 'state' | 'dueAt'>, lastSnoozeUntil: number | null = null): string {
  return `${incidentId}|${clock.id}|${clock.state}|${clock.dueAt}${lastSnoozeUntil !== null ? `|s${lastSnoozeUntil}` : ''}`;
}

/** The two most severe levels of the plan (P0 and P1 in the default plan) get the urgent treatment. */
export function isHighSeverity(plan: Plan, severityId: string | null): boolean {
  if (!severityId) return false;
  const top = [...plan.severities].sort((a, b) => a.rank - b.rank).slice(0, 2).map((s) => s.id);
  return top.includes(severityId);
}

/** An overdue clock of a P0/P1 incident asks the OS for critical attention (dock bounce, taskbar flash). */
export function needsCriticalAttention(plan: Plan, severityId: string | null, clock: Clock): boolean {
  return clock.alerting && clock.state === 'overdue' && isHighSeverity(plan, severityId);
}

export interface IncidentTopClock {
  incidentId: string;
  title: string;
  severity: string | null;
  drill: boolean;
  clock: Clock;
}

/** The most urgent active clock across incidents, as the tray shows it. */
export function trayStatusFor(tops: readonly IncidentTopClock[]): TrayStatus {
  // A running drill never takes the tray from a real incident; shown alone, it says DRILL.
  const running = tops.filter((t) => t.clock.active);
  const real = running.filter((t) => !t.drill);
  const active = real.length ? real : running;
  if (active.length === 0) return { text: tops.length === 0 ? 'No active incidents' : 'No running clocks', level: 'ok' };
  const top = [...active].sort((a, b) => compareUrgency(a.clock, b.clock))[0] as IncidentTopClock;
  const level: TrayStatus['level'] = top.clock.state === 'overdue' ? 'overdue' : top.clock.state === 'due-soon' ? 'due-soon' : 'ok';
  const text = `${top.drill ? 'DRILL: ' : ''}${CLOCK_STATE_LABEL[top.clock.state]}: ${top.clock.label}${top.severity ? ` [${top.severity}]` : ''} ${top.title}`;
  return { text: text.length > 120 ? `${text.slice(0, 119)}…` : text, level };
}
