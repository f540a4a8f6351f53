// Live countdowns of an incident's clocks (computeClocks each second): ok / due soon / overdue, readable across a room.
import { useState } from 'react';
import { computeClocks } from '@shared/clocks/clocks';
import type { Clock } from '@shared/clocks/types';
import { formatDuration } from '@shared/time/duration';
import { timeOnDay, formatClockTime } from '../../core/format';
import { useNow } from '../../core/useNow';
import { useIncidentPlan, useIncidentState } from '../../db/hooks';
import { CLOCK_STATE_LABEL, clockRemainingText } from './format';
import { SnoozeForm } from './SnoozeForm';
import './clocks.css';

const STATE_ICON: Record<Clock['state'], string> = { ok: '●', 'due-soon': '▲', overdue: '■', met: '✓', missed: '✗' };

export function ClocksPanel({ incidentId }: { incidentId: string }) {
  const state = useIncidentState(incidentId);
  const plan = useIncidentPlan(state);
  const now = useNow(1000);
  const clocks = state ? computeClocks(state, plan, now) : [];
  return (
    <section className="panel clocks" aria-label="Clocks">
      <h2>Clocks</h2>
      {state && clocks.length === 0 && <p className="muted">No clocks yet: choose a severity to start its targets and update cadences.</p>}
      <ul className="clock-list">
        {clocks.map((clock) => <li key={clock.id}><ClockCard incidentId={incidentId} clock={clock} now={now} /></li>)}
      </ul>
    </section>
  );
}

function ClockCard({ incidentId, clock, now }: { incidentId: string; clock: Clock; now: number }) {
  const [snoozing, setSnoozing] = useState(false);
  return (
    <article className={`clock clock-${clock.state}${clock.snoozedUntil ? ' clock-snoozed' : ''}`} aria-label={clock.label}>
      <div className="clock-head">
        <span className="clock-label" title={clock.label}>{clock.label}</span>
        <span className="clock-state"><span aria-hidden="true">{STATE_ICON[clock.state]} </span>{CLOCK_STATE_LABEL[clock.state]}</span>
      </div>
      <div className="clock-countdown" role="timer" aria-live="off">
        {!clock.active ? <span className="clock-done">{clockRemainingText(clock)}</span>
          : clock.remainingMs < 0 ? <><span className="clock-word">overdue by</span> <span className="clock-time">{formatDuration(-clock.remainingMs)}</span></>
            : <><span className="clock-time">{formatDuration(clock.remainingMs)}</span> <span className="clock-word">left</span></>}
      </div>
      <div className="clock-due muted">
        {clock.active ? `due at ${timeOnDay(clock.dueAt, now)}` : `was due at ${timeOnDay(clock.dueAt, now)}`}
        {clock.kind === 'update' && clock.startedAt ? <span className="clock-reset"> · last reset {formatClockTime(clock.startedAt, false)}</span> : null}
      </div>
      {clock.snoozedUntil !== null && (
        <p className="clock-snooze-note">Snoozed until {formatClockTime(clock.snoozedUntil, false)}: {clock.snoozeReason}</p>
      )}
      {clock.alerting && <p className="clock-hint">{clock.hint}</p>}
      {clock.active && !snoozing && (
        <button type="button" className="clock-snooze" aria-label={`Snooze ${clock.label}`} onClick={() => setSnoozing(true)}>Snooze…</button>
      )}
      {snoozing && <SnoozeForm incidentId={incidentId} clockId={clock.id} clockLabel={clock.label} onDone={() => setSnoozing(false)} />}
    </article>
  );
}
