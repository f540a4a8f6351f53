// Derived clocks for the war room: each open task's check-back time and each requested role's response time.
import type { IncidentState } from '../incident/state';
import type { Plan, Severity } from '../plan/schema';
import { parseDuration } from '../time/duration';
import { roleOf, roleRequestsOf, roleResponseTarget } from '../warroom/role-requests';
import { openTasks } from '../warroom/tasks';
import type { ClockSpec } from './clocks';

/** One clock per open task, due at its check-back time; none once the incident is resolved (they go to the review). */
export function taskClocks(state: IncidentState): ClockSpec[] {
  if (state.resolvedAt !== null) return [];
  return openTasks(state).map((task) => ({
    id: `task:${task.id}`, kind: 'task', taskId: task.id,
    label: `Check back: ${task.owner}: ${task.title}`,
    hint: `Ask ${task.owner} for the result, then mark the task done, give more time or hand it on.`,
    startedAt: task.createdAt, dueAt: task.checkBackAt, completedAt: null,
  }));
}

/** One clock per requested role: running until someone is assigned to it, then met or missed. */
export function roleRequestClocks(plan: Plan, state: IncidentState, severity: Severity | undefined): ClockSpec[] {
  const out: ClockSpec[] = [];
  for (const request of roleRequestsOf(state)) {
    const role = roleOf(plan, request.roleId);
    const within = role ? roleResponseTarget(role, severity) : null;
    if (!role || !within) continue;
    // Still waiting when the incident is resolved: the wait ended there.
    const completedAt = request.answeredAt ?? (state.resolvedAt !== null && state.resolvedAt >= request.requestedAt ? state.resolvedAt : null);
    out.push({
      id: `role-request:${role.id}`, kind: 'role-response', roleId: role.id,
      label: `${role.name} requested (respond within ${within})`,
      hint: request.answeredBy ? `${request.answeredBy} took the role.` : `Chase the ${role.name.toLowerCase()} or escalate; assign them when they join.`,
      startedAt: request.requestedAt, dueAt: request.requestedAt + parseDuration(within), completedAt,
    });
  }
  return out;
}
