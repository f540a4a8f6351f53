// Which clock the commander should act on first, for every list of clocks (the Clocks panel, the attention strip,
// other incidents, the tray; the wall picks its incident by severity too, wall/pick.ts). Overdue before due soon before running; then the promises the plan
// makes to people outside the room (the response and resolution targets, the update cadence, a regulator's
// notification window) before the room's own reminders (a role not yet answered, a task's check-back, an
// action item, the review); then the one due first. A task check-back three minutes late must never hide a
// P1's response target breached a minute ago.
import type { Clock, ClockKind } from './types';

const TIER: Record<ClockKind, number> = {
  'response': 0,
  'resolution': 0,
  'breach-notification': 0,
  'update': 0,
  'role-response': 1,
  'step-due': 1,
  'task': 2,
  'recurrence-watch': 2,
  'action-deadline': 3,
  'action-follow-up': 3,
  'pir': 3,
};

const STATE_RANK: Record<Clock['state'], number> = { overdue: 0, 'due-soon': 1, ok: 2, missed: 3, met: 4 };

type Ranked = Pick<Clock, 'state' | 'kind' | 'dueAt'>;

/** Negative when `a` needs the commander before `b` (a sort comparator). */
export function compareUrgency(a: Ranked, b: Ranked): number {
  return STATE_RANK[a.state] - STATE_RANK[b.state] || TIER[a.kind] - TIER[b.kind] || a.dueAt - b.dueAt;
}

/** Most urgent first; ties in a stable order (by id). */
export function sortByUrgency(clocks: readonly Clock[]): Clock[] {
  return [...clocks].sort((a, b) => compareUrgency(a, b) || (a.id < b.id ? -1 : 1));
}
