// One alert in the attention strip: what is due, since when, what to do, and the actions that settle it.
import { useState } from 'react';
import { formatDuration } from '@shared/time/duration';
import { timeOnDay } from '../../core/format';
import { useCommands } from '../../core/useCommand';
import { useClockAlerts, type ActiveAlert } from '../clocks';
import { CLOCK_STATE_LABEL } from '../clocks';
import { SnoozeForm } from '../clocks';
import { completeTask } from '../tasks';

export function AttentionItem({ alert, now, primary = false }: { alert: ActiveAlert; now: number; primary?: boolean }) {
  const dismiss = useClockAlerts((s) => s.acknowledge);
  const [snoozing, setSnoozing] = useState(false);
  const act = useCommands();
  const { clock } = alert;
  const remaining = clock.dueAt - now;
  return (
    <article className={`attention-item attention-item-${clock.state}${primary ? ' attention-top' : ''}`} aria-label={clock.label}>
      {/* The alert text is static (no ticking countdown), so a screen reader announces it once. */}
      <p role="alert" className="attention-text">
        {alert.drill && <span className="badge drill">DRILL</span>} <strong>{CLOCK_STATE_LABEL[clock.state]}:</strong> {clock.label}
        {' '}<span className="muted">(due at {timeOnDay(clock.dueAt, now)})</span>
        {primary && <span className="attention-hint"> {clock.hint}</span>}
      </p>
      <span className="attention-countdown" aria-hidden="true">{remaining < 0 ? `+${formatDuration(-remaining)}` : formatDuration(remaining)}</span>
      <span className="attention-actions">
        {clock.kind === 'task' && clock.taskId && (
          <button type="button" className="primary" aria-label={`Task done: ${clock.label}`}
            disabled={act.pending} onClick={() => void act.run(() => completeTask(alert.incidentId, clock.taskId as string))}>Task done</button>
        )}
        <button type="button" onClick={() => setSnoozing((x) => !x)} aria-expanded={snoozing} aria-label={`Snooze alert: ${clock.label}`}>Snooze…</button>
        <button type="button" onClick={() => dismiss(alert.key)} aria-label={`Dismiss alert: ${clock.label}`}>Dismiss</button>
      </span>
      {snoozing && <SnoozeForm incidentId={alert.incidentId} clockId={clock.id} clockLabel={clock.label} onDone={() => setSnoozing(false)} />}
      {act.error && <p role="alert" className="error">{act.error}</p>}
    </article>
  );
}
