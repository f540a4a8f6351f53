// Alert commands: declare an incident from an alert group, attach a group to an incident, silence it in the
// console, start the recurrence watch once every attached alert resolved. Each writes one recordEvents call.
import { ACK_RULE } from '@shared/incident/acknowledgement';
import { groupTriage, type AlertGroup } from '@shared/alerts/group';
import { sourceOf } from '@shared/alerts/sources/registry';
import { newId } from '@shared/incident/create';
import { currentPin } from '@shared/workspace/incident-plan';
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { CommandRefused } from '../../core/command-failure';
import { recordEvents } from '../../db/commands';
import { readTeam } from '../../db/team';
import type { EventDraft } from '../../db/write';


/** The alert's value and what the plan says, as one evidence line for the new incident's timeline. */
export function triageLine(group: AlertGroup, plan: Plan): string {
  const t = groupTriage(group, plan);
  const value = t.value !== undefined ? ` (value ${t.value})` : '';
  return t.severity ? `Alert ${group.title}${value}: the plan suggests ${t.severity}, "${t.reason ?? ''}"` : `Alert ${group.title}${value}: no intake rule of the plan matched; classify by hand`;
}

/** Opens a new incident from the group: title, impact start = the alert's start, the plan's severity and runbook. */
export async function declareFromAlert(group: AlertGroup, plan: Plan, now = Date.now()): Promise<string> {
  if (group.attachedTo) throw new CommandRefused('This alert already belongs to an incident.');
  const t = groupTriage(group, plan);
  const id = newId();
  // The incident pins the team's plan as it is now, as a hand-declared one does.
  const pin = currentPin(await readTeam());
  const impactAt = Math.min(group.firingSince ?? group.firstSeenAt, now);
  const link = group.alerts.find((a) => a.generatorURL)?.generatorURL;
  const drafts: EventDraft[] = [
    {
      incidentId: id, type: 'incident.opened',
      payload: {
        title: group.title.slice(0, 200), detectedAt: new Date(now).toISOString(), impactStartedAt: new Date(impactAt).toISOString(),
        detectionSource: `${sourceOf(group.source)?.shortName ?? group.source} alert`, drill: false, acknowledgementRule: ACK_RULE, ...pin,
        ...(t.severity && plan.severities.some((s) => s.id === t.severity) ? { severity: t.severity } : {}),
        ...(t.category && plan.categories.some((c) => c.id === t.category) ? { category: t.category } : {}),
      },
    },
    { incidentId: id, type: 'entry.added', payload: { kind: 'evidence', text: triageLine(group, plan), ...(link ? { url: link.slice(0, 2048) } : {}) } },
    { incidentId: group.id, type: 'alert.attached', payload: { incidentId: id } },
  ];
  if (t.scenario && plan.scenarios.some((s) => s.id === t.scenario)) drafts.splice(1, 0, { incidentId: id, type: 'scenario.attached', payload: { scenarioId: t.scenario } });
  await recordEvents(drafts);
  return id;
}

export async function attachToIncident(group: AlertGroup, incidentId: string): Promise<void> {
  if (!incidentId) throw new CommandRefused('Choose the incident to attach this alert to.');
  if (group.attachedTo === incidentId) throw new CommandRefused('The alert is already attached to that incident.');
  await recordEvents([
    { incidentId: group.id, type: 'alert.attached', payload: { incidentId } },
    { incidentId, type: 'entry.added', payload: { kind: 'evidence', text: `Alert attached: ${group.title}` } },
  ]);
}

export async function silenceInConsole(group: AlertGroup, reason: string): Promise<void> {
  if (!reason.trim()) throw new CommandRefused('Say why this alert is silenced (it is recorded).');
  await recordEvents([{ incidentId: group.id, type: 'alert.silenced', payload: { reason: reason.trim() } }]);
}

export async function unsilence(group: AlertGroup): Promise<void> {
  await recordEvents([{ incidentId: group.id, type: 'alert.unsilenced', payload: { reason: '' } }]);
}

/** The plan's recurrence watch runs while the incident is monitoring: offered, never forced, once alerts resolved. */
export async function startRecurrenceWatch(state: IncidentState): Promise<void> {
  if (state.status === 'monitoring') throw new CommandRefused('The recurrence watch is already running.');
  await recordEvents([{ incidentId: state.id, type: 'status.changed', payload: { from: state.status, to: 'monitoring', reason: 'Every attached alert resolved' } }]);
}
