// The words of the maintenance screen: a window's status as people read it (Cancelled is a completed window called
// off), and how far away an instant is.
import type { MaintenanceStatus } from '@shared/incident/events-maintenance';
import { maintenanceStatus, type MaintenanceWindow } from '@shared/maintenance/windows';
import { formatDuration } from '@shared/time/duration';
import { formatClockTime, formatDateTime, localDayKey } from '../../core/format';

export const STATUS_WORDS: Record<MaintenanceStatus, string> = { scheduled: 'Scheduled', in_progress: 'In progress', verifying: 'Verifying', completed: 'Completed' };

export function statusWord(w: MaintenanceWindow, now: number): string {
  const status = maintenanceStatus(w, now);
  return status === 'completed' && w.cancelledAt !== null ? 'Cancelled' : STATUS_WORDS[status];
}

/** "in 1h 20m", "in 4m 05s", "3m 10s ago". */
export function relative(at: number, now: number): string {
  return at >= now ? `in ${formatDuration(at - now)}` : `${formatDuration(now - at)} ago`;
}

/** "Dec 7, 2026, 09:10 to 12:10 (3h 00m)"; the end's date only when it is another day. */
export function windowWords(startsAt: number, endsAt: number): string {
  const end = localDayKey(startsAt) === localDayKey(endsAt) ? formatClockTime(endsAt, false) : formatDateTime(endsAt);
  return `${formatDateTime(startsAt)} to ${end} (${formatDuration(endsAt - startsAt)})`;
}
