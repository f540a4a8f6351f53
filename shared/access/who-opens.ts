// Who may open a restricted incident to the whole workspace (issue #24: the commander restricts or opens it): the
// incident's commander or a security officer; while nobody holds the commander role, any participant (someone has to
// be able to). A workspace admin is not one by being an admin: that is the server's role, not the incident's. Restricting needs no such rule: it only narrows who sees. One rule for
// the console (which says so before writing) and the server (which refuses the event from anyone else).
import { samePerson } from '../incident/authorship';
import type { IncidentState } from '../incident/state';
import { COMMANDER_ROLE_ID } from '../plan/commander';

/** Why `person` may not open this restricted incident to everyone, or null when they may. */
export function openRefusal(state: Pick<IncidentState, 'roles'>, officers: readonly string[], person: string): string | null {
  const commander = state.roles[COMMANDER_ROLE_ID]?.person;
  if (!commander || samePerson(commander, person) || officers.some((o) => samePerson(o, person))) return null;
  return `only the incident commander (${commander}) or a security officer opens a restricted incident to everyone`;
}
