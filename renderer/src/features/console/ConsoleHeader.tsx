// Console header: title, severity (change with a reason), status, elapsed time, role holders, classify.
import { useId, useState, type FormEvent } from 'react';
import { STATUSES, type IncidentStatus } from '@shared/incident/events';
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { formatDuration } from '@shared/time/duration';
import { computeClocks } from '@shared/clocks/clocks';
import { useUi } from '../../core/ui-store';
import { useNow } from '../../core/useNow';
import { SeverityBadge, StatusBadge } from '../../components/SeverityBadge';
import { formatClockTime, fromLocalInput, toLocalInput } from '../../core/format';
import { useCommand } from '../../core/useCommand';
import { OpenReviewButton } from '../pir';
import { WallDisplayButton } from '../wall';
import { RestrictedBadge } from '../visibility';
import { spellDuration, statusLabel } from '../../core/status-words';
import { impactDateNote } from '../declare';
import { ClassificationFields, emptyClassification, type ClassificationValue } from '../declare';
import { changeSeverity, changeStatus, classify } from './commands';
import { DateTimeInput } from '../../core/DateTimeInput';

type Open = 'severity' | 'status' | 'classify' | null;

function SeverityForm({ state, plan, onDone }: { state: IncidentState; plan: Plan; onDone: () => void }) {
  const [to, setTo] = useState(state.severity ?? plan.severities[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const { run, pending, error } = useCommand(changeSeverity);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ((await run(state, to, reason)).ok) onDone();
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Change severity">
      <label>New severity
        <select value={to} onChange={(e) => setTo(e.target.value)}>
          {[...plan.severities].sort((a, b) => a.rank - b.rank).map((s) => <option key={s.id} value={s.id}>{s.id} {s.name}</option>)}
        </select>
      </label>
      <label className="grow">Reason for severity change
        <input autoFocus value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={pending}>Apply severity</button>
      <button type="button" onClick={onDone}>Cancel</button>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}

function StatusForm({ state, plan, onDone }: { state: IncidentState; plan: Plan; onDone: () => void }) {
  const [to, setTo] = useState<IncidentStatus>(STATUSES[Math.min(STATUSES.indexOf(state.status) + 1, STATUSES.length - 1)] ?? 'investigating');
  const [reason, setReason] = useState('');
  const [skipWatch, setSkipWatch] = useState(false);
  const { run, pending, error, setError } = useCommand(changeStatus);
  const now = useNow(1000);
  // The plan asks to watch for recurrence before resolving: warn while that watch has not run its full period.
  const watch = computeClocks(state, plan, now).find((c) => c.id === 'recurrence-watch');
  const watchIncomplete = to === 'resolved' && state.status !== 'resolved' && (!watch || watch.active);
  const watchText = `Monitor for ${spellDuration(plan.timers.recurrenceWatch)} for recurrence`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (watchIncomplete && !skipWatch) { setError('Tick "Resolve without the full recurrence watch" to resolve now, or keep monitoring.'); return; }
    if ((await run(state, to, reason)).ok) onDone();
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Change status">
      <label>New status
        <select autoFocus value={to} onChange={(e) => { setTo(e.target.value as IncidentStatus); setError(null); }}>
          {STATUSES.map((s) => <option key={s} value={s}>{statusLabel(s)}</option>)}
        </select>
      </label>
      <label className="grow">Reason for status change (optional)
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {watchIncomplete && (
        <div className="recurrence-warning" role="note" aria-label="Recurrence watch">
          <p>
            The plan says: “{watchText}”.{' '}
            {watch ? `The watch started at ${formatClockTime(watch.startedAt, false)} and ends at ${formatClockTime(watch.dueAt, false)}.`
              : 'No monitoring period has been recorded (set the status to Monitoring to start the watch).'}
          </p>
          <label className="checkbox">
            <input type="checkbox" checked={skipWatch} onChange={(e) => { setSkipWatch(e.target.checked); setError(null); }} />
            Resolve without the full recurrence watch
          </label>
        </div>
      )}
      <button type="submit" className="primary" disabled={pending}>Apply status</button>
      <button type="button" onClick={onDone}>Cancel</button>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}

function ClassifyForm({ state, plan, onDone }: { state: IncidentState; plan: Plan; onDone: () => void }) {
  const [value, setValue] = useState<ClassificationValue>(() => ({
    ...emptyClassification(), severity: state.severity ?? '', category: state.category ?? '', scope: state.scope, impact: state.impact,
  }));
  // Impact start can be corrected here (a wrong back-date at declaration); recorded only when it changed.
  const [impactStart, setImpactStart] = useState(() => toLocalInput(state.impactStartedAt));
  const { run, pending, error, clearError } = useCommand(classify);
  const impactNoteId = useId();
  const impactAt = fromLocalInput(impactStart);
  const impactNote = impactDateNote(impactAt, Date.now());
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const changed = impactStart !== toLocalInput(state.impactStartedAt);
    if ((await run(state, value, changed ? impactAt : null)).ok) onDone();
  };
  return (
    <form className="classify-form panel" onSubmit={submit} aria-label="Classify incident">
      <div className="impact-start">
        <label>
          Impact started
          <DateTimeInput value={impactStart} required onChange={(v) => { setImpactStart(v); clearError(); }}
            aria-describedby={impactNote ? impactNoteId : undefined} />
        </label>
        {impactNote && <span id={impactNoteId} className="impact-date-note">{impactNote}</span>}
      </div>
      <ClassificationFields plan={plan} value={value} onChange={setValue} />
      {error && <p role="alert" className="error">{error}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={pending}>Save classification</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}

export function ConsoleHeader({ state, plan }: { state: IncidentState; plan: Plan }) {
  const now = useNow(1000);
  const [open, setOpenState] = useState<Open>(null);
  const focusTimeline = useUi((s) => s.focusTimeline);
  // Closing a header form hands the keyboard back to the timeline entry box.
  const setOpen = (which: Open | ((o: Open) => Open)) => {
    setOpenState(which);
    if (which === null) focusTimeline();
  };
  const toggle = (which: Open) => setOpen((o) => (o === which ? null : which));
  const done = state.resolvedAt ?? null;
  const category = plan.categories.find((c) => c.id === state.category)?.name;
  const holders = plan.roles.filter((r) => state.roles[r.id]);
  return (
    <header className="console-header">
      <div className="console-title" role="group" aria-label="Incident status">
        <SeverityBadge plan={plan} severity={state.severity} />
        <h2>{state.title}</h2>
        {state.drill && <span className="badge drill">DRILL</span>}
        <RestrictedBadge restricted={state.visibility.restricted} />
        <StatusBadge status={state.status} />
        <span className="elapsed" aria-label="Elapsed since impact started" title="Since impact started">
          {formatDuration((done ?? now) - state.impactStartedAt)}
        </span>
      </div>
      <div className="console-meta" role="group" aria-label="Incident summary">
        {category && <span>Category: {category}</span>}
        {state.scope && <span>Scope: {state.scope}</span>}
        {state.impact && <span>Impact: {state.impact}</span>}
        <span aria-label="Role holders">
          {holders.length ? holders.map((r) => `${r.name}: ${state.roles[r.id]?.person}`).join(' · ') : 'No roles assigned'}
        </span>
      </div>
      <div className="console-actions">
        <button type="button" aria-expanded={open === 'severity'} onClick={() => toggle('severity')}>Change severity</button>
        <button type="button" aria-expanded={open === 'status'} onClick={() => toggle('status')}>Change status</button>
        <button type="button" aria-expanded={open === 'classify'} onClick={() => toggle('classify')}>Classify</button>
        <OpenReviewButton incidentId={state.id} />
        <WallDisplayButton />
      </div>
      {open === 'severity' && <SeverityForm state={state} plan={plan} onDone={() => setOpen(null)} />}
      {open === 'status' && <StatusForm state={state} plan={plan} onDone={() => setOpen(null)} />}
      {open === 'classify' && <ClassifyForm state={state} plan={plan} onDone={() => setOpen(null)} />}
    </header>
  );
}
