// Time-boxed tasks the commander handed out: who, what, when to check back; done, handed on, more time, dropped.
import { useState, type FormEvent } from 'react';
import type { IncidentState } from '@shared/incident/state';
import { formatDuration } from '@shared/time/duration';
import { tasksOf, type Task } from '@shared/warroom/tasks';
import { timeOnDay } from '../../core/format';
import { useNow } from '../../core/useNow';
import { completeTask, createTask, dropTask, reassignTask } from './commands';
import './tasks.css';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function TasksPanel({ state }: { state: IncidentState }) {
  const now = useNow(1000);
  const [adding, setAdding] = useState(false);
  const tasks = tasksOf(state);
  const open = tasks.filter((t) => t.status === 'open').sort((a, b) => a.checkBackAt - b.checkBackAt);
  const closed = tasks.length - open.length;
  return (
    <section className="panel tasks" aria-label="Tasks">
      <div className="tasks-head">
        <h2>Tasks</h2>
        <button type="button" aria-expanded={adding} onClick={() => setAdding((x) => !x)}>New task</button>
      </div>
      {adding && <NewTaskForm incidentId={state.id} onDone={() => setAdding(false)} />}
      {open.length === 0 && !adding && <p className="muted">No open tasks. In the entry box: “t: Engineer B: check the DB pool 3m”.</p>}
      <ul className="task-list">
        {open.map((task) => <li key={task.id}><TaskCard incidentId={state.id} task={task} now={now} /></li>)}
      </ul>
      {closed > 0 && <p className="muted">{closed} done or dropped (in the timeline).</p>}
    </section>
  );
}

function TaskCard({ incidentId, task, now }: { incidentId: string; task: Task; now: number }) {
  const [mode, setMode] = useState<'handover' | 'time' | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const left = task.checkBackAt - now;
  const run = (p: Promise<unknown>, after?: () => void) => {
    setError(null);
    p.then(() => after?.(), (e: unknown) => setError(errorText(e)));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mode === 'handover') run(reassignTask(incidentId, task.id, { owner: value }), () => { setMode(null); setValue(''); });
    else if (mode === 'time') {
      const minutes = Number(value);
      if (!Number.isFinite(minutes) || minutes <= 0) { setError('Give the extra time in whole minutes, e.g. 5.'); return; }
      run(reassignTask(incidentId, task.id, { checkBackAt: Math.max(now, task.checkBackAt) + minutes * 60_000 }), () => { setMode(null); setValue(''); });
    }
  };
  return (
    <article className={`task${left < 0 ? ' task-overdue' : ''}`} aria-label={`Task: ${task.owner}: ${task.title}`}>
      <p className="task-line"><strong>{task.owner}</strong>: {task.title}</p>
      <p className="task-due">
        Check back at {timeOnDay(task.checkBackAt, now)} · <span className="task-left">{left < 0 ? `overdue by ${formatDuration(-left)}` : `${formatDuration(left)} left`}</span>
      </p>
      <div className="task-actions">
        <button type="button" className="small" onClick={() => run(completeTask(incidentId, task.id))} aria-label={`Done: ${task.title}`}>Done</button>
        <button type="button" className="small" aria-expanded={mode === 'time'} onClick={() => { setMode(mode === 'time' ? null : 'time'); setValue('5'); }} aria-label={`More time: ${task.title}`}>More time</button>
        <button type="button" className="small" aria-expanded={mode === 'handover'} onClick={() => { setMode(mode === 'handover' ? null : 'handover'); setValue(''); }} aria-label={`Hand on: ${task.title}`}>Hand on</button>
        <button type="button" className="small" onClick={() => run(dropTask(incidentId, task.id))} aria-label={`Drop: ${task.title}`}>Drop</button>
      </div>
      {mode && (
        <form className="inline-form" onSubmit={submit} aria-label={mode === 'time' ? 'More time' : 'Hand on task'}>
          <label>{mode === 'time' ? 'Extra minutes' : 'New owner'}
            <input autoFocus value={value} onChange={(e) => { setValue(e.target.value); setError(null); }} inputMode={mode === 'time' ? 'numeric' : undefined} />
          </label>
          <button type="submit" className="primary">{mode === 'time' ? 'Give more time' : 'Hand on'}</button>
        </form>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </article>
  );
}

function NewTaskForm({ incidentId, onDone }: { incidentId: string; onDone: () => void }) {
  const [owner, setOwner] = useState('');
  const [title, setTitle] = useState('');
  const [minutes, setMinutes] = useState('5');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(minutes);
    if (!Number.isFinite(n) || n <= 0) { setError('Check back in how many minutes? e.g. 3.'); return; }
    createTask(incidentId, { owner, title, checkBackAt: Date.now() + n * 60_000 }).then(onDone, (err: unknown) => setError(errorText(err)));
  };
  return (
    <form className="inline-form task-form" onSubmit={submit} aria-label="New task">
      <label>Owner<input autoFocus value={owner} onChange={(e) => { setOwner(e.target.value); setError(null); }} /></label>
      <label className="grow">Task<input value={title} onChange={(e) => { setTitle(e.target.value); setError(null); }} /></label>
      <label>Check back in (minutes)<input value={minutes} inputMode="numeric" size={4} onChange={(e) => { setMinutes(e.target.value); setError(null); }} /></label>
      <button type="submit" className="primary">Hand out task</button>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}
