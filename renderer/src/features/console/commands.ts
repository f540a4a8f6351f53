// The console header's commands: change severity, change status, classify. Each validates, then writes in one call.
import type { IncidentStatus } from '@shared/incident/events';
import type { IncidentState } from '@shared/incident/state';
import { CommandRefused } from '../../core/command-failure';
import { recordEvents } from '../../db/commands';
import { classificationPayload, type ClassificationValue } from '../declare';
import { impactStartProblem } from '../declare';

export async function changeSeverity(state: IncidentState, to: string, reason: string): Promise<void> {
  if (to === state.severity) throw new CommandRefused('That is already the severity.');
  if (!reason.trim()) throw new CommandRefused('Give a reason for the change.');
  await recordEvents([{ incidentId: state.id, type: 'severity.changed', payload: { from: state.severity, to, reason: reason.trim() } }]);
}

/** Moving to the status it already has records nothing. */
export async function changeStatus(state: IncidentState, to: IncidentStatus, reason: string): Promise<void> {
  if (to === state.status) return;
  await recordEvents([{ incidentId: state.id, type: 'status.changed', payload: { from: state.status, to, reason: reason.trim() } }]);
}

/** Classify (or refine) an incident; a corrected impact start (epoch ms) is recorded only when given. */
export async function classify(state: IncidentState, value: ClassificationValue, impactAt: number | null, now = Date.now()): Promise<void> {
  if (impactAt !== null) {
    const problem = impactStartProblem(impactAt, now);
    if (problem) throw new CommandRefused(problem);
  }
  await recordEvents([{
    incidentId: state.id, type: 'incident.classified',
    payload: { ...classificationPayload(value), ...(impactAt !== null ? { impactStartedAt: new Date(Math.min(impactAt, now)).toISOString() } : {}) },
  }]);
}
