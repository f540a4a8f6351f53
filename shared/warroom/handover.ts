// Command handover: the outgoing commander's briefing in the shape of ICS-201 (situation, objectives, actions in
// progress with owners, organisation, open tasks and next deadlines), and the handovers recorded on the incident.
import type { Clock } from '../clocks/types';
import { samePerson } from '../incident/authorship';
import type { IncidentState, TimelineEntry } from '../incident/state';
import type { Plan } from '../plan/schema';
import { formatDuration } from '../time/duration';
import { openTasks } from './tasks';

export interface Handover {
  id: string;
  from: string;
  to: string;
  briefing: string;
  offeredAt: number;
  offeredBy: string;
  acceptedAt: number | null;
  /**
   * Who recorded the acceptance: the incoming commander on their own console. Only records made before acts were
   * bound to their author (issue #23) can name someone else here; the review and the activity log say so.
   */
  acceptedBy: string | null;
}

// Cached on the system timeline, which logging an entry leaves as it is (see IncidentState.systemTimeline).
const cache = new WeakMap<readonly TimelineEntry[], Handover[]>();

/** Every handover offered on the incident, oldest first, with when it was accepted. */
export function handoversOf(state: Pick<IncidentState, 'systemTimeline'>): Handover[] {
  const hit = cache.get(state.systemTimeline);
  if (hit) return hit;
  const byId = new Map<string, Handover>();
  const acceptances = new Map<string, Array<{ at: number; to: string; by: string }>>();
  for (const entry of state.systemTimeline) {
    const e = entry.event;
    if (e.type === 'command.handover-offered') {
      byId.set(e.payload.handoverId, { id: e.payload.handoverId, from: e.payload.from, to: e.payload.to, briefing: e.payload.briefing, offeredAt: entry.occurredAt, offeredBy: e.actor.name, acceptedAt: null, acceptedBy: null });
    } else if (e.type === 'command.handover-accepted') {
      const list = acceptances.get(e.payload.handoverId) ?? [];
      list.push({ at: entry.occurredAt, to: e.payload.to, by: e.actor.name });
      acceptances.set(e.payload.handoverId, list);
    }
  }
  // The first acceptance by the person the handover names (timeline order): accepting someone else's handover is
  // not accepting this one.
  const out = [...byId.values()].map((h) => {
    const first = acceptances.get(h.id)?.find((a) => samePerson(a.to, h.to));
    return first ? { ...h, acceptedAt: first.at, acceptedBy: first.by } : h;
  });
  cache.set(state.systemTimeline, out);
  return out;
}

/**
 * The handover waiting for its incoming commander: the latest offer, while nobody has accepted it. A new offer
 * replaces an earlier one (the outgoing commander named the wrong person, or the first never came).
 */
export function pendingHandover(state: Pick<IncidentState, 'systemTimeline'>): Handover | null {
  const all = handoversOf(state);
  const latest = all[all.length - 1];
  return latest && latest.acceptedAt === null ? latest : null;
}

/** True when the record says someone other than the incoming commander accepted (only in records made before #23). */
export const acceptedOnBehalf = (h: Handover): boolean => h.acceptedBy !== null && !samePerson(h.acceptedBy, h.to);

const latest = (state: IncidentState, kinds: string[], n: number) => {
  const out: string[] = [];
  for (let i = state.timeline.length - 1; i >= 0 && out.length < n; i -= 1) {
    const e = state.timeline[i];
    if (e && kinds.includes(e.kind) && !e.retracted && e.text) out.push(e.text);
  }
  return out;
};

/** The briefing text, drafted from state; the outgoing commander edits it before offering it. */
export function draftBriefing(state: IncidentState, plan: Plan, clocks: readonly Clock[], now: number, formatTime: (ms: number) => string): string {
  const severity = plan.severities.find((s) => s.id === state.severity);
  const list = (items: string[], empty: string) => (items.length ? items.map((t) => `- ${t}`).join('\n') : `- ${empty}`);
  const organisation = plan.roles.map((r) => `- ${r.name}: ${state.roles[r.id]?.person ?? 'unassigned'}`);
  const tasks = openTasks(state).map((t) => `${t.owner}: ${t.title} (check back ${formatTime(t.checkBackAt)})`);
  const deadlines = clocks.filter((c) => c.active && c.kind !== 'task').slice(0, 6)
    .map((c) => `${c.label}: ${c.remainingMs < 0 ? `overdue since ${formatTime(c.dueAt)}` : `due ${formatTime(c.dueAt)}`}`);
  return [
    `COMMAND HANDOVER BRIEFING (ICS-201)`,
    `Incident: [${severity ? `${severity.id} ${severity.name}` : 'Unclassified'}] ${state.title}${state.drill ? ' (DRILL)' : ''}`,
    `Status: ${state.status} since ${formatTime(state.statusSince)}; ${formatDuration(now - state.impactStartedAt)} since impact started (${formatTime(state.impactStartedAt)}).`,
    '',
    '1. Situation summary',
    `- Impact: ${state.impact.trim() || 'being assessed'}${state.scope.trim() ? `; scope: ${state.scope.trim()}` : ''}`,
    ...latest(state, ['note', 'evidence'], 3).map((t) => `- ${t}`),
    '',
    '2. Current objectives (latest decisions)',
    list(latest(state, ['decision'], 3), 'none recorded yet'),
    '',
    '3. Actions in progress (with owners)',
    list([...tasks, ...latest(state, ['action'], 3)], 'none recorded'),
    '',
    '4. Organisation',
    ...organisation,
    '',
    '5. Next deadlines',
    list(deadlines, 'no running clocks'),
  ].join('\n');
}
