// First run: ask the display name stamped on every entry this device logs.
import { useEffect, useState, type FormEvent } from 'react';
import { setDisplayName } from '../db/commands';
import { platform } from '../platform';

export function FirstRun() {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The desktop app may already know the name (settings.json, also migrated from older versions): offer it.
  useEffect(() => {
    let cancelled = false;
    platform.getSettings().then((s) => { if (!cancelled && s.displayName) setName((current) => current || s.displayName); }).catch(() => undefined);
    return () => { cancelled = true; };
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const saved = await setDisplayName(name);
      await platform.updateSettings({ displayName: saved.name }).catch(() => undefined);
    } catch (err) { setError(err instanceof Error ? err.message : String(err)); }
  };
  return (
    <main className="first-run">
      <h1>Incident Console</h1>
      <form onSubmit={submit} className="panel">
        <h2>Welcome</h2>
        <p>Your name is recorded with every entry you log, so the timeline shows who did what.</p>
        <label>
          Your display name
          <input autoFocus value={name} maxLength={80} onChange={(e) => setName(e.target.value)} required />
        </label>
        {error && <p role="alert" className="error">{error}</p>}
        <button type="submit" className="primary">Start</button>
      </form>
    </main>
  );
}
