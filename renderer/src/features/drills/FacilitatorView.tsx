// The facilitator's view of a drill: exercise clock controls, the inject schedule, fire-next, observations.
import { useState, type FormEvent } from 'react';
import { exerciseClock, injectSchedule } from '@shared/drills/schedule';
import { injectsInOrder, type DrillScript } from '@shared/drills/script';
import type { IncidentState } from '@shared/incident/state';
import { formatDuration } from '@shared/time/duration';
import { useUi } from '../../core/ui-store';
import { useNow } from '../../core/useNow';
import { formatClockTime } from '../../core/format';
import { useIncidentState, useIdentity } from '../../db/hooks';
import { useCommand, useCommands } from '../../core/useCommand';
import { addObservation, controlExercise, endExercise, fireInject, recordDecision } from './commands';
import { useDrillUi } from './drill-ui-store';
import { exerciseTime, modeLabel } from './format';
import { findScript, useScripts } from './script-store';
import { startedOnThisDevice, useInjectRunner } from './useInjectRunner';
import './drills.css';

function NoteForm({ label, button, onSubmit }: { label: string; button: string; onSubmit: (text: string) => Promise<unknown> }) {
  const [text, setText] = useState('');
  const { run, pending, error } = useCommand(onSubmit);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    if ((await run(text.trim())).ok) setText('');
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label className="grow">{label}
        <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="submit" disabled={!text.trim() || pending}>{button}</button>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}

function InjectList({ script, state, elapsedOf }: { script: DrillScript; state: IncidentState; elapsedOf: (at: number) => number }) {
  const fired = new Map(state.exercise.injects.map((i) => [i.injectId, i.at]));
  return (
    <ol className="inject-list" aria-label="Injects">
      {injectsInOrder(script).map((inject) => {
        const at = fired.get(inject.id);
        return (
          <li key={inject.id} className={at !== undefined ? 'fired' : 'pending'}>
            <span className="inject-when">T+{inject.atMinute} min</span>{' '}
            <strong>{inject.title}</strong>{' '}
            <span className="muted">{at !== undefined ? `fired at ${exerciseTime(elapsedOf(at))}` : 'not fired yet'}</span>
            <p>{inject.text}</p>
          </li>
        );
      })}
    </ol>
  );
}

function Observations({ state }: { state: IncidentState }) {
  return (
    <section aria-label="Observations" className="panel">
      <h3>Facilitator observations</h3>
      <NoteForm label="Observation" button="Add observation" onSubmit={(text) => addObservation(state.id, text)} />
      <ul>{state.exercise.observations.map((o) => <li key={o.eventId}>{formatClockTime(o.at)} · {o.by}: {o.text}</li>)}</ul>
    </section>
  );
}

function LiveControls({ state, script, now }: { state: IncidentState; script: DrillScript | null; now: number }) {
  const clock = exerciseClock(state.exercise.controls, now);
  const schedule = script ? injectSchedule(script, state.exercise, now) : null;
  const { deviceId } = useIdentity();
  const running = clock.phase === 'running';
  const act = useCommands();
  return (
    <section aria-label="Exercise clock" className="panel drill-clock">
      <div className="drill-clock-face">
        <span className="drill-elapsed" aria-label="Exercise time">{exerciseTime(clock.elapsedMs)}</span>
        <span className="muted" aria-label="Exercise phase">{clock.phase === 'not-started' ? 'not started' : clock.phase}</span>
      </div>
      <div className="actions">
        {running && <button type="button" disabled={act.pending} onClick={() => void act.run(() => controlExercise(state.id, 'pause'))}>Pause exercise</button>}
        {clock.phase === 'paused' && <button type="button" className="primary" disabled={act.pending} onClick={() => void act.run(() => controlExercise(state.id, 'resume'))}>Resume exercise</button>}
        {(running || clock.phase === 'paused') && <button type="button" disabled={act.pending} onClick={() => void act.run(() => endExercise(state))}>End exercise</button>}
        {schedule?.next && clock.phase !== 'ended' && (
          <button type="button" disabled={act.pending} onClick={() => { const next = schedule.next; if (next) void act.run(() => fireInject(state.id, next)); }}>Fire next inject now</button>
        )}
      </div>
      {act.error && <p role="alert" className="error">{act.error}</p>}
      {schedule?.next && clock.phase !== 'ended' && (
        <p aria-label="Next inject">
          Next: <strong>{schedule.next.title}</strong> at T+{schedule.next.atMinute} min
          {schedule.nextDueAt !== null ? ` (in ${formatDuration(Math.max(0, schedule.nextDueAt - now))})` : clock.phase === 'paused' ? ' (clock paused)' : ''}
        </p>
      )}
      {schedule && !schedule.next && <p>All injects have been fired.</p>}
      {!startedOnThisDevice(state, deviceId) && <p className="muted">Injects fire automatically on the laptop that started this drill.</p>}
    </section>
  );
}

