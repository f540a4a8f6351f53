// The form that plans a maintenance window, or edits one: title, public text, start and end (24-hour, local time),
// the affected components from the plan's status-page components, and the emails to their subscribers (now, a
// reminder 60 minutes before, at the start, at the end), with how many subscribers they would reach.
import { useState, type FormEvent } from 'react';
import { NO_AUTO_NOTIFY, type AutoNotify } from '@shared/incident/events-maintenance';
import type { MaintenanceWindow } from '@shared/maintenance/windows';
import type { Plan } from '@shared/plan/schema';
import { DateTimeInput } from '../../core/DateTimeInput';
import { fromLocalInput, plural, toLocalInput } from '../../core/format';
import { useCommand } from '../../core/useCommand';
import { useSubscriberCount } from '../outbound';
import { editMaintenance, scheduleMaintenance, type WindowDraft } from './commands';

const HOUR = 3_600_000;

/** A new window is proposed a day ahead, from the next whole hour, for two hours (the person sets the real times). */
function defaults(now: number): { start: string; end: string } {
  const start = Math.ceil((now + 24 * HOUR) / HOUR) * HOUR;
  return { start: toLocalInput(start), end: toLocalInput(start + 2 * HOUR) };
}

const zoneName = (() => {
  const offset = -new Date().getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
})();

interface Props {
  plan: Plan;
  /** Absent: plan a new window. */
  editing?: MaintenanceWindow;
  onDone(): void;
}

export function WindowForm({ plan, editing, onDone }: Props) {
  const initial = editing
    ? { start: toLocalInput(editing.startsAt), end: toLocalInput(editing.endsAt) }
    : defaults(Date.now());
  const [title, setTitle] = useState(editing?.title ?? '');
  const [text, setText] = useState(editing?.text ?? '');
  const [start, setStart] = useState(initial.start);
  const [end, setEnd] = useState(initial.end);
  const [components, setComponents] = useState<string[]>(editing?.componentIds ?? []);
  const [auto, setAuto] = useState<AutoNotify>(editing?.autoNotify ?? NO_AUTO_NOTIFY);
  const [notifyNow, setNotifyNow] = useState(false);
  const anyEmail = notifyNow || auto.reminder || auto.start || auto.end;
  const count = useSubscriberCount(components, components.length > 0);
  const save = useCommand(async (draft: WindowDraft) => (editing ? editMaintenance(editing, draft) : scheduleMaintenance(draft, notifyNow)));
  const prefix = editing ? `maint-edit-${editing.id}` : 'maint-new';

  const toggle = (id: string, on: boolean) => setComponents((list) => (on ? [...list, id] : list.filter((c) => c !== id)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const outcome = await save.run({ title, text, componentIds: components, startsAt: fromLocalInput(start), endsAt: fromLocalInput(end), autoNotify: auto });
    if (outcome.ok) onDone();
  };

  const reach = count === null ? 'the subscribers of the affected components (the count needs the server)' : plural(count, 'subscriber') + ' of the affected components';
  return (
    <form className="maint-form" aria-label={editing ? `Edit ${editing.title}` : 'Schedule maintenance'} onSubmit={(e) => void submit(e)} noValidate>
      <h3>{editing ? `Edit “${editing.title}”` : 'Schedule maintenance'}</h3>
      <label className="maint-field">Title (public)
        <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} placeholder="Database upgrade" />
      </label>
      <label className="maint-field">What people may notice (public text)
        <textarea rows={3} value={text} maxLength={20_000} onChange={(e) => setText(e.target.value)} placeholder="Card payments may pause for up to a minute while we switch databases." />
      </label>
      <div className="maint-times">
        <label className="maint-field">Starts<DateTimeInput value={start} onChange={setStart} /></label>
        <label className="maint-field">Ends<DateTimeInput value={end} onChange={setEnd} /></label>
        <p className="muted">Your local time ({zoneName}); the status page shows UTC. At most 14 days.</p>
      </div>
      <fieldset className="maint-components">
        <legend>Affected components</legend>
        {plan.statusPage.components.map((c) => (
          <label key={c.id} className="checkbox">
            <input type="checkbox" checked={components.includes(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} /> {c.name}
          </label>
        ))}
      </fieldset>
      <fieldset className="maint-emails">
        <legend>Email the subscribers</legend>
        {!editing && (
          <label className="checkbox"><input type="checkbox" checked={notifyNow} onChange={(e) => setNotifyNow(e.target.checked)} /> Now, announcing it</label>
        )}
        <label className="checkbox"><input type="checkbox" checked={auto.reminder} onChange={(e) => setAuto({ ...auto, reminder: e.target.checked })} /> 60 minutes before it starts</label>
        <label className="checkbox"><input type="checkbox" checked={auto.start} onChange={(e) => setAuto({ ...auto, start: e.target.checked })} /> When it starts</label>
        <label className="checkbox"><input type="checkbox" checked={auto.end} onChange={(e) => setAuto({ ...auto, end: e.target.checked })} /> When it ends</label>
        <p className="muted" id={`${prefix}-reach`}>{anyEmail ? `Each email goes to ${reach}, once each.` : `No email: it shows on the status page only. Emails would reach ${reach}.`}</p>
      </fieldset>
      {save.error && <p role="alert" className="maint-error">{save.error}</p>}
      <div className="maint-actions">
        <button type="submit" className="primary" disabled={save.pending}>{editing ? 'Save changes' : 'Schedule and publish'}</button>
        <button type="button" onClick={onDone}>{editing ? 'Discard changes' : 'Cancel'}</button>
      </div>
    </form>
  );
}
