// Role requests: "get me a DBA". Each request starts that role's response clock with the plan's target for
// the role; the first assignment to the role at or after the request answers it.
import type { IncidentState, TimelineEntry } from '../incident/state';
import type { Plan, Role, Severity } from '../plan/schema';

export interface RoleRequest {
  roleId: string;
  requestedAt: number;
  requestedBy: string;
  note: string;
  /** Who was assigned in answer, and when (null while still waiting). */
  answeredAt: number | null;
  answeredBy: string | null;
}

const cache = new WeakMap<readonly TimelineEntry[], RoleRequest[]>();

/** The latest request per role (a role asked for again restarts its clock), in request order. */
export function roleRequestsOf(state: Pick<IncidentState, 'systemTimeline'>): RoleRequest[] {
  const hit = cache.get(state.systemTimeline);
  if (hit) return hit;
  const latest = new Map<string, RoleRequest>();
  // The timeline is in occurrence order, so an assignment answers the request before it.
  for (const entry of state.systemTimeline) {
    const e = entry.event;
    if (e.type === 'role.requested') {
      latest.set(e.payload.roleId, { roleId: e.payload.roleId, requestedAt: entry.occurredAt, requestedBy: e.actor.name, note: e.payload.note ?? '', answeredAt: null, answeredBy: null });
    } else if (e.type === 'role.assigned') {
      const request = latest.get(e.payload.roleId);
      if (request && request.answeredAt === null && entry.occurredAt >= request.requestedAt) {
        request.answeredAt = entry.occurredAt;
        request.answeredBy = e.payload.person;
      }
    }
  }
  const out = [...latest.values()].sort((a, b) => a.requestedAt - b.requestedAt);
  cache.set(state.systemTimeline, out);
  return out;
}

/**
 * How long a role has to respond: the plan's target for the role at this severity, else its target for any
 * severity, else the severity's own response target (the plan's note: "their severity response targets apply").
 */
export function roleResponseTarget(role: Role, severity: Severity | undefined): string | null {
  const exact = severity ? role.responseTargets.find((t) => t.severity === severity.id) : undefined;
  const general = role.responseTargets.find((t) => t.severity === undefined);
  return exact?.within ?? general?.within ?? severity?.responseTarget ?? null;
}

export const roleOf = (plan: Plan, roleId: string): Role | undefined => plan.roles.find((r) => r.id === roleId);
