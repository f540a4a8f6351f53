// Words for the sync status: the top-bar chip and the Server page use the same phrasing.
import type { SyncStatus } from '@shared/sync/engine';
import { formatClockTime, plural } from '../../core/format';
import { needsReconnect } from './service';

/** Hours and minutes for the top bar; with seconds on the Server page. */
export function formatSyncedAt(iso: string | null, seconds = false): string {
  return iso ? formatClockTime(Date.parse(iso), seconds) : 'never';
}

export type ChipTone = 'local' | 'offline' | 'syncing' | 'online' | 'error';

export interface ChipText {
  tone: ChipTone;
  label: string;
  /** Last synced and waiting entries, shown after the label. */
  detail: string;
  /** Longer explanation (tooltip). */
  title: string;
}

export function chipText(connected: boolean, status: SyncStatus | null): ChipText {
  if (!connected || !status) return { tone: 'local', label: 'Local only', detail: '', title: 'Not connected to a sync server; everything stays on this device.' };
  const waiting = status.pending > 0 ? `${status.pending} waiting to send${status.held > 0 ? ` (${status.held} refused)` : ''}` : '';
  const synced = status.lastSyncedAt ? `synced ${formatSyncedAt(status.lastSyncedAt)}` : 'not synced yet';
  const detail = [synced, waiting].filter(Boolean).join(' · ');
  switch (status.state) {
    case 'online':
      return {
        tone: 'online', label: 'Online', detail,
        title: status.held > 0 && status.heldReason
          ? `The server refused ${plural(status.held, 'entry', 'entries')}: ${status.heldReason.message}. See Server.`
          : status.realtime ? 'Connected; new entries arrive live.' : 'Connected; live updates paused, checking every 30 s.',
      };
    case 'syncing':
      return { tone: 'syncing', label: 'Syncing', detail, title: 'Sending and receiving entries.' };
    case 'offline':
      return { tone: 'offline', label: 'Offline', detail, title: 'Cannot reach the sync server; entries are kept here and sent when it is back.' };
    case 'error':
      return needsReconnect(status)
        ? { tone: 'error', label: 'Sync stopped', detail, title: 'The server no longer accepts this device. Open Server to connect again.' }
        : { tone: 'error', label: 'Sync error', detail, title: status.error?.message ?? 'The server refused the last sync; retrying.' };
  }
}
