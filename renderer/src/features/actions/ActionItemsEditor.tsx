// Action items of one incident: add (title, owner, deadline), edit owner/deadline/status, record follow-ups.
import { useEffect, useState, type FormEvent } from 'react';
import { ACTION_STATUSES, type ActionStatus } from '@shared/incident/events';
import type { ActionItem, IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { parseDuration } from '@shared/time/duration';
import { useCommand } from '../../core/useCommand';
import { createAction, updateAction, type ActionChange } from './commands';
import { dateInputValue, deadlineFromDateInput, formatDay } from './deadline';
import './actions.css';

const STATUS_LABEL: Record<ActionStatus, string> = { open: 'Open', 'in-progress': 'In progress', done: 'Done', cancelled: 'Cancelled' };

function AddActionForm({ incidentId }: { incidentId: string }) {
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [deadline, setDeadline] = useState('');
  // Not exclusive: the form is emptied at once, so the next item can be typed and added while this one is stored.
  const { run, error } = useCommand(createAction, { exclusive: false });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const submitted = { title, owner, deadline };
    const due = deadline ? deadlineFromDateInput(deadline) : null;
    setTitle(''); setOwner(''); setDeadline('');
    if (!(await run(incidentId, { title, owner, deadline: due })).ok) {
      // Not saved: give the typed item back, unless the user has already started typing another one.
      setTitle((t) => t || submitted.title); setOwner((o) => o || submitted.owner); setDeadline((d) => d || submitted.deadline);
    }
  };
  return (
    <form className="action-add" onSubmit={submit} aria-label="Add action item">
      <label className="grow">Action<input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} /></label>
      <label>Owner<input value={owner} onChange={(e) => setOwner(e.target.value)} /></label>
      <label>Deadline<input type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} /></label>
      <button type="submit" className="primary">Add action item</button>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}

function ActionRow({ incidentId, item, plan, now }: { incidentId: string; item: ActionItem; plan: Plan; now: number }) {
  const [owner, setOwner] = useState(item.owner);
  useEffect(() => setOwner(item.owner), [item.owner]); // someone else changed it (sync)
  const followUpDue = (item.followedUpAt ?? item.createdAt) + parseDuration(plan.timers.actionItemFollowUp);
  const open = item.status === 'open' || item.status === 'in-progress';
  const overdue = open && item.deadline !== null && item.deadline < now;
  // A table row has no room for an inline message: a failed change goes to the app's error region.
  const updating = useCommand(updateAction, { inline: false, exclusive: false });
  const update = (patch: ActionChange) => updating.run(incidentId, item.id, patch);
  return (
    <tr className={overdue ? 'overdue' : undefined}>
      <td>{item.title}{overdue && <span className="badge danger"> overdue</span>}</td>
      <td>
        <input aria-label={`Owner of ${item.title}`} value={owner} onChange={(e) => setOwner(e.target.value)}
          onBlur={() => { if (owner.trim() !== item.owner) void update({ owner: owner.trim() }); }} />
      </td>
      <td>
        <input type="date" aria-label={`Deadline of ${item.title}`} value={dateInputValue(item.deadline)}
          onChange={(e) => {
            const due = e.target.value ? deadlineFromDateInput(e.target.value) : null;
            if (due === null) void update({ deadline: null });
            else if (!Number.isNaN(due)) void update({ deadline: new Date(due).toISOString() });
          }} />
      </td>
      <td>
        <select aria-label={`Status of ${item.title}`} value={item.status} onChange={(e) => void update({ status: e.target.value as ActionStatus })}>
          {ACTION_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
        </select>
      </td>
      <td>
        {open ? (
          <>
            <span className={followUpDue < now ? 'badge warn' : 'muted'}>{followUpDue < now ? 'Follow-up due ' : 'Follow up by '}{formatDay(followUpDue)}</span>{' '}
            <button type="button" onClick={() => void update({ followedUp: true })} aria-label={`Record follow-up of ${item.title}`}>Followed up</button>
          </>
        ) : <span className="muted">—</span>}
      </td>
    </tr>
  );
}

export function ActionItemsEditor({ incidentId, state, plan, now }: { incidentId: string; state: IncidentState; plan: Plan; now: number }) {
  return (
    <div className="action-items">
      {state.actionItems.length > 0 ? (
        <table className="action-table" aria-label="Action items">
          <thead><tr><th>Action</th><th>Owner</th><th>Deadline</th><th>Status</th><th>Follow-up ({plan.timers.actionItemFollowUp})</th></tr></thead>
          <tbody>
            {state.actionItems.map((item) => <ActionRow key={item.id} incidentId={incidentId} item={item} plan={plan} now={now} />)}
          </tbody>
        </table>
      ) : <p className="muted">No action items yet.</p>}
      <AddActionForm incidentId={incidentId} />
    </div>
  );
}
