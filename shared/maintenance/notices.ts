// The emails a maintenance window sends to the subscribers of its components, as Atlassian Statuspage sends them:
// when it is scheduled (if asked), a reminder 60 minutes before the start, when it starts and ends by itself (if the
// window's automatic emails say so), and any update someone posts with "email the subscribers". Pure: the server's
// delivery worker asks which are due and sends each exactly once (keyed by `id`); the console shows the same list.
import { v5 as uuidv5 } from 'uuid';
import type { IncidentEvent } from '../incident/events';
import { REMINDER_BEFORE_MS, type MaintenanceStatus } from '../incident/events-maintenance';
import { isServerIdentity } from '../sync/server-actor';
import { COMPLETED_TEXT, completedAt, maintenanceUpdates, STARTED_TEXT, type MaintenanceWindow } from './windows';

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
  // The automatic start and end still to come (listed ahead, so the console shows them as due; the same ids as when
  // the window's times make them): not once someone posted a start or an end by hand.
  const posted = (statuses: MaintenanceStatus[]) => w.posted.some((p) => p.status !== null && statuses.includes(p.status));
  const has = (kind: NoticeKind) => notices.some((n) => n.kind === kind && n.id === uuidv5(`${w.id}|${kind}`, NOTICE_NAMESPACE));
  if (w.autoNotify.start && now < w.startsAt && !posted(['in_progress', 'verifying', 'completed']) && !has('started')) {
    notices.push({ id: uuidv5(`${w.id}|started`, NOTICE_NAMESPACE), windowId: w.id, kind: 'started', status: 'in_progress', text: STARTED_TEXT, dueAt: w.startsAt, until: w.endsAt });
  }
  if (w.autoNotify.end && done === null && !posted(['completed']) && !has('completed')) {
    notices.push({ id: uuidv5(`${w.id}|completed`, NOTICE_NAMESPACE), windowId: w.id, kind: 'completed', status: 'completed', text: COMPLETED_TEXT, dueAt: w.endsAt, until: stale(w.endsAt) });
  }
  // The reminder: only for a window planned more than 60 minutes ahead (otherwise its announcement is the reminder),
  // and not when it was started, completed or cancelled before the reminder's moment; nor after such a word.
  const remindAt = w.startsAt - REMINDER_BEFORE_MS;
  const moved = w.posted.find((p) => p.status !== null && p.status !== 'scheduled');
  if (w.autoNotify.reminder && w.createdAt < remindAt && !(moved && moved.at <= remindAt)) {
    notices.push({ id: uuidv5(`${w.id}|reminder`, NOTICE_NAMESPACE), windowId: w.id, kind: 'reminder', status: 'scheduled', text: REMINDER_TEXT, dueAt: remindAt, until: Math.min(w.startsAt, moved?.at ?? Number.POSITIVE_INFINITY) });
  }
  return notices.sort((a, b) => a.dueAt - b.dueAt);
}

/** The notices to send now: due, and not yet past their moment. */
export function dueNotices(windows: readonly MaintenanceWindow[], now: number): MaintenanceNotice[] {
  return windows.flatMap((w) => windowNotices(w, now)).filter((n) => n.dueAt <= now && now < n.until);
}

export interface NoticeOutcome {
  state: 'sent' | 'retrying' | 'failed';
  /** When it was sent, or last failed. */
  at: number;
  /** Sent: to whom in words ("12 subscribers"); failed: why. */
  detail: string;
  nextAttemptAt: number | null;
}

/** What the server reported of each notice (by id): sent wins over any failure; otherwise the latest attempt. */
export function noticeOutcomes(events: Iterable<IncidentEvent>): Map<string, NoticeOutcome> {
  const out = new Map<string, NoticeOutcome & { attempt: number }>();
  for (const e of events) {
    // Only the server reports deliveries; anything else claiming to is not believed.
    if (!isServerIdentity(e.actor.deviceId) || (e.type !== 'delivery.sent' && e.type !== 'delivery.failed')) continue;
    const prev = out.get(e.payload.requestId);
    if (prev?.state === 'sent') continue;
    const at = Date.parse(e.occurredAt);
    if (e.type === 'delivery.sent') {
      out.set(e.payload.requestId, { state: 'sent', at, detail: e.payload.detail, nextAttemptAt: null, attempt: e.payload.attempt });
    } else if (!prev || e.payload.attempt >= prev.attempt) {
      const next = e.payload.nextAttemptAt === null ? null : Date.parse(e.payload.nextAttemptAt);
      out.set(e.payload.requestId, { state: next === null ? 'failed' : 'retrying', at, detail: e.payload.reason, nextAttemptAt: next, attempt: e.payload.attempt });
    }
  }
  return out;
}
