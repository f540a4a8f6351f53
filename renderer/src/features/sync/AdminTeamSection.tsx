// "Team (admin)" on the Server page: create invite codes and list / revoke the workspace's devices; integrations,
// outbound channels and the status page's subscribers beside them.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { DeviceInfo, DeviceRole, InviteResponse } from '@shared/sync/protocol';
import type { SyncConnection } from '../../db/sync-connection';
import { createAdminApi, type AdminApi } from '@shared/sync/admin-api';
import { IntegrationTokens } from './IntegrationTokens';
import { plural } from '../../core/format';
import { messageOf, when } from './admin-words';
import { ConfirmInline } from './ConfirmInline';
import { OutboundChannels } from './OutboundChannels';
import { SubscribersAdmin } from './SubscribersAdmin';

function InviteForm({ api }: { api: AdminApi }) {
  const [role, setRole] = useState<DeviceRole>('member');
  const [maxUses, setMaxUses] = useState('1');
  const [hours, setHours] = useState('72');
  const [person, setPerson] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [invite, setInvite] = useState<InviteResponse | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setInvite(null);
    setCopied(null);
    setBusy(true);
    try {
      setInvite(await api.createInvite({
        role, maxUses: Number(maxUses), expiresInHours: Number(hours), ...(person.trim() ? { person: person.trim() } : {}),
      }));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const copy = async (code: string) => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('Copied');
    } catch {
      setCopied('Could not copy: select the code and copy it by hand.');
    }
  };

  return (
    <form className="sync-form" aria-label="Create invite" onSubmit={(e) => void submit(e)}>
      <h4>Create invite</h4>
      <div className="sync-inline">
        <label className="sync-field">
          Role
          <select value={role} onChange={(e) => setRole(e.target.value === 'admin' ? 'admin' : 'member')}>
            <option value="member">Member</option>
            <option value="admin">Admin</option>
          </select>
        </label>
        <label className="sync-field">
          Max uses
          <input type="number" min={1} max={1000} step={1} value={maxUses} onChange={(e) => setMaxUses(e.target.value)} />
        </label>
        <label className="sync-field">
          Expires in (hours)
          <input type="number" min={0.01} max={2160} step="any" value={hours} onChange={(e) => setHours(e.target.value)} />
        </label>
        <label className="sync-field">
          For (optional)
          <input type="text" maxLength={80} value={person} placeholder="Person's name" onChange={(e) => setPerson(e.target.value)}
            aria-describedby="invite-person-help" />
        </label>
      </div>
      <p id="invite-person-help" className="muted">
        A console joins under the name it gives, once: a name another console holds, or a security officer&apos;s or a
        restricted incident&apos;s participant&apos;s, needs an invite made for that person (their second laptop, a new officer).
      </p>
      {error && <p role="alert" className="sync-notice error">{error}</p>}
      <div className="sync-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Creating…' : 'Create invite'}</button>
      </div>
      {invite && (
        <div className="sync-notice" role="group" aria-label="New invite">
          <label className="sync-field">
            Invite code ({invite.role}{invite.person ? `, for ${invite.person}` : ''}, {plural(invite.maxUses, 'use')}, expires {when(invite.expiresAt)})
            <input readOnly value={invite.inviteCode} aria-label="New invite code" className="sync-code" onFocus={(e) => e.currentTarget.select()} />
          </label>
          <p className="muted">Shown only this once: the server keeps just a hash. Share it with the person now.</p>
          <div className="sync-actions">
            <button type="button" onClick={() => void copy(invite.inviteCode)}>Copy invite code</button>
            <button type="button" onClick={() => { setInvite(null); setCopied(null); }}>Done</button>
            {copied && <span role="status">{copied}</span>}
          </div>
        </div>
      )}
    </form>
  );
}

function DeviceList({ api, ownDeviceId }: { api: AdminApi; ownDeviceId: string }) {
  const [devices, setDevices] = useState<DeviceInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setDevices(await api.listDevices());
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setLoading(false);
    }
  }, [api]);

  useEffect(() => { void load(); }, [load]);

  const revoke = async (device: DeviceInfo) => {
    setRevoking(device.id);
    setError(null);
    try {
      await api.revokeDevice(device.id);
      setConfirming(null);
      await load();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setRevoking(null);
    }
  };

  return (
    <div className="sync-devices">
      <div className="sync-actions">
        <h4>Devices</h4>
        <button type="button" onClick={() => void load()} disabled={loading}>{loading ? 'Loading…' : 'Refresh devices'}</button>
      </div>
      {error && <p role="alert" className="sync-notice error">{error}</p>}
      {devices && devices.length === 0 && <p className="muted">No devices yet.</p>}
      {devices && devices.length > 0 && (
        <table className="sync-device-table" aria-label="Devices">
          <thead>
            <tr><th scope="col">Device</th><th scope="col">Person</th><th scope="col">Role</th><th scope="col">Joined</th><th scope="col">Last seen</th><th scope="col">Status</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id}>
                <th scope="row">{d.name}{d.id === ownDeviceId ? ' (this device)' : ''}</th>
                <td>{d.displayName}</td>
                <td>{d.role}</td>
                <td>{when(d.createdAt)}</td>
                <td>{when(d.lastSeenAt)}</td>
                <td>{d.revokedAt ? `Revoked ${when(d.revokedAt)}` : 'Active'}</td>
                <td>
                  {!d.revokedAt && d.id !== ownDeviceId && confirming !== d.id && (
                    <button type="button" className="small" onClick={() => setConfirming(d.id)}>Revoke {d.name}</button>
                  )}
                  {!d.revokedAt && confirming === d.id && (
                    <ConfirmInline small label={`Confirm revoking ${d.name}`} question={`Revoke ${d.name}? It stops syncing at once and needs a new invite to return.`}
                      confirm="Yes, revoke" busy={revoking === d.id} onConfirm={() => void revoke(d)} onCancel={() => setConfirming(null)} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Shown by the Server page only when this device's stored role is admin. */
export function AdminTeamSection({ connection }: { connection: SyncConnection }) {
  const api = useMemo(
    () => createAdminApi({ baseUrl: connection.baseUrl, token: connection.token, fetch: (url, init) => fetch(url, init) }),
    [connection.baseUrl, connection.token],
  );
  return (
    <section className="sync-admin" aria-labelledby="sync-admin-heading">
      <h3 id="sync-admin-heading">Team (admin)</h3>
      <div className="sync-admin-column">
        <InviteForm api={api} />
        <DeviceList api={api} ownDeviceId={connection.deviceId} />
      </div>
      <div className="sync-admin-column">
        <IntegrationTokens api={api} baseUrl={connection.baseUrl} />
        <OutboundChannels api={api} />
        <SubscribersAdmin api={api} />
      </div>
    </section>
  );
}
