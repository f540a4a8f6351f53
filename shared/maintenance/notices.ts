// The emails a maintenance window sends to the subscribers of its components, as Atlassian Statuspage sends them:
// when it is scheduled (if asked), a reminder 60 minutes before the start, when it starts and ends by itself (if the
// window's automatic emails say so), and any update someone posts with "email the subscribers". Pure: the server's
// delivery worker asks which are due and sends each exactly once (keyed by `id`); the console shows the same list.
import { v5 as uuidv5 } from 'uuid';
import { REMINDER_BEFORE_MS, type MaintenanceStatus } from '../incident/events-maintenance';
import { completedAt, maintenanceStatus, maintenanceUpdates, type MaintenanceWindow } from './windows';

/** Namespace of the ids of notices no event stands for (the reminder, the automatic start and end). */
const NOTICE_NAMESPACE = '2b7c0f4e-5a61-4d0b-9c3e-8f7a1d2e6b90';
/** A notice that could not go out in time (the server was down) is dropped after this: old news is not news. */
export const NOTICE_STALE_AFTER_MS = 24 * 3_600_000;

export type NoticeKind = 'scheduled' | 'reminder' | 'started' | 'update' | 'completed' | 'cancelled';

export interface MaintenanceNotice {
  /** The delivery's request id: the event's id for a posted word, a uuid v5 of (window, kind) for the automatic ones. */
  id: string;
  windowId: string;
  kind: NoticeKind;
  /** The window's status the email announces. */
  status: MaintenanceStatus;
  text: string;
  /** When it is due (and whose subscribers, confirmed by then, receive it). */
  dueAt: number;
  /** Not sent after this (the window moved on, or a day passed). */
  until: number;
}

const REMINDER_TEXT = 'Reminder: this scheduled maintenance starts in 60 minutes.';

/** Every email the window calls for, due or not yet due, in time order. */
export function windowNotices(w: MaintenanceWindow, now: number): MaintenanceNotice[] {
  const notices: MaintenanceNotice[] = [];
  const done = completedAt(w, now);
  const stale = (at: number) => at + NOTICE_STALE_AFTER_MS;
  for (const u of maintenanceUpdates(w, now)) {
    if (!u.notify) continue;
    const scheduling = u.id === w.posted[0]?.id;
    if (u.automatic) {
      const started = u.status === 'in_progress';
      const id = uuidv5(`${w.id}|${started ? 'started' : 'completed'}`, NOTICE_NAMESPACE);
      // The start notice only while the window runs; the end notice for a day after it.
      notices.push({ id, windowId: w.id, kind: started ? 'started' : 'completed', status: u.status, text: u.text, dueAt: u.at, until: started ? (done ?? w.endsAt) : stale(u.at) });
      continue;
    }
    const cancelled = w.cancelledAt !== null && w.posted.at(-1)?.id === u.id;
    notices.push({
      id: u.id, windowId: w.id, kind: scheduling ? 'scheduled' : cancelled ? 'cancelled' : u.status === 'completed' ? 'completed' : 'update',
      status: u.status, text: u.text, dueAt: u.at,
      // The announcement is worth sending until the window is over; an update for a day.
      until: scheduling ? (done ?? w.endsAt) : stale(u.at),
    });
  }
  // The reminder, while the window is still to come (not once it started early, completed or was cancelled), and
  // only for a window planned more than 60 minutes ahead (otherwise its announcement is the reminder).
  const remindAt = w.startsAt - REMINDER_BEFORE_MS;
  if (w.autoNotify.reminder && w.createdAt < remindAt && maintenanceStatus(w, now) === 'scheduled') {
    notices.push({ id: uuidv5(`${w.id}|reminder`, NOTICE_NAMESPACE), windowId: w.id, kind: 'reminder', status: 'scheduled', text: REMINDER_TEXT, dueAt: remindAt, until: w.startsAt });
  }
  return notices.sort((a, b) => a.dueAt - b.dueAt);
}

/** The notices to send now: due, and not yet past their moment. */
export function dueNotices(windows: readonly MaintenanceWindow[], now: number): MaintenanceNotice[] {
  return windows.flatMap((w) => windowNotices(w, now)).filter((n) => n.dueAt <= now && now < n.until);
}