function TabletopControls({ state, script }: { state: IncidentState; script: DrillScript | null }) {
  const fired = new Set(state.exercise.injects.map((i) => i.injectId));
  const ordered = script ? injectsInOrder(script) : [];
  const next = ordered.find((i) => !fired.has(i.id)) ?? null;
  const current = state.exercise.injects[state.exercise.injects.length - 1];
  const decisions = state.timeline.filter((e) => e.kind === 'decision' && !e.retracted);
  const ended = state.exercise.controls.some((c) => c.action === 'end');
  const act = useCommands();
  return (
    <section aria-label="Tabletop" className="panel">
      <h3>Discussion prompt {current ? `${ordered.findIndex((i) => i.id === current.injectId) + 1} of ${ordered.length}` : ''}</h3>
      {current ? <blockquote aria-label="Current prompt"><strong>{current.title}</strong><p>{current.text}</p></blockquote> : <p>Read the opening situation, then present the first prompt.</p>}
      <div className="actions">
        {next && !ended && <button type="button" className="primary" disabled={act.pending} onClick={() => void act.run(() => fireInject(state.id, next))}>Present next prompt</button>}
        {!ended && <button type="button" disabled={act.pending} onClick={() => void act.run(() => endExercise(state))}>End exercise</button>}
      </div>
      {act.error && <p role="alert" className="error">{act.error}</p>}
      <NoteForm label="Decision" button="Record decision" onSubmit={(text) => recordDecision(state.id, text)} />
      <h4>Decisions</h4>
      <ul aria-label="Decisions">{decisions.map((d) => <li key={d.id}>{d.text}</li>)}</ul>
    </section>
  );
}

export function FacilitatorView({ incidentId }: { incidentId: string }) {
  const state = useIncidentState(incidentId);
  const scripts = useScripts();
  const now = useNow(1000);
  const show = useDrillUi((s) => s.show);
  const openIncident = useUi((s) => s.openIncident);
  const clock = state ? exerciseClock(state.exercise.controls, now) : null;
  const script = findScript(scripts, clock?.scriptId ?? null);
  useInjectRunner(clock?.mode === 'live' ? state : undefined, script);
  if (!state || !clock) return <p role="status">Loading drill…</p>;
  const elapsedOf = (at: number) => exerciseClock(state.exercise.controls, at).elapsedMs;
  const opening = state.timeline.find((e) => e.kind === 'note' && e.text?.startsWith('Opening situation:'));
  return (
    <div className="drill-facilitator">
      <header className="drill-header">
        <span className="badge drill">DRILL</span>
        <h2>Facilitating: {state.title}</h2>
        <span className="muted">{modeLabel(clock.mode)}</span>
        <div className="actions">
          <button type="button" onClick={() => openIncident(state.id)}>Open console</button>
          <button type="button" onClick={() => show({ kind: 'debrief', incidentId })}>Debrief scorecard</button>
          <button type="button" onClick={() => show({ kind: 'home' })}>Back to drills</button>
        </div>
      </header>
      {!script && <p role="alert" className="error">The script "{clock.scriptId ?? 'none'}" is not on this laptop: import it to fire its injects here.</p>}
      {opening && <p className="panel"><strong>Opening situation.</strong> {opening.text?.replace(/^Opening situation:\s*/, '')}</p>}
      {clock.mode === 'tabletop' ? <TabletopControls state={state} script={script} /> : <LiveControls state={state} script={script} now={now} />}
      {script && <InjectList script={script} state={state} elapsedOf={elapsedOf} />}
      <Observations state={state} />
    </div>
  );
}
