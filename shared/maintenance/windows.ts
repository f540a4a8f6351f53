// Planned maintenance windows: the pure fold of the maintenance stream, and a window's status at an instant
// (derived, never stored: before its start "scheduled", inside it "in_progress" or "verifying", after its end or
// once completed "completed"). The same events in any order, with duplicates, give the same windows.
import type { IncidentEvent } from '../incident/events';
import type { AutoNotify, MaintenanceStatus } from '../incident/events-maintenance';
import { MAINTENANCE_STREAM_ID } from '../workspace/streams';

export interface MaintenanceUpdate {
  /** The event's id, or `<window id>:started` / `:completed` for a transition the window's times made. */
  id: string;
  status: MaintenanceStatus;
  text: string;
  at: number;
  /** True for a transition nobody posted (the window's start or end passed). */
  automatic: boolean;
  /** Emailed to the subscribers (a posted update that asked for it; the start or end when the window's automatic emails say so). */
  notify: boolean;
}

export interface MaintenanceWindow {
  id: string;
  title: string;
  text: string;
  componentIds: string[];
  startsAt: number;
  endsAt: number;
  /** The subscribers were emailed when it was scheduled. */
  notifySubscribers: boolean;
  /** The emails that go by themselves: a reminder before the start, the start and the end (the latest choice). */
  autoNotify: AutoNotify;
  createdAt: number;
  createdBy: string;
  /** When someone called it off (its completion then reads "cancelled"); null otherwise. */
  cancelledAt: number | null;
  /**
   * Posted updates in clock order (the scheduling itself is the first, status `scheduled`, with the current
   * description); `notify`: its text was emailed to the subscribers.
   */
  posted: Array<{ id: string; status: MaintenanceStatus | null; text: string | null; at: number; notify: boolean; by: string }>;
  /** Last change of anything (for updated_at). */
  changedAt: number;
}

type MaintenanceEvent = Extract<IncidentEvent, { type: 'maintenance.scheduled' | 'maintenance.updated' }>;
const stamp = (e: IncidentEvent) => `${e.hlc}|${e.id}`;

/** Every window of the stream, newest window first. */
export function foldMaintenance(events: Iterable<IncidentEvent>): MaintenanceWindow[] {
  const seen = new Set<string>();
  const list: MaintenanceEvent[] = [];
  for (const e of events) {
    if (e.incidentId !== MAINTENANCE_STREAM_ID || seen.has(e.id)) continue;
    if (e.type !== 'maintenance.scheduled' && e.type !== 'maintenance.updated') continue;
    seen.add(e.id);
    list.push(e);
  }
  list.sort((a, b) => (stamp(a) < stamp(b) ? -1 : 1));
  const windows = new Map<string, MaintenanceWindow>();
  // Two passes: an update whose scheduling arrives with an earlier clock from another laptop still applies.
  for (const e of list) {
    if (e.type !== 'maintenance.scheduled' || windows.has(e.payload.maintenanceId)) continue;
    const p = e.payload;
    const at = Date.parse(e.occurredAt);
    windows.set(p.maintenanceId, {
      id: p.maintenanceId, title: p.title, text: p.text, componentIds: [...p.componentIds], startsAt: Date.parse(p.startsAt), endsAt: Date.parse(p.endsAt),
      notifySubscribers: p.notifySubscribers, autoNotify: { ...p.autoNotify }, createdAt: at, createdBy: e.actor.name, cancelledAt: null,
      posted: [{ id: e.id, status: 'scheduled', text: p.text, at, notify: p.notifySubscribers, by: e.actor.name }], changedAt: at,
    });
  }
  for (const e of list) {
    if (e.type !== 'maintenance.updated') continue;
    const w = windows.get(e.payload.maintenanceId);
    if (!w) continue;
    const p = e.payload;
    const at = Date.parse(e.occurredAt);
    if (p.startsAt !== undefined) w.startsAt = Date.parse(p.startsAt);
    if (p.endsAt !== undefined) w.endsAt = Date.parse(p.endsAt);
    if (p.componentIds !== undefined) w.componentIds = [...p.componentIds];
    if (p.title !== undefined) w.title = p.title;
    if (p.autoNotify !== undefined) w.autoNotify = { ...p.autoNotify };
    if (p.description !== undefined) {
      w.text = p.description;
      (w.posted[0] as MaintenanceWindow['posted'][number]).text = p.description;
    }
    // The latest status word wins: a status posted after a cancellation (another laptop) reopens or completes it.
    if (p.status !== undefined) w.cancelledAt = p.cancelled ? at : null;
    w.posted.push({ id: e.id, status: p.status ?? null, text: p.text ?? null, at, notify: p.notifySubscribers === true && p.text !== undefined, by: e.actor.name });
    w.changedAt = Math.max(w.changedAt, at);
  }
  return [...windows.values()].sort((a, b) => b.startsAt - a.startsAt || (a.id < b.id ? -1 : 1));
}

