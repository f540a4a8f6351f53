// The training log: drills, tabletops and trainings held, and when the plan says each is next due.
import { useState, type FormEvent } from 'react';
import { sessionOf, trainingLog, type ExerciseSession } from '@shared/drills/training-log';
import { useNow } from '../../core/useNow';
import { formatDateTime, fromLocalInput, toLocalInput } from '../../core/format';
import { useActivePlan } from '../../db/hooks';
import { useCommand } from '../../core/useCommand';
import { recordTraining } from './commands';
import { useDrillUi } from './drill-ui-store';
import { useDrillStates } from './useDrillStates';
import './drills.css';
import { DateTimeInput } from '../../core/DateTimeInput';

function TrainingForm({ defaultName }: { defaultName: string }) {
  const [name, setName] = useState(defaultName);
  const [heldAt, setHeldAt] = useState(() => toLocalInput(Date.now()));
  const [minutes, setMinutes] = useState('120');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const recording = useCommand(recordTraining);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const at = fromLocalInput(heldAt);
    const duration = Number(minutes);
    if (!name.trim()) { setError('Give the training a name.'); return; }
    if (Number.isNaN(at)) { setError('Give the date and time it was held.'); return; }
    if (!Number.isFinite(duration) || duration < 0) { setError('Duration must be a number of minutes.'); return; }
    setError(null);
    const outcome = await recording.run({ name: name.trim(), heldAt: at, durationMinutes: duration, notes });
    if (!outcome.ok) { setError(outcome.failure?.message ?? null); return; }
    setDone(`Recorded: ${name.trim()}.`);
    setNotes('');
  };
  return (
    <form className="panel" onSubmit={submit} aria-label="Record a training session">
      <h3>Record a training session</h3>
      <div className="form-row">
        <label className="grow">Training name<input value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label>Held at<DateTimeInput value={heldAt} onChange={setHeldAt} /></label>
        <label>Duration (minutes)<input inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} /></label>
      </div>
      <label>Topics and attendees<textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} /></label>
      <div className="actions"><button type="submit" className="primary" disabled={recording.pending}>Record training</button></div>
      {error && <p role="alert" className="error">{error}</p>}
      {done && <p role="status">{done}</p>}
    </form>
  );
}

export function TrainingLogPage() {
  const plan = useActivePlan();
  const drills = useDrillStates();
  const now = useNow(60_000);
  const show = useDrillUi((s) => s.show);
  if (!drills) return <p role="status">Loading training log…</p>;
  const sessions = drills.map(sessionOf).filter((s): s is ExerciseSession => s !== null);
  const log = trainingLog(sessions, plan, now);
  return (
    <div className="training-log">
      <header className="drill-header">
        <h2>Training log</h2>
        <div className="actions"><button type="button" onClick={() => show({ kind: 'home' })}>Back to drills</button></div>
      </header>
      <table className="drill-table" aria-label="Training log">
        <thead><tr><th scope="col">Exercise</th><th scope="col">Cadence</th><th scope="col">Held</th><th scope="col">Last held</th><th scope="col">Next due</th></tr></thead>
        <tbody>
          {log.map((row) => (
            <tr key={row.kind}>
              <th scope="row">{row.name}</th>
              <td>{row.frequencyText}</td>
              <td>{row.held.length}</td>
              <td>{row.lastAt !== null ? formatDateTime(row.lastAt) : 'never'}</td>
              <td className={row.overdue ? 'error' : ''}>{row.lastAt === null ? 'due now' : formatDateTime(row.nextDueAt)}{row.overdue && row.lastAt !== null ? ' (overdue)' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {log.map((row) => row.held.length > 0 && (
        <section key={row.kind} aria-label={`${row.name} held`}>
          <h3>{row.name} held</h3>
          <ul>{row.held.map((s) => <li key={s.incidentId}>{formatDateTime(s.at)}: {s.title}</li>)}</ul>
        </section>
      ))}
      <TrainingForm defaultName={plan.exercises.find((e) => e.kind === 'training')?.name ?? 'Incident Response Training'} />
    </div>
  );
}
