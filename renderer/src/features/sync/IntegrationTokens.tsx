// "Integrations" in the Team section: tokens monitoring systems post alerts with. The token is shown once
// (the server keeps a hash), with the intake URLs to paste into Alertmanager or Grafana; revoke any time.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { intakePath, type CreatedIntegration, type IntegrationInfo } from '@shared/alerts/integration-protocol';
import { SOURCES } from '@shared/alerts/sources/registry';
import type { AdminApi } from '@shared/sync/admin-api';
import { messageOf, when } from './admin-words';

export function IntegrationTokens({ api, baseUrl }: { api: AdminApi; baseUrl: string }) {
  const [list, setList] = useState<IntegrationInfo[] | null>(null);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedIntegration | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const origin = (baseUrl || window.location.origin).replace(/\/+$/, '');

  const load = useCallback(async () => {
    try {
      setList(await api.listIntegrations());
    } catch (err) {
      setError(messageOf(err));
    }
  }, [api]);
  useEffect(() => { void load(); }, [load]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setCreated(await api.createIntegration(name));
      setName('');
      await load();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (item: IntegrationInfo) => {
    setError(null);
    try {
      await api.revokeIntegration(item.id);
      await load();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <div className="sync-integrations">
      <h4>Integrations (alert intake)</h4>
      <form className="sync-form" aria-label="Create integration token" onSubmit={(e) => void create(e)}>
        <div className="sync-inline">
          <label className="sync-field">Integration name
            <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} placeholder="Alertmanager prod" />
          </label>
          <button type="submit" disabled={busy}>{busy ? 'Creating…' : 'Create integration token'}</button>
        </div>
      </form>
      {error && <p role="alert" className="sync-notice error">{error}</p>}
      {created && (
        <div className="sync-notice" role="group" aria-label="New integration token">
          <label className="sync-field">Token for {created.name}
            <input readOnly value={created.token} aria-label="New integration token value" className="sync-code" onFocus={(e) => e.currentTarget.select()} />
          </label>
          <p className="muted">Shown only this once. Senders present it as <code>Authorization: Bearer &lt;token&gt;</code>, or in the address where they cannot set a header. See docs/server.md.</p>
          <ul className="muted">
            {/* Where the sender takes only an address (Sentry, the generic JSON), the address carries the token: pasted whole. */}
            {SOURCES.map((s) => <li key={s.id}>{s.words}: <code>{origin}{intakePath(s.id, s.tokenIn === 'path' ? created.token : undefined)}</code></li>)}
          </ul>
          <button type="button" onClick={() => setCreated(null)}>Done</button>
        </div>
      )}
      {list && list.length > 0 && (
        <table className="sync-device-table" aria-label="Integration tokens">
          <thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Status</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {list.map((i) => (
              <tr key={i.id}>
                <th scope="row">{i.name}</th>
                <td>{when(i.createdAt)}</td>
                <td>{when(i.lastUsedAt)}</td>
                <td>{i.revokedAt ? `Revoked ${when(i.revokedAt)}` : 'Active'}</td>
                <td>{!i.revokedAt && <button type="button" className="small" onClick={() => void revoke(i)}>Revoke {i.name}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
