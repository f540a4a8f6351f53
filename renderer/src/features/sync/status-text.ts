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
  /** Entries waiting to go out ('' when none): shown whole, right after the label, never cut. */
  waiting: string;
  /** When it last synced: the part that may be shortened when the bar is tight. */
  synced: string;
  /** Both, for a tooltip. */
  detail: string;
  /** Longer explanation (tooltip). */
  title: string;
}

export function chipText(connected: boolean, status: SyncStatus | null): ChipText {
  if (!connected || !status) return { tone: 'local', label: 'Local only', waiting: '', synced: '', detail: '', title: 'Not connected to a sync server; everything stays on this device.' };
  const waiting = status.pending > 0 ? `${status.pending} waiting to send${status.held > 0 ? ` (${status.held} refused)` : ''}` : '';
  const synced = status.lastSyncedAt ? `synced ${formatSyncedAt(status.lastSyncedAt)}` : 'not synced yet';
  const detail = [synced, waiting].filter(Boolean).join(' · ');
  const parts = { waiting, synced, detail };
  switch (status.state) {
    case 'online':
      return {
        tone: 'online', label: 'Online', ...parts,
        title: status.held > 0 && status.heldReason
          ? `The server refused ${plural(status.held, 'entry', 'entries')}: ${status.heldReason.message}. See Server.`
          : status.realtime ? 'Connected; new entries arrive live.' : 'Connected; live updates paused, checking every 30 s.',
      };
    case 'syncing':
      return { tone: 'syncing', label: 'Syncing', ...parts, title: 'Sending and receiving entries.' };
    case 'offline':
      return { tone: 'offline', label: 'Offline', ...parts, title: 'Cannot reach the sync server; entries are kept here and sent when it is back.' };
    case 'error':
      return needsReconnect(status)
        ? { tone: 'error', label: 'Sync stopped', ...parts, title: 'The server no longer accepts this device. Open Server to connect again.' }
        : { tone: 'error', label: 'Sync error', ...parts, title: status.error?.message ?? 'The server refused the last sync; retrying.' };
  }
}

/**
 * The Server page's line about the server's history going back (a restore, a rebuild): what this console gave back.
 * Null when it never happened while this console ran.
 */
export function recoveryText(status: SyncStatus | null): string | null {
  const r = status?.recovery;
  if (!r) return null;
  const when = formatSyncedAt(r.at);
  if (r.state === 'running') return `The server came back with an older history (${when}): reading everything again and sending back what it lacks…`;
  const gave = r.requeued + r.relayed === 0
    ? 'it already had everything this console holds'
    : `this console sent back ${plural(r.requeued, 'entry', 'entries')} of its own and ${plural(r.relayed, 'entry', 'entries')} others wrote`;
  const refused = r.refused === 0 ? '' : `; ${plural(r.refused, 'entry', 'entries')} refused${r.lastRefusal ? ` (${r.lastRefusal.message})` : ''}${r.state === 'incomplete' ? ', tried again when their authors reconnect' : ''}`;
  return `The server came back with an older history (${when}): ${gave}${refused}.`;
}
