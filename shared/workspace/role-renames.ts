// Contacts are saved under the role ids of the plan they were entered with. A later publication can give the same
// role another id: a re-import gives the role a document puts in charge the commander's id (`incident-lead` becomes
// COMMANDER_ROLE_ID, shared/plan/commander.ts), or the role keeps its name under a new id. The contact sheet follows
// such renames so the person saved for "Incident Lead" is still the one listed, suggested and emailed for it. Pure:
// derived from the publications in order, never written back, so a contact added offline under an older id follows too.
import { COMMANDER_ROLE_ID, commandsIncidents } from '../plan/commander';
import type { Plan } from '../plan/schema';

/** What a rename reads of a plan: its roles' ids and names. */
type Roles = { roles: ReadonlyArray<Pick<Plan['roles'][number], 'id' | 'name'>> };
const nameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The roles of `prev` that `next` holds under another id: a role whose id is gone and whose name is exactly one new
 * role's name; else, when it was the role in charge and `next` newly has COMMANDER_ROLE_ID, the commander.
 */
export function roleRenames(prev: Roles, next: Roles): Map<string, string> {
  const prevIds = new Set(prev.roles.map((r) => r.id));
  const nextIds = new Set(next.roles.map((r) => r.id));
  const added = next.roles.filter((r) => !prevIds.has(r.id));
  const renames = new Map<string, string>();
  for (const role of prev.roles) {
    if (nextIds.has(role.id)) continue;
    const sameName = added.filter((r) => nameKey(r.name) === nameKey(role.name));
    if (sameName.length === 1 && sameName[0]) renames.set(role.id, sameName[0].id);
    else if (commandsIncidents(role.name) && added.some((r) => r.id === COMMANDER_ROLE_ID)) renames.set(role.id, COMMANDER_ROLE_ID);
  }
  return renames;
}

/**
 * A contact's role ids as the current plan (the last of `plans`, oldest first) names them: an id the current plan
 * does not have is followed through every later publication's renames; one that leads nowhere stays as saved.
 */
export function currentRoleIds(roleIds: readonly string[], plans: readonly Roles[], steps = renameSteps(plans)): string[] {
  const current = plans[plans.length - 1];
  if (!current) return [...roleIds];
  const known = new Set(current.roles.map((r) => r.id));
  const out: string[] = [];
  for (const saved of roleIds) {
    let id = saved;
    if (!known.has(id)) for (const step of steps) id = step.get(id) ?? id;
    const now = known.has(id) ? id : saved;
    if (!out.includes(now)) out.push(now);
  }
  return out;
}

/** Each publication's renames against the one before it, in order. */
export function renameSteps(plans: readonly Roles[]): Array<Map<string, string>> {
  return plans.slice(1).map((p, i) => roleRenames(plans[i] as Roles, p));
}
