// Clock shapes: every deadline the commander watches, derived from (state, plan, now).

export type ClockKind =
  | 'update'
  | 'response'
  | 'resolution'
  | 'breach-notification'
  | 'recurrence-watch'
  | 'pir'
  | 'action-deadline'
  | 'action-follow-up'
  | 'task'
  | 'step-due'
  | 'role-response';

/**
 * ok / due-soon / overdue: still counting. met / missed: finished, on time or late.
 * A recurrence watch is `met` when its time has passed without a recurrence (the team may resolve).
 */
export type ClockState = 'ok' | 'due-soon' | 'overdue' | 'met' | 'missed';

export interface Clock {
  /** Stable id, also the key for snoozes and notifications: "update:stakeholders", "action-deadline:<id>". */
  id: string;
  kind: ClockKind;
  label: string;
  /** What acting on the clock means, for the alert text. */
  hint: string;
  startedAt: number;
  dueAt: number;
  state: ClockState;
  /** Still counting down (not met or missed). */
  active: boolean;
  remainingMs: number;
  completedAt: number | null;
  snoozedUntil: number | null;
  snoozeReason: string | null;
  /** Needs the commander now: due soon or overdue, and not snoozed. */
  alerting: boolean;
  audience?: string;
  actionItemId?: string;
  taskId?: string;
  roleId?: string;
}
