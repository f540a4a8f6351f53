// The ICS-214-style activity log: per person, the positions they held (role, from, to) and what they did, when,
// drawn from the incident's events, so the record survives on paper when the screens do not.
import { samePerson } from '../incident/authorship';
import { describeEvent } from '../incident/describe';
import type { IncidentState, TimelineEntry } from '../incident/state';
import type { Plan } from '../plan/schema';
import { tasksOf } from './tasks';

export interface Position { roleId: string; role: string; from: number; to: number | null }
export interface Activity { at: number; text: string; eventId: string }
export interface PersonLog {
  person: string;
  positions: Position[];
  activities: Activity[];
}
export interface ActivityLog {
  /** The operational period the log covers: declared until resolved (or `now` while it runs). */
  from: number;
  to: number;
  people: PersonLog[];
}

const KIND_WORD: Record<string, string> = { decision: 'Decision', action: 'Action', evidence: 'Evidence' };

/** One line of what the author did with this entry, in the timeline's words. */
function activityText(entry: TimelineEntry, plan: Plan): string {
  const isEntry = entry.event.type === 'entry.added';
  const body = isEntry || entry.kind === 'inject' ? entry.originalText ?? entry.text ?? '' : entry.text ?? describeEvent(entry.event, plan);
  const word = KIND_WORD[entry.kind];
  return `${word ? `${word}: ` : isEntry ? 'Logged: ' : ''}${body}${entry.retracted ? ' (later retracted)' : ''}`;
}

/**
 * Who did what. Every entry is its author's activity (an amendment is the amender's); a role assignment opens the
 * holder's position until the role passes to someone else or is relieved; a task is its owner's activity too (the
 * owner may never touch a console). People in order of their first activity or position; each list by time.
 */
export function activityLog(state: IncidentState, plan: Plan, now: number): ActivityLog {
  const people = new Map<string, PersonLog>();
  const person = (name: string) => {
    const key = name.trim() || 'Unknown';
    let log = people.get(key);
    if (!log) { log = { person: key, positions: [], activities: [] }; people.set(key, log); }
    return log;
  };
  const roleName = (id: string) => plan.roles.find((r) => r.id === id)?.name ?? id;
  const holding = new Map<string, Position>();
  const entries = [...state.timeline].sort((a, b) => a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : 1));
  for (const entry of entries) {
    const e = entry.event;
    person(entry.actor.name).activities.push({ at: entry.occurredAt, text: activityText(entry, plan), eventId: entry.id });
    for (const a of entry.amendments) person(a.by).activities.push({ at: a.at, text: `Amended an entry to: ${a.text}`, eventId: a.eventId });
    if (e.type === 'role.assigned' || e.type === 'role.relieved') {
      const open = holding.get(e.payload.roleId);
      if (open) { open.to = entry.occurredAt; holding.delete(e.payload.roleId); }
      if (e.type === 'role.assigned') {
        const position: Position = { roleId: e.payload.roleId, role: roleName(e.payload.roleId), from: entry.occurredAt, to: null };
        person(e.payload.person).positions.push(position);
        holding.set(e.payload.roleId, position);
      }
    }
  }
  for (const task of tasksOf(state)) {
    const owner = person(task.owner);
    owner.activities.push({ at: task.createdAt, text: `Task from ${task.createdBy}: ${task.title}`, eventId: `${task.id}:created` });
    if (task.closedAt !== null) {
      const how = task.status === 'done' ? 'Task done' : 'Task dropped';
      // The owner's activity, recorded by whoever closed it: say so when that was someone else (no act in their name).
      const recordedBy = task.closedBy && !samePerson(task.closedBy, task.owner) ? `, recorded by ${task.closedBy}` : '';
      owner.activities.push({ at: task.closedAt, text: `${how}: ${task.title}${task.closeNote ? ` (${task.closeNote})` : ''}${recordedBy}`, eventId: `${task.id}:closed` });
    }
  }
  const first = (p: PersonLog) => Math.min(...p.activities.map((a) => a.at), ...p.positions.map((x) => x.from));
  const list = [...people.values()];
  for (const p of list) p.activities.sort((a, b) => a.at - b.at || (a.eventId < b.eventId ? -1 : 1));
  list.sort((a, b) => first(a) - first(b) || a.person.localeCompare(b.person));
  return { from: state.detectedAt, to: state.resolvedAt ?? now, people: list };
}
