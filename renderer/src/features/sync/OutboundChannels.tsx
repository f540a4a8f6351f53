// "Integrations (outbound channels)" in the Team section: the chat, webhook and paging destinations of this
// workspace, each with "Send test" showing the real result (delivered, or exactly why not). Adding one sends its URL
// and secret to the server once; the console only ever sees names, kinds and hosts back.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { fieldMeta } from '@shared/delivery/channels/adapter';
import { adapterOf } from '@shared/delivery/channels/registry';
import { CONFIGURABLE_KINDS, kindWords, type ChannelInfo, type ChannelTestResult, type ConfigurableKind } from '@shared/delivery/channels-protocol';
import type { AdminApi } from '@shared/sync/admin-api';
import { messageOf } from './admin-words';

const keyOf = (c: Pick<ChannelInfo, 'kind' | 'name'>) => `${c.kind}:${c.name}`;

/** The settings fields of a kind, as its adapter's schema declares them (shared/delivery/channels/). */
function fieldsOf(kind: ConfigurableKind) {
  const shape = adapterOf(kind)?.settings?.shape;
  const entries = (shape ? Object.entries(shape) : []) as Array<[string, Parameters<typeof fieldMeta.get>[0] | undefined]>;
  return entries.flatMap(([key, schema]) => {
    const meta = schema ? fieldMeta.get(schema) : undefined;
    return meta ? [{ key: key as 'url' | 'secret', ...meta }] : [];
  });
}

function AddChannel({ api, onSaved }: { api: AdminApi; onSaved(): Promise<void> }) {
  const [kind, setKind] = useState<ConfigurableKind>(CONFIGURABLE_KINDS[0]);
  const [name, setName] = useState('');
  const [values, setValues] = useState<Partial<Record<'url' | 'secret', string>>>({});
  const [error, setError] = useState<string | null>(null);
  const typedName = useRef('');
  const fields = fieldsOf(kind);
  // The form empties at once and takes the next channel while this one is saved; a refusal gives it back.
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const typed = { kind, name, values };
    setError(null);
    setName(''); setValues({});
    typedName.current = '';
    try {
      const settings = Object.fromEntries(fieldsOf(typed.kind).flatMap((f) => (typed.values[f.key] ? [[f.key, typed.values[f.key]]] : [])));
      await api.saveChannel({ kind: typed.kind, name: typed.name, ...settings });
      await onSaved();
    } catch (err) {
      setError(messageOf(err));
      if (!typedName.current) { // unless something newer was typed meanwhile
        setKind(typed.kind); setName(typed.name); setValues(typed.values);
        typedName.current = typed.name;
      }
    }
  };
  return (
    <form className="sync-form" aria-label="Add outbound channel" noValidate onSubmit={(e) => void submit(e)}>
      <div className="sync-inline">
        <label className="sync-field">Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as ConfigurableKind)}>
            {CONFIGURABLE_KINDS.map((k) => <option key={k} value={k}>{kindWords(k)}</option>)}
          </select>
        </label>
        <label className="sync-field">Channel name
          <input value={name} maxLength={60} onChange={(e) => { setName(e.target.value); typedName.current = e.target.value; }} placeholder={adapterOf(kind)?.exampleName ?? 'incidents'} />
        </label>
        {fields.map((f) => (
          <label key={f.key} className={f.input === 'url' ? 'sync-field sync-grow' : 'sync-field'}>{f.label}
            <input
              type={f.input === 'secret' ? 'password' : f.input === 'url' ? 'url' : 'text'} value={values[f.key] ?? ''} maxLength={f.input === 'url' ? 2000 : 500}
              onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))} placeholder={f.placeholder} autoComplete={f.input === 'secret' ? 'new-password' : 'off'}
            />
          </label>
        ))}
        <button type="submit">Add channel</button>
      </div>
      {error && <p role="alert" className="sync-notice error">{error}</p>}
    </form>
  );
}

export function OutboundChannels({ api }: { api: AdminApi }) {
  const [list, setList] = useState<ChannelInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, ChannelTestResult>>({});
  const [testEmail, setTestEmail] = useState('');

  const loads = useRef(0);
  const load = useCallback(async () => {
    const n = ++loads.current;
    try {
      const channels = await api.listChannels();
      if (n !== loads.current) return; // a newer read is on its way: an older answer must not replace it
      setList(channels);
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    }
  }, [api]);
  useEffect(() => { void load(); }, [load]);

  const test = async (c: ChannelInfo) => {
    setTesting(keyOf(c));
    try {
      const result = await api.testChannel(c.kind, c.name, c.kind === 'email' && testEmail.trim() ? testEmail.trim() : undefined);
      setResults((r) => ({ ...r, [keyOf(c)]: result }));
    } catch (err) {
      setResults((r) => ({ ...r, [keyOf(c)]: { ok: false, detail: messageOf(err) } }));
    } finally {
      setTesting(null);
    }
  };
  const remove = async (c: ChannelInfo) => {
    try {
      await api.removeChannel(c.kind, c.name);
      await load();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const label = (c: ChannelInfo) => `${kindWords(c.kind)} ${c.name}`;
  return (
    <div className="sync-integrations">
      <h4>Integrations (outbound channels)</h4>
      <p className="muted">Where updates and pages go. URLs and secrets stay on the server; consoles see the names.</p>
      <AddChannel api={api} onSaved={load} />
      {error && <p role="alert" className="sync-notice error">{error}</p>}
      {list && list.length === 0 && <p className="muted">No outbound channels yet: add a Slack or Teams webhook for the incident channel, or a paging gateway.</p>}
      {list && list.length > 0 && (
        <table className="sync-device-table" aria-label="Outbound channels">
          <thead><tr><th scope="col">Channel</th><th scope="col">Goes to</th><th scope="col">Set in</th><th scope="col">Test</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {list.map((c) => {
              const result = results[keyOf(c)];
              return (
                <tr key={keyOf(c)}>
                  <th scope="row">{label(c)}</th>
                  <td>{c.where}</td>
                  <td>{c.source === 'console' ? 'Console' : 'Server environment'}</td>
                  <td>
                    {c.kind === 'email' && (
                      <input type="email" className="sync-test-to" aria-label="Send the test email to" placeholder="to (default: the From address)" value={testEmail} onChange={(e) => setTestEmail(e.target.value)} />
                    )}
                    <button type="button" className="small" disabled={testing !== null} onClick={() => void test(c)} aria-label={`Send test to ${label(c)}`}>
                      {testing === keyOf(c) ? 'Sending…' : 'Send test'}
                    </button>
                    {result && (
                      <p role="status" aria-label={`Test result for ${label(c)}`} className={result.ok ? 'sync-test-ok' : 'sync-test-failed'}>
                        {result.ok ? 'Delivered: ' : 'Failed: '}{result.detail}
                      </p>
                    )}
                  </td>
                  <td>{c.source === 'console' && <button type="button" className="small" onClick={() => void remove(c)}>Remove {label(c)}</button>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
