// Who commands a restricted incident's visibility (issue #24: the commander restricts or opens it): opening it to the
// whole workspace is for the incident's commander or a security officer; while nobody holds the commander role, any
// participant (someone has to be able to). So is changing who holds the commander role of a restricted incident
// (assigning or relieving it), except the incoming commander taking it by accepting a handover offered to them:
// otherwise any participant would relieve the commander, take the role and open it. A workspace admin is not one by
// being an admin: that is the server's role, not the incident's. Restricting needs no such rule: it only narrows who
// sees. One rule for the console (which says so before writing) and the server (which refuses the event from anyone
// else, 403 command_required).
import { samePerson } from '../incident/authorship';
import type { IncidentEvent } from '../incident/events';
import type { IncidentState } from '../incident/state';
import { COMMANDER_ROLE_ID } from '../plan/commander';
import { handoversOf } from '../warroom/handover';

/** Why `person` may not open this restricted incident to everyone, or null when they may. */
export function openRefusal(state: Pick<IncidentState, 'roles'>, officers: readonly string[], person: string): string | null {
  const commander = state.roles[COMMANDER_ROLE_ID]?.person;
  if (!commander || samePerson(commander, person) || officers.some((o) => samePerson(o, person))) return null;
  return `only the incident commander (${commander}) or a security officer opens a restricted incident to everyone`;
}

/**
 * Why `person` may not record `event` in this restricted incident (`state` includes what came before it), or null:
 * assigning or relieving the commander role is for the commander or a security officer (anyone while nobody holds
 * it); the incoming commander takes it by accepting the handover offered to them.
 */
export function commandChangeRefusal(
  state: Pick<IncidentState, 'roles' | 'systemTimeline'>, officers: readonly string[], person: string,
  event: Pick<IncidentEvent, 'type' | 'payload'>,
): string | null {
  if (event.type !== 'role.assigned' && event.type !== 'role.relieved') return null;
  const payload = event.payload as { roleId: string; person?: string };
  if (payload.roleId !== COMMANDER_ROLE_ID) return null;
  const commander = state.roles[COMMANDER_ROLE_ID]?.person;
  if (!commander || samePerson(commander, person) || officers.some((o) => samePerson(o, person))) return null;
  if (event.type === 'role.assigned' && payload.person !== undefined && samePerson(payload.person, person)) {
    const latest = handoversOf(state).at(-1);
    // Offered by the commander still holding the role: the acceptance hands it over (the same write).
    if (latest && latest.acceptedAt !== null && samePerson(latest.to, person) && samePerson(latest.from, commander)) return null;
  }
  return `in a restricted incident only the incident commander (${commander}) or a security officer changes who commands it; the incoming commander takes command by accepting the handover`;
}
