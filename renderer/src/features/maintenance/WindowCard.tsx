// One maintenance window as the comms lead runs it: its status in words, the window (local time, with how long to
// go), the components, what the page says, its emails to subscribers and how each went; and the acts: post progress
// (in progress / verifying / completed), edit the plan, cancel.
import { useState, type FormEvent } from 'react';
import { windowNotices, type MaintenanceNotice, type NoticeOutcome } from '@shared/maintenance/notices';
import { maintenanceStatus, maintenanceUpdates, type MaintenanceWindow } from '@shared/maintenance/windows';
import type { Plan } from '@shared/plan/schema';
import { formatDateTime, plural } from '../../core/format';
import { useCommand } from '../../core/useCommand';
import { useSubscriberCount } from '../outbound';
import { cancelMaintenance, postMaintenanceUpdate, type PostedStatus } from './commands';
import { relative, STATUS_WORDS, statusWord, windowWords } from './words';
import { WindowForm } from './WindowForm';

const NOTICE_WORDS: Record<MaintenanceNotice['kind'], string> = {
  scheduled: 'Announcement', reminder: 'Reminder (60 minutes before)', started: 'Start', update: 'Update', completed: 'End', cancelled: 'Cancellation',
};

function NoticeLine({ notice, outcome, now }: { notice: MaintenanceNotice; outcome: NoticeOutcome | undefined; now: number }) {
  const what = `${NOTICE_WORDS[notice.kind]}${notice.kind === 'update' ? ` (${STATUS_WORDS[notice.status].toLowerCase()})` : ''}`;
  let state: string;
  if (outcome?.state === 'sent') state = `sent ${formatDateTime(outcome.at)} to ${outcome.detail}`;
  else if (outcome?.state === 'retrying') state = `not sent yet: ${outcome.detail}; retrying ${outcome.nextAttemptAt ? formatDateTime(outcome.nextAttemptAt) : 'soon'}`;
  else if (outcome?.state === 'failed') state = `failed: ${outcome.detail}`;
  else if (notice.dueAt > now) state = `due ${formatDateTime(notice.dueAt)}`;
  else if (now >= notice.until) state = 'not sent (past its moment)';
  else state = 'sending (the server sends it once it has synced)';
  return <li className={`maint-notice maint-notice-${outcome?.state ?? 'waiting'}`}><strong>{what}</strong>: {state}</li>;
}

function PostUpdate({ w, status, onDone }: { w: MaintenanceWindow; status: string; onDone(): void }) {
  const [next, setNext] = useState<PostedStatus>('keep');
  const [text, setText] = useState('');
  const [notify, setNotify] = useState(false);
  const count = useSubscriberCount(w.componentIds, true);
  const post = useCommand(postMaintenanceUpdate);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ((await post.run(w, { status: next, text, notify })).ok) onDone();
  };
  return (
    <form className="maint-inline-form" aria-label={`Post an update on ${w.title}`} onSubmit={(e) => void submit(e)} noValidate>
      <label className="maint-field">Status
        <select value={next} onChange={(e) => setNext(e.target.value as PostedStatus)}>
          <option value="keep">Keep: {status}</option>
          <option value="in_progress">In progress</option>
          <option value="verifying">Verifying</option>
          <option value="completed">Completed</option>
        </select>
      </label>
      <label className="maint-field maint-grow">Update (public)
        <textarea rows={2} value={text} maxLength={20_000} onChange={(e) => setText(e.target.value)} placeholder="The upgrade is done; we are verifying payments." />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} />
        Email this update to the subscribers{count === null ? '' : ` (${plural(count, 'subscriber')})`}
      </label>
      {post.error && <p role="alert" className="maint-error">{post.error}</p>}
      <div className="maint-actions">
        <button type="submit" className="primary" disabled={post.pending}>Post update</button>
        <button type="button" onClick={onDone}>Close</button>
      </div>
    </form>
  );
}

