// Drill actions as incident events: start a drill from a script, control the exercise, fire injects, record notes.
import { newId } from '@shared/incident/create';
import type { ExerciseMode } from '@shared/incident/events';
import type { IncidentState } from '@shared/incident/state';
import type { Inject, DrillScript } from '@shared/drills/script';
import type { Plan } from '@shared/plan/schema';
import { currentPin } from '@shared/workspace/incident-plan';
import { recordEvent } from '../../db/commands';
import { readTeam } from '../../db/team';

const iso = (ms: number) => new Date(ms).toISOString();

/** A drill incident: opened as a drill (pinning the team's current plan), the exercise clock started, the opening situation logged. */
export async function startDrill(script: DrillScript, mode: Exclude<ExerciseMode, 'training'>, plan: Plan): Promise<string> {
  const incidentId = newId();
  const now = Date.now();
  const pin = currentPin(await readTeam());
  await recordEvent(incidentId, 'incident.opened', {
    title: `Drill: ${script.title}`, detectedAt: iso(now), impactStartedAt: iso(now),
    detectionSource: `Drill script "${script.title}"${mode === 'tabletop' ? ' (tabletop)' : ''}`, drill: true, ...pin, planId: plan.id,
  });
  await recordEvent(incidentId, 'exercise.control', { action: 'start', scriptId: script.id, mode });
  await recordEvent(incidentId, 'entry.added', { kind: 'note', text: `Opening situation: ${script.openingSituation}` });
  return incidentId;
}

export function controlExercise(incidentId: string, action: 'pause' | 'resume'): Promise<unknown> {
  return recordEvent(incidentId, 'exercise.control', { action });
}

/** End the exercise; the drill incident is closed so it leaves every active list. */
export async function endExercise(state: IncidentState): Promise<void> {
  await recordEvent(state.id, 'exercise.control', { action: 'end' });
  if (state.status !== 'resolved' && state.status !== 'closed') {
    await recordEvent(state.id, 'status.changed', { from: state.status, to: 'closed', reason: 'Drill ended by the facilitator' });
  }
}

export function fireInject(incidentId: string, inject: Inject): Promise<unknown> {
  return recordEvent(incidentId, 'exercise.inject', { injectId: inject.id, title: inject.title, text: inject.text, offsetMinutes: inject.atMinute });
}

export function addObservation(incidentId: string, text: string): Promise<unknown> {
  return recordEvent(incidentId, 'exercise.observation', { text });
}

export function recordDecision(incidentId: string, text: string): Promise<unknown> {
  return recordEvent(incidentId, 'entry.added', { kind: 'decision', text });
}

/** A training session held: kept as a closed drill record (mode "training") so it syncs and is logged. */
export async function recordTraining(input: { name: string; heldAt: number; durationMinutes: number; notes: string }): Promise<string> {
  const incidentId = newId();
  const { heldAt } = input;
  await recordEvent(incidentId, 'incident.opened', {
    title: `Training: ${input.name}`, detectedAt: iso(heldAt), impactStartedAt: iso(heldAt), detectionSource: 'Training record', drill: true,
  }, { occurredAt: heldAt });
  await recordEvent(incidentId, 'exercise.control', { action: 'start', mode: 'training' }, { occurredAt: heldAt });
  if (input.notes.trim()) await recordEvent(incidentId, 'entry.added', { kind: 'note', text: input.notes.trim() }, { occurredAt: heldAt });
  const end = heldAt + Math.max(0, input.durationMinutes) * 60_000;
  await recordEvent(incidentId, 'exercise.control', { action: 'end' }, { occurredAt: end });
  await recordEvent(incidentId, 'status.changed', { to: 'closed', reason: 'Training record' }, { occurredAt: end });
  return incidentId;
}
