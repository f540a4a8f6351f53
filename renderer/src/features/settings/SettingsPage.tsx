// Settings: display name and callsign, theme, notification preferences and the wall-display default.
import { useEffect, useState, type FormEvent } from 'react';
import type { Settings } from '@shared/ipc/contract';
import { useUi, type ThemeChoice } from '../../core/ui-store';
import { setDisplayName } from '../../db/commands';
import { useIdentityState } from '../../db/hooks';
import type { Identity } from '../../db/types';
import { useLiveQuery } from 'dexie-react-hooks';
import { samePerson } from '@shared/incident/authorship';
import { db } from '../../db/instance';
import { readSyncConnection } from '../../db/sync-connection';
import { useSettings } from './settings-store';
import './settings.css';

/**
 * The identity form appears once the stored identity is read: rendered before, its empty field took what was typed
 * and the stored name then arrived in the middle of it ("GraceDana IC" saved; CI failure).
 */
function IdentitySection() {
  const identity = useIdentityState();
  if (!identity) return <section className="panel settings-section" aria-label="Identity" aria-busy="true"><p className="muted">Loading…</p></section>;
  return <IdentityForm identity={identity} />;
}

function IdentityForm({ identity }: { identity: Identity }) {
  const settings = useSettings((s) => s.settings);
  const update = useSettings((s) => s.update);
  const [name, setName] = useState(identity.name);
  const [callsign, setCallsign] = useState(settings.callsign);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // What the person typed is theirs until saved: the stored values, read after the page opens, fill the fields only
  // while they are untouched (a name typed as the page opened was overwritten by the old one, then saved).
  const [edited, setEdited] = useState(false);
  // Acts in a person's own name are bound to the name this device joined the server under (docs/server.md).
  const joinedAs = useLiveQuery(() => readSyncConnection(db), [])?.displayName;
  useEffect(() => { if (!edited) setName(identity.name); }, [identity.name, edited]);
  useEffect(() => { if (!edited) setCallsign(settings.callsign); }, [settings.callsign, edited]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const saved = await setDisplayName(name);
      await update({ displayName: saved.name, callsign: callsign.trim().slice(0, 40) });
      setEdited(false);
      setMessage({ ok: true, text: `Saved. New entries are logged as ${saved.name}.` });
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <form className="panel settings-section" onSubmit={submit} aria-labelledby="settings-identity">
      <h3 id="settings-identity">Identity</h3>
      <p className="muted">Your display name is recorded with every entry you log from now on; earlier entries keep the name they were logged with.</p>
      <label>Display name
        <input value={name} maxLength={80} required onChange={(e) => { setEdited(true); setName(e.target.value); }} />
      </label>
      <label>Callsign (optional)
        <input value={callsign} maxLength={40} onChange={(e) => { setEdited(true); setCallsign(e.target.value); }} />
      </label>
      {joinedAs && !samePerson(joinedAs, identity.name) && (
        <p role="note" className="settings-joined-as">
          This laptop joined the sync server as <strong>{joinedAs}</strong>. Accepting command and acknowledging a page are
          checked against that name: the server refuses them under another. To act as {identity.name}, connect again with a new invite.
        </p>
      )}
      <button type="submit" className="primary">Save identity</button>
      {message && <p role={message.ok ? 'status' : 'alert'} className={message.ok ? undefined : 'error'}>{message.text}</p>}
    </form>
  );
}

const THEMES: Array<{ value: ThemeChoice; label: string }> = [
  { value: 'dark', label: 'Dark' }, { value: 'light', label: 'Light' }, { value: 'system', label: 'System' },
];

function AppearanceForm() {
  const choice = useUi((s) => s.themeChoice);
  const setThemeChoice = useUi((s) => s.setThemeChoice);
  return (
    <fieldset className="panel settings-section">
      <legend>Theme</legend>
      {THEMES.map((t) => (
        <label key={t.value} className="settings-check">
          <input type="radio" name="theme" value={t.value} checked={choice === t.value} onChange={() => setThemeChoice(t.value)} />
          {t.label}
        </label>
      ))}
    </fieldset>
  );
}

function NotificationsForm({ settings }: { settings: Settings }) {
  const update = useSettings((s) => s.update);
  const n = settings.notifications;
  const set = (patch: Partial<Settings['notifications']>) => { void update({ notifications: { ...n, ...patch } }); };
  return (
    <fieldset className="panel settings-section">
      <legend>Notifications</legend>
      <label className="settings-check">
        <input type="checkbox" checked={n.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
        Notify me when a clock comes due
      </label>
      <label className="settings-check">
        <input type="checkbox" checked={n.dueSoon} disabled={!n.enabled} onChange={(e) => set({ dueSoon: e.target.checked })} />
        Also notify when a clock is due soon
      </label>
      <label className="settings-check">
        <input type="checkbox" checked={n.sound} disabled={!n.enabled} onChange={(e) => set({ sound: e.target.checked })} />
        Play a sound when a clock goes overdue
      </label>
      <p className="muted">The in-app alert banner shows overdue clocks whatever you choose here.</p>
    </fieldset>
  );
}

function WallDisplayForm({ settings }: { settings: Settings }) {
  const update = useSettings((s) => s.update);
  return (
    <fieldset className="panel settings-section">
      <legend>Wall display</legend>
      <label className="settings-check">
        <input type="checkbox" checked={settings.wallDisplay} onChange={(e) => { void update({ wallDisplay: e.target.checked }); }} />
        Start in wall-display mode
      </label>
      <p className="muted">For a war-room screen: full screen, large clocks and the latest timeline entries. Toggle with “w” or the Wall display button; Esc leaves.</p>
    </fieldset>
  );
}

export function SettingsPage() {
  const settings = useSettings((s) => s.settings);
  const error = useSettings((s) => s.error);
  const load = useSettings((s) => s.load);
  // Main may have changed settings meanwhile (wall display persisted by the shell), so read them again here.
  useEffect(() => { void load(); }, [load]);
  return (
    <section className="settings-page" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      {error && <p role="alert" className="error">Settings could not be saved: {error}</p>}
      <IdentitySection />
      <AppearanceForm />
      <NotificationsForm settings={settings} />
      <WallDisplayForm settings={settings} />
    </section>
  );
}
