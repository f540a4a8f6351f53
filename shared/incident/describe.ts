// One plain-language line per event, for the timeline, CSV export and the PIR.
import { isServerIdentity } from '../sync/server-actor';
import { samePerson } from './authorship';
import { describeAlertEvent } from '../alerts/describe';
import type { Plan } from '../plan/schema';
import { describeDeliveryEvent } from '../delivery/describe';
import type { IncidentEvent } from './events';

/** Runbook checklists: a scenario's investigation / mitigation items are checked as step "scenario-<id>", item "<part>.<n>". */
export const SCENARIO_STEP_PREFIX = 'scenario-';
const RUNBOOK_PARTS = ['symptoms', 'investigation', 'mitigation', 'prevention'] as const;
const scenarioOfStep = (plan: Plan, stepId: string) =>
  stepId.startsWith(SCENARIO_STEP_PREFIX) ? plan.scenarios.find((s) => s.id === stepId.slice(SCENARIO_STEP_PREFIX.length)) : undefined;
const stepTitle = (plan: Plan, stepId: string) => {
  const step = plan.steps.find((s) => s.id === stepId);
  if (step) return step.title;
  const scenario = scenarioOfStep(plan, stepId);
  return scenario ? `Runbook: ${scenario.title}` : stepId;
};
const roleName = (plan: Plan, roleId: string) => plan.roles.find((r) => r.id === roleId)?.name ?? roleId;
/** Whole minutes between two instants (a check-back given relative to when it was set: no time zone needed). */
const minutesFrom = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));
const audienceName = (plan: Plan, id: string) => plan.audiences.find((a) => a.id === id)?.name ?? id;

/** Checklist item text for a step item, including the per-severity escalation checklist ("P1-3"). */
export function checklistItemText(plan: Plan, stepId: string, itemId: string): string {
  const step = plan.steps.find((s) => s.id === stepId);
  if (step?.usesSeverityEscalation) {
    const match = /^(.+)-(\d+)$/.exec(itemId);
    const severity = match && plan.severities.find((s) => s.id.toLowerCase() === match[1]?.toLowerCase());
    const text = severity?.escalationChecklist[Number(match?.[2]) - 1];
    if (text) return text;
  }
  for (const section of step?.sections ?? []) {
    const item = section.items.find((i) => i.id === itemId || `${section.id}.${i.id}` === itemId);
    if (item) return item.text;
  }
  const scenario = step ? undefined : scenarioOfStep(plan, stepId);
  if (scenario) {
    const [part, n] = itemId.split('.');
    const list = RUNBOOK_PARTS.find((p) => p === part);
    const text = list ? scenario[list][Number(n) - 1] : undefined;
    if (text) return text;
  }
  return itemId;
}