/** The last status someone posted, with when. */
function lastPosted(w: MaintenanceWindow): { status: MaintenanceStatus; at: number } | undefined {
  for (let i = w.posted.length - 1; i >= 0; i--) {
    const p = w.posted[i] as MaintenanceWindow['posted'][number];
    if (p.status && p.status !== 'scheduled') return { status: p.status, at: p.at };
  }
  return undefined;
}

/** When the window was completed (by a person, or by its end passing), or null while it is not. */
export function completedAt(w: MaintenanceWindow, now: number): number | null {
  const posted = lastPosted(w);
  if (posted?.status === 'completed') return Math.min(posted.at, Math.max(w.endsAt, posted.at));
  return now >= w.endsAt ? w.endsAt : null;
}

export function maintenanceStatus(w: MaintenanceWindow, now: number): MaintenanceStatus {
  if (completedAt(w, now) !== null) return 'completed';
  const posted = lastPosted(w);
  if (posted?.status === 'verifying') return 'verifying';
  if (posted?.status === 'in_progress' || now >= w.startsAt) return 'in_progress';
  return 'scheduled';
}

/** In progress or verifying: its components are under maintenance, and their alerts are not declared. */
export function isActive(w: MaintenanceWindow, now: number): boolean {
  const s = maintenanceStatus(w, now);
  return s === 'in_progress' || s === 'verifying';
}

export const STARTED_TEXT = 'Scheduled maintenance is currently in progress. We will provide updates as necessary.';
export const COMPLETED_TEXT = 'The scheduled maintenance has been completed.';

/**
 * The window's updates as the status page lists them, oldest first: each posted one (an update without a status
 * keeps the status of its moment), and the start and the end when the window's times made them and nobody posted one.
 */
export function maintenanceUpdates(w: MaintenanceWindow, now: number): MaintenanceUpdate[] {
  const startedBy = w.posted.find((p) => p.status === 'in_progress' || p.status === 'verifying' || p.status === 'completed');
  const autoStart = now >= w.startsAt && (!startedBy || startedBy.at > w.startsAt);
  const done = completedAt(w, now);
  const completedBy = w.posted.find((p) => p.status === 'completed');
  const events: MaintenanceUpdate[] = [];
  let status: MaintenanceStatus = 'scheduled';
  const timeline = [...w.posted.map((p) => ({ ...p, automatic: false }))];
  if (autoStart) timeline.push({ id: `${w.id}:started`, status: 'in_progress', text: STARTED_TEXT, at: w.startsAt, automatic: true, notify: w.autoNotify.start, by: '' });
  if (done !== null && !completedBy) timeline.push({ id: `${w.id}:completed`, status: 'completed', text: COMPLETED_TEXT, at: w.endsAt, automatic: true, notify: w.autoNotify.end, by: '' });
  timeline.sort((a, b) => a.at - b.at || (a.automatic === b.automatic ? 0 : a.automatic ? -1 : 1));
  for (const p of timeline) {
    if (p.status) status = p.status;
    else if (status === 'scheduled' && p.at >= w.startsAt) status = 'in_progress';
    if (p.text === null) continue; // a change of window or components alone is not an update people read
    events.push({ id: p.id, status, text: p.text, at: p.at, automatic: p.automatic, notify: p.notify });
  }
  return events;
}

/** The windows active at `at` that cover any of `componentIds`. */
export function activeWindowsFor(windows: MaintenanceWindow[], componentIds: Iterable<string>, at: number): MaintenanceWindow[] {
  const ids = new Set(componentIds);
  if (ids.size === 0) return [];
  return windows.filter((w) => isActive(w, at) && w.componentIds.some((c) => ids.has(c)));
}
