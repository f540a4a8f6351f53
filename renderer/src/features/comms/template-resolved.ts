// The resolved template: once the incident is resolved the update says so (when, how long, what fixed it, what
// follows), never the investigating text ("Impact: being assessed ... next update by ...").
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { formatDuration } from '@shared/time/duration';

/** The latest decision or action that was not retracted: what the team did. */
function lastFix(state: IncidentState): string | null {
  for (let i = state.timeline.length - 1; i >= 0; i -= 1) {
    const e = state.timeline[i];
    if (e && (e.kind === 'decision' || e.kind === 'action') && !e.retracted && e.text) return e.text;
  }
  return null;
}

/** `publicTitle`: what the users read as the incident's name (the public title), never the internal one. */
export function composeResolved(plan: Plan, state: IncidentState, audience: string, formatTime: (ms: number) => string, publicTitle = state.title): string {
  const resolvedAt = state.resolvedAt ?? state.statusSince;
  const duration = formatDuration(resolvedAt - state.impactStartedAt);
  const impact = state.impact.trim();
  if (audience === 'users') {
    return [
      `${publicTitle}: resolved`,
      `The issue was resolved at ${formatTime(resolvedAt)}; service is back to normal.`,
      impact ? `What you may have noticed: ${impact}` : null,
      'Thank you for your patience. No further updates are planned.',
    ].filter(Boolean).join('\n');
  }
  const severity = plan.severities.find((s) => s.id === state.severity);
  const fix = lastFix(state);
  return [
    `[${severity ? `${severity.id} ${severity.name}` : 'Unclassified'}] ${state.title}: RESOLVED`,
    `Resolved at ${formatTime(resolvedAt)}, ${duration} after impact started (${formatTime(state.impactStartedAt)}).`,
    impact ? `Impact: ${impact}` : null,
    fix ? `Resolution: ${fix}` : null,
    `Next: post-incident review (${plan.pir.dueAfterResolutionText.toLowerCase()}). No further updates planned.`,
  ].filter(Boolean).join('\n');
}
