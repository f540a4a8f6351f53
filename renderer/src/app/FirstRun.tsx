// First run: ask the display name stamped on every entry this device logs.
import { useState, type FormEvent } from 'react';
import { setDisplayName } from '../db/commands';

export function FirstRun() {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try { await setDisplayName(name); } catch (err) { setError(err instanceof Error ? err.message : String(err)); }
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