function CancelWindow({ w, onDone }: { w: MaintenanceWindow; onDone(): void }) {
  const [text, setText] = useState('This scheduled maintenance has been cancelled.');
  const [notify, setNotify] = useState(w.notifySubscribers || w.autoNotify.reminder);
  const cancel = useCommand(cancelMaintenance);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ((await cancel.run(w, { text, notify })).ok) onDone();
  };
  return (
    <form className="maint-inline-form maint-danger-zone" aria-label={`Cancel ${w.title}`} onSubmit={(e) => void submit(e)} noValidate>
      <label className="maint-field maint-grow">Why it is cancelled (public)
        <textarea rows={2} value={text} maxLength={20_000} onChange={(e) => setText(e.target.value)} />
      </label>
      <label className="checkbox"><input type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} /> Email the cancellation to the subscribers</label>
      {cancel.error && <p role="alert" className="maint-error">{cancel.error}</p>}
      <div className="maint-actions">
        <button type="submit" className="danger" disabled={cancel.pending}>Yes, cancel this maintenance</button>
        <button type="button" onClick={onDone}>Keep it</button>
      </div>
    </form>
  );
}

export function WindowCard({ w, plan, now, outcomes }: { w: MaintenanceWindow; plan: Plan; now: number; outcomes: ReadonlyMap<string, NoticeOutcome> }) {
  const [open, setOpen] = useState<'update' | 'edit' | 'cancel' | null>(null);
  const status = maintenanceStatus(w, now);
  const word = statusWord(w, now);
  const names = new Map(plan.statusPage.components.map((c) => [c.id, c.name]));
  const updates = maintenanceUpdates(w, now).reverse();
  const notices = windowNotices(w, now);
  const headingId = `maint-${w.id}`;
  if (open === 'edit') return <WindowForm plan={plan} editing={w} onDone={() => setOpen(null)} />;
  const when = status === 'scheduled' ? `starts ${relative(w.startsAt, now)}` : status === 'completed' ? '' : `ends ${relative(w.endsAt, now)}`;
  return (
    <article className={`maint-window maint-${w.cancelledAt !== null && status === 'completed' ? 'cancelled' : status}`} aria-labelledby={headingId}>
      <header className="maint-window-head">
        <h4 id={headingId}>{w.title}</h4>
        <span className="maint-status">{word}</span>
        {when && <span className="maint-when">{when}</span>}
      </header>
      <dl className="maint-facts">
        <dt>Window</dt><dd>{windowWords(w.startsAt, w.endsAt)}</dd>
        <dt>Affected</dt><dd>{w.componentIds.map((id) => names.get(id) ?? id).join(', ')}</dd>
        <dt>Planned by</dt><dd>{w.createdBy}, {formatDateTime(w.createdAt)}</dd>
      </dl>
      <h5>On the status page</h5>
      <ol className="maint-updates">
        {updates.map((u) => (
          <li key={u.id}><span className="maint-update-when"><strong>{STATUS_WORDS[u.status]}</strong> · {formatDateTime(u.at)}{u.automatic ? ' (by itself)' : ''}</span> {u.text}</li>
        ))}
      </ol>
      <h5>Emails to subscribers</h5>
      {notices.length === 0 ? <p className="muted">None: it shows on the status page only.</p> : (
        <ul className="maint-notices">
          {notices.map((n) => <NoticeLine key={n.id} notice={n} outcome={outcomes.get(n.id)} now={now} />)}
        </ul>
      )}
      {status !== 'completed' && (
        <div className="maint-actions">
          <button type="button" className={open === 'update' ? 'primary' : undefined} aria-expanded={open === 'update'} onClick={() => setOpen(open === 'update' ? null : 'update')}>Post update</button>
          <button type="button" onClick={() => setOpen('edit')}>Edit</button>
          <button type="button" aria-expanded={open === 'cancel'} onClick={() => setOpen(open === 'cancel' ? null : 'cancel')}>Cancel maintenance…</button>
        </div>
      )}
      {open === 'update' && <PostUpdate w={w} status={word} onDone={() => setOpen(null)} />}
      {open === 'cancel' && <CancelWindow w={w} onDone={() => setOpen(null)} />}
    </article>
  );
}