export function describeEvent(event: IncidentEvent, plan: Plan): string {
  switch (event.type) {
    case 'incident.opened':
      return `Incident declared: ${event.payload.title}${event.payload.severity ? ` (${event.payload.severity})` : ''}${event.payload.drill ? ' [DRILL]' : ''}${event.payload.visibility === 'restricted' ? ', restricted to its participants' : ''}`;
    case 'incident.classified': {
      const p = event.payload;
      const parts = [p.severity && `severity ${p.severity}`, p.category && `category ${p.category}`, p.scope && `scope: ${p.scope}`, p.impact && `impact: ${p.impact}`, p.impactStartedAt && `impact started ${p.impactStartedAt}`].filter(Boolean);
      return `Classified: ${parts.join('; ') || 'no change'}`;
    }
    case 'incident.acknowledged': {
      const as = event.payload.roleId ? ` as ${roleName(plan, event.payload.roleId)}` : '';
      const how = event.payload.pageId && isServerIdentity(event.actor.deviceId) ? ' (from the page link)' : '';
      return `Acknowledged by ${event.payload.person ?? event.actor.name}${as}${how}`;
    }
    case 'severity.changed':
      return `Severity changed${event.payload.from ? ` from ${event.payload.from}` : ''} to ${event.payload.to}${event.payload.reason ? `: ${event.payload.reason}` : ''}`;
    case 'status.changed':
      return `Status: ${event.payload.to}${event.payload.reason ? ` (${event.payload.reason})` : ''}`;
    case 'entry.added':
      return event.payload.url ? `${event.payload.text} <${event.payload.url}>` : event.payload.text;
    case 'entry.amended':
      return `Amended an entry: ${event.payload.text}`;
    case 'entry.retracted':
      return `Retracted an entry: ${event.payload.reason}`;
    case 'entry.starred':
      return event.payload.starred ? 'Starred an entry for the review' : 'Unstarred an entry';
    case 'step.checked':
      return `Checked (${stepTitle(plan, event.payload.stepId)}): ${checklistItemText(plan, event.payload.stepId, event.payload.itemId)}`;
    case 'step.unchecked':
      return `Unchecked (${stepTitle(plan, event.payload.stepId)}): ${checklistItemText(plan, event.payload.stepId, event.payload.itemId)}`;
    case 'role.assigned':
      return `${roleName(plan, event.payload.roleId)}: ${event.payload.person}`;
    case 'role.relieved':
      return `${roleName(plan, event.payload.roleId)} relieved${event.payload.reason ? `: ${event.payload.reason}` : ''}`;
    case 'update.posted':
      return `Update to ${audienceName(plan, event.payload.audience)} via ${event.payload.channel}: ${event.payload.text}`;
    case 'scenario.attached':
      return `Runbook attached: ${plan.scenarios.find((s) => s.id === event.payload.scenarioId)?.title ?? event.payload.scenarioId}`;
    case 'scenario.detached':
      return `Runbook detached: ${plan.scenarios.find((s) => s.id === event.payload.scenarioId)?.title ?? event.payload.scenarioId}`;
    case 'clock.snoozed':
      return `Clock snoozed until ${event.payload.until}: ${event.payload.reason}`;
    case 'action.created':
      return `Action item: ${event.payload.title}${event.payload.owner ? ` (owner ${event.payload.owner})` : ''}`;
    case 'action.updated':
      return `Action item updated${event.payload.status ? `: ${event.payload.status}` : ''}${event.payload.followedUp ? ' (followed up)' : ''}`;
    case 'pir.edited':
      return `Review edited: ${event.payload.field}`;
    case 'breach.recorded':
      return `Breach record updated`;
    case 'exercise.control':
      return `Exercise ${event.payload.action}${event.payload.mode ? ` (${event.payload.mode})` : ''}`;
    case 'exercise.inject':
      return `INJECT: ${event.payload.title}: ${event.payload.text}`;
    case 'exercise.observation':
      return `Facilitator observation: ${event.payload.text}`;
    case 'task.created':
      return `Task for ${event.payload.owner}: ${event.payload.title} (check back in ${minutesFrom(event.occurredAt, event.payload.checkBackAt)} min)`;
    case 'task.done':
      return `Task done${event.payload.note ? `: ${event.payload.note}` : ''}`;
    case 'task.reassigned':
      return `Task ${[event.payload.owner && `handed to ${event.payload.owner}`, event.payload.checkBackAt && `check back in ${minutesFrom(event.occurredAt, event.payload.checkBackAt)} min`].filter(Boolean).join(', ') || 'unchanged'}`;
    case 'task.dropped':
      return `Task dropped${event.payload.reason ? `: ${event.payload.reason}` : ''}`;
    case 'role.requested':
      return `Requested: ${roleName(plan, event.payload.roleId)}${event.payload.note ? ` (${event.payload.note})` : ''}`;
    case 'command.handover-offered':
      return `Command handover offered by ${event.payload.from} to ${event.payload.to} (briefing attached)`;
    case 'command.handover-accepted':
      // Records made before acts were bound to their author can name someone other than their author: say who wrote it.
      return samePerson(event.payload.to, event.actor.name)
        ? `Command accepted by ${event.payload.to}`
        : `Command accepted for ${event.payload.to}, recorded by ${event.actor.name} on their console`;
    case 'plan.adopted':
      return `Adopted plan ${event.payload.publishedId === null ? 'built-in (v0)' : `v${event.payload.version}`}${event.payload.reason ? `: ${event.payload.reason}` : ''}`;
    case 'plan.published':
      return `Published plan ${event.payload.plan.name}, version ${event.payload.plan.version}${event.payload.note ? `: ${event.payload.note}` : ''}`;
    case 'contact.added':
      return `Contact added: ${event.payload.name}`;
    case 'contact.updated':
      return `Contact updated: ${Object.keys(event.payload.changes).join(', ')}`;
    case 'contact.removed':
      return 'Contact removed';
    case 'delivery.requested':
    case 'delivery.retried':
    case 'delivery.sent':
    case 'delivery.failed':
      return describeDeliveryEvent(event);
    case 'page.requested':
      return `Paged ${event.payload.person ?? 'the on-call'} (${plan.roles.find((r) => r.id === event.payload.roleId)?.name ?? event.payload.roleId})${event.payload.message ? `: ${event.payload.message}` : ''}`;
    case 'visibility.changed':
      return event.payload.to === 'restricted'
        ? `Restricted to its participants${event.payload.reason ? `: ${event.payload.reason}` : ''}`
        : `Opened to the whole workspace${event.payload.reason ? `: ${event.payload.reason}` : ''}`;
    case 'participant.invited':
      return `Invited ${event.payload.person} to the restricted incident`;
    case 'participant.removed':
      return `Removed ${event.payload.person}${event.payload.deviceId ? ' (that console)' : ''} from the restricted incident${event.payload.reason ? `: ${event.payload.reason}` : ''}`;
    case 'maintenance.scheduled':
      return `Maintenance scheduled: ${event.payload.title} (${event.payload.startsAt} to ${event.payload.endsAt})`;
    case 'maintenance.updated':
      return `Maintenance ${event.payload.status ? event.payload.status.replace('_', ' ') : 'updated'}${event.payload.text ? `: ${event.payload.text}` : ''}`;
    default:
      return describeAlertEvent(event);
  }
}
