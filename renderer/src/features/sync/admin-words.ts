// Words the Team (admin) panels share: an admin call's failure as a sentence, and a server time as the console shows it.
import { AdminApiError } from '@shared/sync/admin-api';
import { formatDateTime } from '../../core/format';

/** The server's own message for a refused call; anything else says it went wrong and why. */
export const messageOf = (error: unknown): string =>
  error instanceof AdminApiError ? error.message : `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;

/** A server timestamp in the console's date-time format, or a dash when there is none. */
export const when = (iso: string | null): string => (iso ? formatDateTime(Date.parse(iso)) : '—');
