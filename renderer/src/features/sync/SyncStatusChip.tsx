// Top-bar sync indicator: local only / offline / syncing / online / error, entries waiting (never cut), last synced;
// a "Connect again" button when the server no longer accepts this device.
import { useUi } from '../../core/ui-store';
import { needsReconnect } from './service';
import { chipText } from './status-text';
import { useSyncView } from './useSync';
import './sync.css';

export function SyncStatusChip() {
  const { connection, status } = useSyncView();
  const navigate = useUi((s) => s.navigate);
  const text = chipText(connection !== null, status);
  return (
    <>
      <span role="group" aria-label="Sync status" aria-live="polite" className={`sync-chip sync-${text.tone}`} title={`${text.label}${text.detail ? ` · ${text.detail}` : ''}. ${text.title}`}>
        <span className="sync-dot" aria-hidden="true" />
        <span className="sync-label">{text.label}</span>
        {/* What waits to go out is the urgent part: whole, before the time of the last sync (which may shorten). */}
        {text.waiting && <span className="sync-waiting"> · {text.waiting}</span>}
        {text.synced && <span className="sync-detail"> · {text.synced}</span>}
      </span>
      {needsReconnect(status) && <button type="button" className="small" onClick={() => navigate('server')}>Connect again</button>}
    </>
  );
}
