// Where a restricted incident's updates and pages may go: only the destinations its plan allows for restricted
// incidents (plan.visibility.restrictedDeliveries: a channel, or one destination of it). An open incident's go anywhere.
import type { IncidentState } from '../incident/state';
import type { Plan } from '../plan/schema';

/** Whether one rule ("email", "slack:security") allows a delivery's target key ("email:stakeholders", "slack:security", "page"). */
function allows(rule: string, targetKey: string): boolean {
  const r = rule.toLowerCase();
  const t = targetKey.toLowerCase();
  return r === t || (!r.includes(':') && t.startsWith(`${r}:`));
}

/** Why this delivery may not go out (a restricted incident, a destination its plan does not allow), or null. */
export function restrictedDeliveryRefusal(plan: Pick<Plan, 'visibility'>, incident: Pick<IncidentState, 'visibility'>, targetKey: string): string | null {
  if (!incident.visibility.restricted) return null;
  const allowed = plan.visibility.restrictedDeliveries;
  if (allowed.some((rule) => allows(rule, targetKey))) return null;
  return `not sent: the incident is restricted and its plan allows its updates only to ${allowed.length ? allowed.join(', ') : 'no destination'} (plan: Restricted Incidents)`;
}

/**
 * The name an incident goes out under (emails, chat, webhooks, pages, the status page, acknowledge links): its title,
 * or for a restricted incident the plan's public title (its title stays with its participants).
 */
export function outwardTitle(incident: Pick<IncidentState, 'title' | 'visibility'>, plan: Pick<Plan, 'visibility'>): string {
  return incident.visibility.restricted ? plan.visibility.publicTitle : incident.title;
}

/** The incident as it goes out: the same state with its outward title. */
export function outwardIncident<S extends Pick<IncidentState, 'title' | 'visibility'>>(incident: S, plan: Pick<Plan, 'visibility'>): S {
  return incident.visibility.restricted ? { ...incident, title: outwardTitle(incident, plan) } : incident;
}
