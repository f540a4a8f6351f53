// "Status-page subscribers" in the Team (admin) section: how many there are, the export (CSV or JSON: each address
// with its components and when it subscribed and confirmed), finding one address to delete it on the person's
// request, and deleting every one. Addresses reach this console only when an admin asks (export or search): the list is
// never shown whole on screen.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { subscribersCsv, subscribersJson, type SubscriberRecord, type SubscriberSummary } from '@shared/statuspage/subscribers-protocol';
import type { AdminApi } from '@shared/sync/admin-api';
import { plural } from '../../core/format';
import { useActivePlan } from '../../db/hooks';
import { platform } from '../../platform';
import { messageOf, when } from './admin-words';
import { ConfirmInline } from './ConfirmInline';

type Notice = { kind: 'ok' | 'error'; text: string } | null;

function Found({ found, names, onDelete }: { found: SubscriberRecord[]; names: ReadonlyMap<string, string>; onDelete(s: SubscriberRecord): Promise<void> }) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (found.length === 0) return null;
  return (
    <table className="sync-device-table" aria-label="Subscriber found">
      <thead><tr><th scope="col">Address</th><th scope="col">Components</th><th scope="col">State</th><th scope="col">Subscribed</th><th scope="col">Confirmed</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
      <tbody>
        {found.map((s) => (
          <tr key={s.id}>
            <th scope="row">{s.email}</th>
            <td>{s.components.length ? s.components.map((id) => names.get(id) ?? id).join(', ') : 'All components'}</td>
            <td>{s.state}</td>
            <td>{when(s.createdAt)}</td>
            <td>{when(s.confirmedAt)}</td>
            <td>
              {confirming !== s.id && <button type="button" className="small" onClick={() => setConfirming(s.id)}>Delete {s.email}</button>}
              {confirming === s.id && (
                <ConfirmInline small label={`Confirm deleting ${s.email}`} question={`Delete ${s.email}? No more email goes to it; its old links subscribe no one again.`}
                  confirm="Yes, delete" busy={busy} onConfirm={() => { setBusy(true); void onDelete(s).finally(() => { setBusy(false); setConfirming(null); }); }} onCancel={() => setConfirming(null)} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SubscribersAdmin({ api }: { api: AdminApi }) {
  const plan = useActivePlan();
  const names = new Map(plan.statusPage.components.map((c) => [c.id, c.name]));
  const [summary, setSummary] = useState<SubscriberSummary | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [address, setAddress] = useState('');
  const [found, setFound] = useState<{ address: string; subscribers: SubscriberRecord[] } | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setSummary(await api.subscriberSummary());
    } catch (err) {
      setNotice({ kind: 'error', text: messageOf(err) });
    }
  }, [api]);
  useEffect(() => { void load(); }, [load]);

  const exportAs = async (format: 'csv' | 'json') => {
    setNotice(null);
    try {
      const all = await api.listSubscribers();
      const name = `status-page-subscribers-${new Date().toISOString().slice(0, 10)}.${format}`;
      const content = format === 'csv' ? subscribersCsv(all, names) : subscribersJson(all, names, new Date());
      const result = await platform.saveFile({ suggestedName: name, content, filters: [{ name: format.toUpperCase(), extensions: [format] }] });
      if (result.saved) setNotice({ kind: 'ok', text: `Exported ${plural(all.length, 'subscriber')} as ${format.toUpperCase()}${result.path ? ` to ${result.path}` : ''}.` });
    } catch (err) {
      setNotice({ kind: 'error', text: messageOf(err) });
    }
  };

  const find = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const wanted = address.trim();
    if (!wanted) { setNotice({ kind: 'error', text: 'Enter the address to look for.' }); return; }
    try {
      setFound({ address: wanted, subscribers: await api.listSubscribers(wanted) });
    } catch (err) {
      setNotice({ kind: 'error', text: messageOf(err) });
    }
  };

  const deleteOne = async (s: SubscriberRecord) => {
    try {
      await api.deleteSubscriber(s.id);
      // Once its only match is gone the search is done: "no subscriber with that address" would read like a failure.
      setFound((f) => {
        const rest = f?.subscribers.filter((x) => x.id !== s.id) ?? [];
        return f && rest.length ? { ...f, subscribers: rest } : null;
      });
      setNotice({ kind: 'ok', text: `Deleted ${s.email}.` });
    } catch (err) {
      setNotice({ kind: 'error', text: messageOf(err) });
    }
    await load();
  };

  const deleteAll = async () => {
    setBusy(true);
    try {
      const n = await api.deleteAllSubscribers();
      setFound(null);
      setConfirmAll(false);
      setNotice({ kind: 'ok', text: `Deleted ${plural(n, 'subscriber')}.` });
    } catch (err) {
      setNotice({ kind: 'error', text: messageOf(err) });
    } finally {
      setBusy(false);
    }
    await load();
  };

  const total = summary ? summary.confirmed + summary.waiting : 0;
  return (
    <section className="sync-subscribers" aria-labelledby="sync-subscribers-heading">
      <div className="sync-actions">
        <h4 id="sync-subscribers-heading">Status-page subscribers</h4>
        <button type="button" className="small" onClick={() => void load()}>Refresh count</button>
      </div>
      <p role="status" className="sync-subscriber-count">
        {summary ? <><strong>{plural(summary.confirmed, 'confirmed subscriber')}</strong>{summary.waiting ? `, ${summary.waiting} waiting for confirmation` : ''}</> : 'Counting…'}
      </p>
      <div className="sync-actions">
        <button type="button" onClick={() => void exportAs('csv')}>Export subscribers as CSV</button>
        <button type="button" onClick={() => void exportAs('json')}>Export subscribers as JSON</button>
      </div>
      <form className="sync-inline" aria-label="Find a subscriber" onSubmit={(e) => void find(e)}>
        <label className="sync-field sync-grow">Subscriber’s address
          <input type="email" value={address} maxLength={320} onChange={(e) => setAddress(e.target.value)} placeholder="name@example.com" autoComplete="off" />
        </label>
        <button type="submit" className="sync-align-end">Find subscriber</button>
      </form>
      {found && found.subscribers.length === 0 && <p className="muted">No subscriber with the address {found.address}.</p>}
      {found && <Found found={found.subscribers} names={names} onDelete={deleteOne} />}
      {notice && <p role={notice.kind === 'error' ? 'alert' : 'status'} className={`sync-notice${notice.kind === 'error' ? ' error' : ''}`}>{notice.text}</p>}
      <div className="sync-actions">
        {!confirmAll && <button type="button" className="danger" disabled={total === 0} onClick={() => setConfirmAll(true)}>Delete every subscriber…</button>}
        {confirmAll && (
          <ConfirmInline label="Confirm deleting every subscriber" question={`Delete all ${plural(total, 'subscriber')}? Their addresses are gone for good: people must subscribe again.`}
            confirm="Yes, delete every subscriber" busy={busy} onConfirm={() => void deleteAll()} onCancel={() => setConfirmAll(false)} />
        )}
      </div>
      <p className="muted">Kept until the person unsubscribes or an admin deletes them; an unconfirmed address is deleted when its link expires (48 hours).</p>
    </section>
  );
}
