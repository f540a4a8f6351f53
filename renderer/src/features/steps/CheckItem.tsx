// One checklist item: checking or unchecking records a step.checked / step.unchecked event; shows who and when.
import { useEffect, useState } from 'react';
import type { IncidentState } from '@shared/incident/state';
import { recordEvent } from '../../db/commands';
import { formatTime } from '../clocks/format';

interface CheckItemProps {
  incidentId: string;
  stepId: string;
  itemId: string;
  text: string;
  note?: string | undefined;
  check: IncidentState['checks'][string] | undefined;
}

export function CheckItem({ incidentId, stepId, itemId, text, note, check }: CheckItemProps) {
  const [error, setError] = useState<string | null>(null);
  const stored = check?.checked ?? false;
  // Shown at once; cleared when the stored state catches up (or the write fails).
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  useEffect(() => { if (optimistic === stored) setOptimistic(null); }, [optimistic, stored]);
  const checked = optimistic ?? stored;
  const busy = optimistic !== null;
  const onChange = async (next: boolean) => {
    setOptimistic(next);
    setError(null);
    try {
      await recordEvent(incidentId, next ? 'step.checked' : 'step.unchecked', { stepId, itemId });
    } catch (e) {
      setOptimistic(null);
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <li className={`check-item${checked ? ' checked' : ''}`}>
      <label>
        <input type="checkbox" checked={checked} disabled={busy} onChange={(e) => void onChange(e.target.checked)} />
        {text}
      </label>
      {check && (
        <span className="check-meta">
          {check.checked ? '✓' : 'unchecked'} by {check.by} at {formatTime(check.at)}
        </span>
      )}
      {note && <span className="check-note muted">{note}</span>}
      {error && <span role="alert" className="error">Not saved: {error}</span>}
    </li>
  );
}
