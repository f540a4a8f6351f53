// Stakeholder / user update text, filled from the incident state and the plan's update cadence.
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { parseDuration } from '@shared/time/duration';
import { composeResolved } from './template-resolved';

/** When the next update to `audience` is owed if one is posted at `postedAt`; null when the plan sets no cadence. */
export function nextUpdateAt(plan: Plan, state: IncidentState, audience: string, postedAt: number): number | null {
  const severity = plan.severities.find((s) => s.id === state.severity);
  const cadence = severity?.updateCadences.find((c) => c.audience === audience);
  return cadence ? postedAt + parseDuration(cadence.every) : null;
}

/** The latest action entries (not retracted), newest first. */
export function recentActions(state: IncidentState, limit = 3): string[] {
  const out: string[] = [];
  for (let i = state.timeline.length - 1; i >= 0 && out.length < limit; i -= 1) {
    const entry = state.timeline[i];
    if (entry && entry.kind === 'action' && !entry.retracted && entry.text) out.push(entry.text);
  }
  return out;
}

const STATUS_TEXT: Record<IncidentState['status'], string> = {
  investigating: 'Investigating',
  identified: 'Cause identified',
  mitigating: 'Mitigation in progress',
  monitoring: 'Fix applied, monitoring',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** What the team is doing, by status, when no action has been logged yet. */
const IN_PROGRESS: Record<IncidentState['status'], string> = {
  investigating: 'investigation continues.',
  identified: 'the cause is identified; a fix is being prepared.',
  mitigating: 'a mitigation is being applied.',
  monitoring: 'a fix is in place; we are watching for recurrence.',
  resolved: 'resolved.',
  closed: 'closed.',
};

/** Text as a sentence: a full stop added unless it already ends with punctuation. */
export function sentence(text: string): string {
  const t = text.trim();
  return !t || /[.!?…:]$/.test(t) ? t : `${t}.`;
}

export interface ComposeInput {
  plan: Plan;
  state: IncidentState;
  audience: string;
  now: number;
  /** Formats an instant for the reader ("14:30 UTC"). */
  formatTime(ms: number): string;
  /** The incident's public title: what the public audiences read instead of the internal title (an alert name). */
  publicTitle?: string;
}

/** A draft update; stakeholders get the operational detail, users a plain status without internals. */
export function composeUpdate({ plan, state, audience, now, formatTime, publicTitle }: ComposeInput): string {
  const title = publicTitle ?? state.title;
  if (state.status === 'resolved' || state.status === 'closed') return composeResolved(plan, state, audience, formatTime, title);
  const severity = plan.severities.find((s) => s.id === state.severity);
  const next = nextUpdateAt(plan, state, audience, now);
  const nextLine = next !== null ? `Next update: by ${formatTime(next)}.` : 'Next update: as soon as there is news.';
  const impact = sentence(state.impact) || 'Being assessed.';
  if (audience === 'users') {
    const lines = [
      title,
      `Status: ${STATUS_TEXT[state.status]}.`,
      `Started: ${formatTime(state.impactStartedAt)}.`,
      `What you may notice: ${impact}`,
      'We are working on it and will keep you posted.',
      nextLine,
    ];
    return lines.join('\n');
  }
  const actions = recentActions(state);
  const lines = [
    `[${severity ? `${severity.id} ${severity.name}` : 'Unclassified'}] ${state.title}`,
    `Status: ${STATUS_TEXT[state.status]}.`,
    `Impact: ${impact}${state.scope.trim() ? ` Scope: ${sentence(state.scope)}` : ''}`,
    `Impact started: ${formatTime(state.impactStartedAt)}.`,
    actions.length > 0 ? `In progress:\n${actions.map((a) => `- ${a}`).join('\n')}` : `In progress: ${IN_PROGRESS[state.status]}`,
    nextLine,
  ];
  return lines.join('\n');
}
