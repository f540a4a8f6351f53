// Snooze a clock for a while, with a reason (required): records a clock.snoozed event.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useCommand } from '../../core/useCommand';
import { snoozeClock } from './commands';

const CHOICES = [
  { label: '5 minutes', ms: 5 * 60_000 },
  { label: '10 minutes', ms: 10 * 60_000 },
  { label: '15 minutes', ms: 15 * 60_000 },
  { label: '30 minutes', ms: 30 * 60_000 },
  { label: '1 hour', ms: 60 * 60_000 },
];

interface Props {
  incidentId: string;
  clockId: string;
  clockLabel: string;
  onDone(): void;
}

export function SnoozeForm({ incidentId, clockId, clockLabel, onDone }: Props) {
  const [ms, setMs] = useState(CHOICES[1]?.ms ?? 600_000);
  const [reason, setReason] = useState('');
  const { run, pending: busy, error, clearError } = useCommand(snoozeClock);
  const errorId = useId();
  const reasonRef = useRef<HTMLInputElement>(null);
  // Opening the form puts the keyboard in the reason field, the one thing it needs.
  useEffect(() => { reasonRef.current?.focus(); }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ((await run(incidentId, clockId, ms, reason)).ok) onDone();
  };

  return (
    <form className="snooze-form" aria-label={`Snooze ${clockLabel}`} onSubmit={(e) => void submit(e)}>
      <label>
        Snooze for
        <select value={ms} onChange={(e) => setMs(Number(e.target.value))}>
          {CHOICES.map((c) => <option key={c.ms} value={c.ms}>{c.label}</option>)}
        </select>
      </label>
      <label>
        Reason for snoozing
        <input ref={reasonRef} value={reason} onChange={(e) => { setReason(e.target.value); clearError(); }} aria-required="true" aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined} placeholder="e.g. update held until the fix is confirmed" />
      </label>
      <div className="snooze-actions">
        <button type="submit" disabled={busy}>Confirm snooze</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
      {error && <p id={errorId} role="alert" className="error">{error}</p>}
    </form>
  );
}
