// The "Server" page: connect this device to a sync server with an invite, see sync state, disconnect.
import { useEffect, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { knownServerKey } from '../../db/archive-signing';
import { useIdentity } from '../../db/hooks';
import { db } from '../../db/instance';
import { describeServer } from '../../db/sync-connection';
import { platform } from '../../platform';
import { AdminTeamSection } from './AdminTeamSection';
import { syncService } from './instance';
import { ConnectError } from './join';
import { needsReconnect } from './service';
import { chipText, formatSyncedAt, recoveryText } from './status-text';
import { useSyncView } from './useSync';
import './sync.css';

const page = typeof location !== 'undefined' ? { protocol: location.protocol, origin: location.origin } : undefined;
const sameOriginPossible = page?.protocol === 'http:' || page?.protocol === 'https:';

function ConnectForm({ initialUrl, reconnect }: { initialUrl: string; reconnect: boolean }) {
  const identity = useIdentity();
  const [serverUrl, setServerUrl] = useState(initialUrl);
  const [inviteCode, setInviteCode] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const defaultDeviceName = `${identity.name || 'Unnamed'}’s ${platform.kind === 'electron' ? 'desktop' : 'browser'}`;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The desktop keeps the last server address in its settings (also migrated from older versions): offer it.
  useEffect(() => {
    if (initialUrl) return;
    let live = true;
    platform.getSettings().then((s) => { if (live && s.syncServerUrl) setServerUrl((current) => current || s.syncServerUrl); }).catch(() => undefined);
    return () => { live = false; };
  }, [initialUrl]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!inviteCode.trim()) { setError('Enter the invite code an admin gave you.'); return; }
    setBusy(true);
    try {
      const connection = await syncService.connect({ serverUrl, inviteCode, deviceName: deviceName.trim() || defaultDeviceName });
      setInviteCode('');
      if (connection.baseUrl) void platform.updateSettings({ syncServerUrl: connection.baseUrl }).catch(() => undefined);
    } catch (err) {
      setError(err instanceof ConnectError ? err.message : `Could not connect: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="sync-form" aria-label="Connect to server" onSubmit={(e) => void submit(e)}>
      <h3>{reconnect ? 'Connect again' : 'Connect to a server'}</h3>
      <label className="sync-field">
        Server address
        <input value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} placeholder={sameOriginPossible ? `${page?.origin ?? ''} (this page’s server)` : 'https://incidents.example.com'} inputMode="url" autoComplete="url" />
        <span className="muted">{sameOriginPossible ? 'Leave empty to use the server this page was loaded from.' : 'For example https://incidents.example.com or http://10.0.0.5:8787'}</span>
      </label>
      <label className="sync-field">
        Invite code
        <input value={inviteCode} onChange={(e) => setInviteCode(e.target.value)} autoComplete="off" spellCheck={false} />
      </label>
      <label className="sync-field">
        Device name
        <input value={deviceName} onChange={(e) => setDeviceName(e.target.value)} maxLength={80} placeholder={defaultDeviceName} />
      </label>
      <p className="muted">You join as <strong>{identity.name || 'Unnamed'}</strong>. Entries already on this device are shared with the workspace once connected.</p>
      {error && <p role="alert" className="sync-notice error">{error}</p>}
      <div className="sync-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Connecting…' : 'Connect'}</button>
      </div>
    </form>
  );
}

export function SyncPage() {
  const { loaded, connection, status } = useSyncView();
  const [confirming, setConfirming] = useState(false);
  const serverKey = useLiveQuery(() => knownServerKey(db), []);
  if (!loaded) return <p role="status">Loading…</p>;
  const text = chipText(connection !== null, status);
  const recovery = recoveryText(status);
  const revoked = needsReconnect(status);
  return (
    <section className="sync-page" aria-labelledby="sync-heading">
      <h2 id="sync-heading">Server</h2>
      {!connection && (
        <>
          <p>This device works on its own. Connect it to your team’s sync server to share incidents with other commanders; logging never waits on the network.</p>
          <ConnectForm initialUrl="" reconnect={false} />
        </>
      )}
      {connection && (
        <>
          <dl className="sync-details" aria-label="Connection">
            <dt>Workspace</dt><dd>{connection.workspaceName} <span className="muted" title="The workspace's id: an admin recreating a lost server needs it (docs/server.md)">({connection.workspace})</span></dd>
            <dt>Server</dt><dd>{describeServer(connection.baseUrl, page)}</dd>
            {serverKey && <><dt>Server key</dt><dd><code className="sync-key" title="The server's signing key: an admin recreating a lost server passes it with --former-server-key (docs/server.md)">{serverKey}</code></dd></>}
            <dt>This device</dt><dd>{connection.deviceName} ({connection.role})</dd>
            <dt>State</dt><dd>{text.label}{status?.state === 'online' && status.realtime ? ' (live updates)' : ''}</dd>
            <dt>Last synced</dt><dd>{formatSyncedAt(status?.lastSyncedAt ?? null, true)}</dd>
            <dt>Waiting to send</dt><dd>{status?.pending ?? 0}</dd>
            {(status?.held ?? 0) > 0 && <><dt>Refused by the server</dt><dd>{status?.held}{status?.heldReason ? ` (${status.heldReason.message})` : ''}; {status?.heldReason?.code === 'body_too_large' ? 'kept here, sent again only when you retry' : 'kept here and offered again'}</dd></>}
            {(status?.quarantined ?? 0) > 0 && <><dt>Received but unreadable</dt><dd>{status?.quarantined}; kept aside, retried when the app starts (an update may read them)</dd></>}
            {recovery && <><dt>Server recovery</dt><dd>{recovery}</dd></>}
          </dl>
          {revoked && (
            <p role="alert" className="sync-notice error">
              The server no longer accepts this device (it was revoked by an admin, or the workspace changed). Nothing logged here is lost: connect again with a new invite code and waiting entries are sent.
            </p>
          )}
          {!revoked && status?.state === 'error' && status.error && (
            <p role="alert" className="sync-notice error">The server refused the last sync: {status.error.message}. Retrying automatically.</p>
          )}
          {!revoked && status?.state === 'offline' && (
            <p className="sync-notice warn">Cannot reach the server{status.error ? ` (${status.error.message})` : ''}. Keep working: entries are sent when the connection is back.</p>
          )}
          <div className="sync-actions">
            {!revoked && <button type="button" onClick={() => void syncService.syncNow()}>Sync now</button>}
            {!revoked && (status?.held ?? 0) > 0 && <button type="button" onClick={() => void syncService.retryHeld()}>Retry refused entries</button>}
            {!confirming && <button type="button" onClick={() => setConfirming(true)}>Disconnect</button>}
            {confirming && (
              <>
                <span>Stop syncing this device? Local incidents stay here. The server keeps this device under your name: to connect again, ask an admin for an invite made for you (or to revoke this device first).</span>
                <button type="button" className="danger" onClick={() => { setConfirming(false); void syncService.disconnect(); }}>Disconnect this device</button>
                <button type="button" onClick={() => setConfirming(false)}>Cancel</button>
              </>
            )}
          </div>
          {revoked && <ConnectForm initialUrl={connection.baseUrl} reconnect />}
          {!revoked && connection.role === 'admin' && <AdminTeamSection key={connection.token} connection={connection} />}
        </>
      )}
    </section>
  );
}
