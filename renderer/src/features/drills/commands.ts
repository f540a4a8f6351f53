// Drill actions as incident events: start a drill from a script, control the exercise, fire injects, record notes.
// Each is one command: it builds all its events and writes them with one recordEvents call (one transaction).
import { ACK_RULE } from '@shared/incident/acknowledgement';
import { newId } from '@shared/incident/create';
import type { ExerciseMode } from '@shared/incident/events';
import type { IncidentState } from '@shared/incident/state';
import type { Inject, DrillScript } from '@shared/drills/script';
import type { Plan } from '@shared/plan/schema';
import { currentPin } from '@shared/workspace/incident-plan';
import { startsRestricted } from '@shared/access/participants';
import { recordEvents } from '../../db/commands';
import { readTeam } from '../../db/team';
import type { EventDraft } from '../../db/write';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A drill incident: opened as a drill (pinning the team's current plan), the exercise clock started, the opening
 * situation logged, all in one transaction. A drill of a scenario the plan restricts (the data breach) is restricted
 * like the real thing: the facilitator's console sees it and invites the players.
 */
export async function startDrill(script: DrillScript, mode: Exclude<ExerciseMode, 'training'>, plan: Plan, now = Date.now()): Promise<string> {
  const incidentId = newId();
  const pin = currentPin(await readTeam());
  await recordEvents([
    { incidentId, type: 'incident.opened', payload: {
      title: `Drill: ${script.title}`, detectedAt: iso(now), impactStartedAt: iso(now),
      detectionSource: `Drill script "${script.title}"${mode === 'tabletop' ? ' (tabletop)' : ''}`, drill: true, acknowledgementRule: ACK_RULE, ...pin, planId: plan.id,
      ...(startsRestricted(plan, { scenarioIds: [script.scenarioId] }) ? { visibility: 'restricted' as const } : {}),
    } },
    { incidentId, type: 'exercise.control', payload: { action: 'start', scriptId: script.id, mode } },
    { incidentId, type: 'entry.added', payload: { kind: 'note', text: `Opening situation: ${script.openingSituation}` } },
  ]);
  return incidentId;
}

export async function controlExercise(incidentId: string, action: 'pause' | 'resume'): Promise<void> {
  await recordEvents([{ incidentId, type: 'exercise.control', payload: { action } }]);
}

/** End the exercise; the drill incident is closed so it leaves every active list. */
export async function endExercise(state: IncidentState): Promise<void> {
  const drafts: EventDraft[] = [{ incidentId: state.id, type: 'exercise.control', payload: { action: 'end' } }];
  if (state.status !== 'resolved' && state.status !== 'closed') {
    drafts.push({ incidentId: state.id, type: 'status.changed', payload: { from: state.status, to: 'closed', reason: 'Drill ended by the facilitator' } });
  }
  await recordEvents(drafts);
}

export async function fireInject(incidentId: string, inject: Inject): Promise<void> {
  await recordEvents([{ incidentId, type: 'exercise.inject', payload: { injectId: inject.id, title: inject.title, text: inject.text, offsetMinutes: inject.atMinute } }]);
}

export async function addObservation(incidentId: string, text: string): Promise<void> {
  await recordEvents([{ incidentId, type: 'exercise.observation', payload: { text } }]);
}

export async function recordDecision(incidentId: string, text: string): Promise<void> {
  await recordEvents([{ incidentId, type: 'entry.added', payload: { kind: 'decision', text } }]);
}

/** A training session held: kept as a closed drill record (mode "training") so it syncs and is logged. */
export async function recordTraining(input: { name: string; heldAt: number; durationMinutes: number; notes: string }): Promise<string> {
  const incidentId = newId();
  const { heldAt } = input;
  const end = heldAt + Math.max(0, input.durationMinutes) * 60_000;
  const drafts: EventDraft[] = [
    { incidentId, type: 'incident.opened', occurredAt: heldAt, payload: {
      title: `Training: ${input.name}`, detectedAt: iso(heldAt), impactStartedAt: iso(heldAt), detectionSource: 'Training record', drill: true, acknowledgementRule: ACK_RULE,
    } },
    { incidentId, type: 'exercise.control', occurredAt: heldAt, payload: { action: 'start', mode: 'training' } },
  ];
  if (input.notes.trim()) drafts.push({ incidentId, type: 'entry.added', occurredAt: heldAt, payload: { kind: 'note', text: input.notes.trim() } });
  drafts.push(
    { incidentId, type: 'exercise.control', occurredAt: end, payload: { action: 'end' } },
    { incidentId, type: 'status.changed', occurredAt: end, payload: { to: 'closed', reason: 'Training record' } },
  );
  await recordEvents(drafts);
  return incidentId;
}
