// One checklist item: checking or unchecking records a step.checked / step.unchecked event; shows who and when.
import { useEffect, useState } from 'react';
import type { IncidentState } from '@shared/incident/state';
import { useCommand } from '../../core/useCommand';
import { formatClockTime } from '../../core/format';
import { checkStep } from './commands';

interface CheckItemProps {
  incidentId: string;
  stepId: string;
  itemId: string;
  text: string;
  note?: string | undefined;
  check: IncidentState['checks'][string] | undefined;
}

export function CheckItem({ incidentId, stepId, itemId, text, note, check }: CheckItemProps) {
  const { run, error } = useCommand(checkStep);
  const stored = check?.checked ?? false;
  // Shown at once; cleared when the stored state catches up (or the write fails).
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  useEffect(() => { if (optimistic === stored) setOptimistic(null); }, [optimistic, stored]);
  const checked = optimistic ?? stored;
  const busy = optimistic !== null;
  const onChange = async (next: boolean) => {
    setOptimistic(next);
    if (!(await run(incidentId, stepId, itemId, next)).ok) setOptimistic(null);
  };
  return (
    <li className={`check-item${checked ? ' checked' : ''}`}>
      <label>
        <input type="checkbox" checked={checked} disabled={busy} onChange={(e) => void onChange(e.target.checked)} />
        {text}
      </label>
      {check && (
        <span className="check-meta">
          {check.checked ? '✓' : 'unchecked'} by {check.by} at {formatClockTime(check.at, false)}
        </span>
      )}
      {note && <span className="check-note muted">{note}</span>}
      {error && <span role="alert" className="error">{error}</span>}
    </li>
  );
}
