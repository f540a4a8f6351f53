// In the attention strip once the incident is resolved: the tasks still open (their check-back clocks stop at
// resolution), so "Nothing overdue" never hides them; each is closed in the Tasks panel or becomes an action item.
import type { IncidentState } from '@shared/incident/state';
import { openTasks } from '@shared/warroom/tasks';
import { openReview } from '../../core/review-nav';
import { plural } from '../../core/format';

/** Open tasks of a resolved or closed incident (none while it runs: then each is a check-back clock). */
export function openTasksAfterResolve(state: IncidentState) {
  return state.status === 'resolved' || state.status === 'closed' ? openTasks(state) : [];
}

export function OpenTasksNotice({ state }: { state: IncidentState }) {
  const open = openTasksAfterResolve(state);
  if (open.length === 0) return null;
  return (
    <article className="attention-notice attention-notice-act" aria-label="Tasks still open after resolution">
      <p className="attention-text">
        <strong>{plural(open.length, 'task')} still open after resolution:</strong>{' '}
        {open.map((t) => `${t.owner}: ${t.title}`).join('; ')}. Close them in Tasks or make them action items in the review.
      </p>
      <span className="attention-actions">
        <button type="button" className="primary" onClick={() => openReview(state.id)}>Open the review</button>
      </span>
    </article>
  );
}
