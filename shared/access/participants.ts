// Who may see an incident (issue #24): open incidents are the workspace's; a restricted one is seen only by its
// participants: the people holding its roles, the people invited to it, the console that declared or restricted it,
// and the security officers its plan names (contacts holding the plan's security-officer roles). One function for
// the console (what it shows) and the server (what it lets out): docs/server.md, Restricted incidents.
import { personKey } from '../incident/authorship';
import type { IncidentState } from '../incident/state';
import type { Plan } from '../plan/schema';
import type { Contact } from '../workspace/team';
import { personPrincipal, principalsOf, type Principal, type Reader } from './principal';

export interface IncidentAccess {
  restricted: boolean;
  /** Who may see it while restricted (empty for an open incident). */
  principals: ReadonlySet<Principal>;
}

export const OPEN_ACCESS: IncidentAccess = { restricted: false, principals: new Set() };

/** The security officers' names: contacts holding any of the plan's security-officer roles. */
export function securityOfficers(plan: Pick<Plan, 'visibility'>, contacts: readonly Contact[]): string[] {
  const roles = new Set(plan.visibility.securityOfficerRoles);
  if (roles.size === 0) return [];
  return contacts.filter((c) => c.roleIds.some((r) => roles.has(r))).map((c) => c.name);
}

export type AccessFields = Pick<IncidentState, 'visibility' | 'invited' | 'roles'>;

/** Who may see the incident, from its fold and the security officers of its plan. */
export function accessOf(state: AccessFields, officers: readonly string[]): IncidentAccess {
  if (!state.visibility.restricted) return OPEN_ACCESS;
  const principals = new Set<Principal>();
  for (const holder of Object.values(state.roles)) principals.add(personPrincipal(holder.person));
  for (const p of state.invited) principals.add(p.principal as Principal);
  for (const name of officers) principals.add(personPrincipal(name));
  return { restricted: true, principals };
}

export function maySee(access: IncidentAccess, reader: Reader): boolean {
  return !access.restricted || principalsOf(reader).some((p) => access.principals.has(p));
}

/** What the participants panel lists: each person once (by name), with why they see it. */
export interface ParticipantLine {
  name: string;
  why: Array<'role' | 'invited' | 'declared-or-restricted' | 'security-officer'>;
  roles: string[];
  /** What removing them writes: one participant.removed per invitation (by name) or console (by device id). */
  invitations: Array<{ person: string; deviceId?: string }>;
}

export function participantLines(state: AccessFields, officers: readonly string[], roleName: (roleId: string) => string): ParticipantLine[] {
  const lines = new Map<string, ParticipantLine>();
  const line = (name: string) => {
    const key = personKey(name);
    const existing = lines.get(key) ?? { name: name.trim(), why: [], roles: [], invitations: [] };
    lines.set(key, existing);
    return existing;
  };
  const because = (l: ParticipantLine, why: ParticipantLine['why'][number]) => { if (!l.why.includes(why)) l.why.push(why); };
  for (const [roleId, holder] of Object.entries(state.roles)) {
    const l = line(holder.person);
    because(l, 'role');
    l.roles.push(roleName(roleId));
  }
  for (const p of state.invited) {
    const l = line(p.person);
    because(l, p.deviceId ? 'declared-or-restricted' : 'invited');
    l.invitations.push(p.deviceId ? { person: p.person, deviceId: p.deviceId } : { person: p.person });
  }
  for (const name of officers) because(line(name), 'security-officer');
  return [...lines.values()].sort((a, b) => personKey(a.name).localeCompare(personKey(b.name)));
}

/** Whether the plan declares an incident of this category or scenario restricted. */
export function startsRestricted(plan: Pick<Plan, 'visibility'>, incident: { category?: string | null; scenarioIds?: readonly string[] }): boolean {
  const v = plan.visibility;
  return (!!incident.category && v.restrictedCategories.includes(incident.category))
    || (incident.scenarioIds ?? []).some((s) => v.restrictedScenarios.includes(s));
}
