// Display helpers for clock states, shared by the panels (times are core/format's).
import type { Clock, ClockState } from '@shared/clocks/types';
import { formatDuration } from '@shared/time/duration';
import { formatClockTime } from '../../core/format';

export const CLOCK_STATE_LABEL: Record<ClockState, string> = {
  ok: 'OK',
  'due-soon': 'Due soon',
  overdue: 'Overdue',
  met: 'Met',
  missed: 'Missed',
};

/** "12m 04s left", "overdue by 3m 10s", "met at 14:05". */
export function clockRemainingText(clock: Clock): string {
  if (!clock.active) return `${clock.state === 'met' ? 'met' : 'missed'}${clock.completedAt !== null ? ` at ${formatClockTime(clock.completedAt, false)}` : ''}`;
  if (clock.remainingMs < 0) return `overdue by ${formatDuration(-clock.remainingMs)}`;
  return `${formatDuration(clock.remainingMs)} left`;
}
