// In-incident tasks, derived from the task events in the incident's timeline: an owner, a check-back time,
// and open / done / dropped. Concurrent writes resolve as the fold's registers do: the highest hlc|id wins.
import type { IncidentEvent } from '../incident/events';
import type { IncidentState, TimelineEntry } from '../incident/state';

export type TaskStatus = 'open' | 'done' | 'dropped';

export interface Task {
  id: string;
  title: string;
  owner: string;
  checkBackAt: number;
  createdAt: number;
  createdBy: string;
  status: TaskStatus;
  /** When it was done or dropped (null while open). */
  closedAt: number | null;
  closedBy: string | null;
  /** Why it was dropped, or the note given when done. */
  closeNote: string;
}

const TASK_TYPES: ReadonlySet<string> = new Set(['task.created', 'task.done', 'task.reassigned', 'task.dropped']);
const stamp = (e: IncidentEvent) => `${e.hlc}|${e.id}`;

/** Only the shape a task write needs, so callers can pass the timeline or a raw event list. */
function tasksFromEvents(events: Iterable<IncidentEvent>): Task[] {
  const created = new Map<string, IncidentEvent & { type: 'task.created' }>();
  const later: IncidentEvent[] = [];
  for (const e of events) {
    if (!TASK_TYPES.has(e.type)) continue;
    if (e.type === 'task.created') {
      const prev = created.get(e.payload.taskId);
      if (!prev || stamp(prev) > stamp(e)) created.set(e.payload.taskId, e);
    } else later.push(e);
  }
  later.sort((a, b) => (stamp(a) < stamp(b) ? -1 : 1));
  const tasks = new Map<string, Task & { ownerStamp: string; dueStamp: string; closeStamp: string }>();
  for (const [id, e] of created) {
    const s = stamp(e);
    tasks.set(id, {
      id, title: e.payload.title, owner: e.payload.owner, checkBackAt: Date.parse(e.payload.checkBackAt),
      createdAt: Date.parse(e.occurredAt), createdBy: e.actor.name, status: 'open', closedAt: null, closedBy: null, closeNote: '',
      ownerStamp: s, dueStamp: s, closeStamp: '',
    });
  }
  for (const e of later) {
    const taskId = (e.payload as { taskId: string }).taskId;
    const task = tasks.get(taskId);
    if (!task) continue; // its creation has not arrived yet
    const s = stamp(e);
    if (e.type === 'task.reassigned') {
      if (e.payload.owner !== undefined && s > task.ownerStamp) { task.owner = e.payload.owner; task.ownerStamp = s; }
      if (e.payload.checkBackAt !== undefined && s > task.dueStamp) { task.checkBackAt = Date.parse(e.payload.checkBackAt); task.dueStamp = s; }
    } else if ((e.type === 'task.done' || e.type === 'task.dropped') && s > task.closeStamp) {
      task.status = e.type === 'task.done' ? 'done' : 'dropped';
      task.closedAt = Date.parse(e.occurredAt);
      task.closedBy = e.actor.name;
      task.closeNote = (e.type === 'task.done' ? e.payload.note : e.payload.reason) ?? '';
      task.closeStamp = s;
    }
  }
  return [...tasks.values()]
    .map(({ ownerStamp: _o, dueStamp: _d, closeStamp: _c, ...task }) => task)
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

// Tasks are system events: the system timeline is replaced (never mutated) when one changes and kept when only
// log entries are added, so it is a safe cache key: clocks are computed every second and on every entry logged,
// and must not rescan 100,000 entries each time.
const cache = new WeakMap<readonly TimelineEntry[], Task[]>();

/** Every task of the incident, oldest first. */
export function tasksOf(state: Pick<IncidentState, 'systemTimeline'>): Task[] {
  const hit = cache.get(state.systemTimeline);
  if (hit) return hit;
  const tasks = tasksFromEvents(state.systemTimeline.map((e) => e.event));
  cache.set(state.systemTimeline, tasks);
  return tasks;
}

export const openTasks = (state: Pick<IncidentState, 'systemTimeline'>): Task[] => tasksOf(state).filter((t) => t.status === 'open');

/**
 * The tasks the review offers as action items: open when the incident was resolved (open now while it is not), and
 * not yet made into an action item (action.created carries the task's id).
 */
export function tasksToOffer(state: Pick<IncidentState, 'systemTimeline' | 'resolvedAt'>): Task[] {
  const made = new Set<string>();
  for (const entry of state.systemTimeline) if (entry.event.type === 'action.created' && entry.event.payload.fromTaskId) made.add(entry.event.payload.fromTaskId);
  const at = state.resolvedAt;
  return tasksOf(state).filter((t) => !made.has(t.id)
    && (at === null ? t.status === 'open' : t.createdAt <= at && (t.closedAt === null || t.closedAt > at)));
}
