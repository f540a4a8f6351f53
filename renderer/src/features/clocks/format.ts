// Small display helpers for times and clock states, shared by the panels.
import type { Clock, ClockState } from '@shared/clocks/types';
import { formatDuration } from '@shared/time/duration';

/** Wall-clock time as the war room reads it: "14:05" in the device's zone (with seconds if asked). */
export function formatTime(ms: number, seconds = false): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23' });
}

/** Date and time for records that can be days old. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toLocaleString([], { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

export const CLOCK_STATE_LABEL: Record<ClockState, string> = {
  ok: 'OK',
  'due-soon': 'Due soon',
  overdue: 'Overdue',
  met: 'Met',
  missed: 'Missed',
};

/** "12m 04s left", "overdue by 3m 10s", "met at 14:05". */
export function clockRemainingText(clock: Clock): string {
  if (!clock.active) return `${clock.state === 'met' ? 'met' : 'missed'}${clock.completedAt !== null ? ` at ${formatTime(clock.completedAt)}` : ''}`;
  if (clock.remainingMs < 0) return `overdue by ${formatDuration(-clock.remainingMs)}`;
  return `${formatDuration(clock.remainingMs)} left`;
}
