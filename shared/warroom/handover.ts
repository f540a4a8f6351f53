// Command handover: the outgoing commander's briefing in the shape of ICS-201 (situation, objectives, actions in
// progress with owners, organisation, open tasks and next deadlines), and the handovers recorded on the incident.
import type { Clock } from '../clocks/types';
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
}

// Cached on the system timeline, which logging an entry leaves as it is (see IncidentState.systemTimeline).
const cache = new WeakMap<readonly TimelineEntry[], Handover[]>();

/** Every handover offered on the incident, oldest first, with when it was accepted. */
export function handoversOf(state: Pick<IncidentState, 'systemTimeline'>): Handover[] {
  const hit = cache.get(state.systemTimeline);
  if (hit) return hit;
  const byId = new Map<string, Handover>();
  const accepted = new Map<string, number>();
  for (const entry of state.systemTimeline) {
    const e = entry.event;
    if (e.type === 'command.handover-offered') {
      byId.set(e.payload.handoverId, { id: e.payload.handoverId, from: e.payload.from, to: e.payload.to, briefing: e.payload.briefing, offeredAt: entry.occurredAt, offeredBy: e.actor.name, acceptedAt: null });
    } else if (e.type === 'command.handover-accepted' && !accepted.has(e.payload.handoverId)) accepted.set(e.payload.handoverId, entry.occurredAt);
  }
  const out = [...byId.values()].map((h) => ({ ...h, acceptedAt: accepted.get(h.id) ?? null }));
  cache.set(state.systemTimeline, out);
  return out;
}

export const pendingHandover = (state: Pick<IncidentState, 'systemTimeline'>): Handover | null =>
  [...handoversOf(state)].reverse().find((h) => h.acceptedAt === null) ?? null;

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
