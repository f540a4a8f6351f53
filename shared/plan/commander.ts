// Which role commands an incident. The console's command features (taking command, the handover and its acceptance,
// the attention strip's commander, who opens a restricted incident) follow the role with COMMANDER_ROLE_ID. The
// built-in plan's Incident Commander has it; a plan read from a document gives it to the role the document puts in
// charge, under the name the document uses ("Incident Lead", "Incident Manager", "Incident Commander (IC)").

/** The id of the role that commands an incident, in every plan. */
export const COMMANDER_ROLE_ID = 'incident-commander';

/** Names documents give the person in charge of an incident; a deputy, a scribe or a "Fix Lead" is none of them. */
const COMMANDS = /^(?:the\s+)?(?:major\s+)?incident(?:\s+response)?\s+(?:commander|lead|leader|manager|coordinator|owner)(?:\s*\([A-Z]{2,4}\))?$/i;

/** True when a role of this name is the one in charge of the incident. */
export function commandsIncidents(name: string): boolean {
  return COMMANDS.test(name.trim());
}

/**
 * Roles read from a document or added in an import review, with the first role in charge given COMMANDER_ROLE_ID
 * (unless a role already has it). Every other role keeps its id. Returns the same array when nothing changes.
 */
export function withCommander<R extends { id: string; name: string }>(roles: R[]): R[] {
  if (roles.some((r) => r.id === COMMANDER_ROLE_ID)) return roles;
  const at = roles.findIndex((r) => commandsIncidents(r.name));
  if (at < 0) return roles;
  return roles.map((r, i) => (i === at ? { ...r, id: COMMANDER_ROLE_ID } : r));
}
