// In the review: the incident's tasks still open at resolution, each offered as an action item in one click (or
// all at once), so follow-up work handed out during the incident is not lost when the war room closes.
import type { IncidentState } from '@shared/incident/state';
import { tasksToOffer } from '@shared/warroom/tasks';
import { plural } from '../../core/format';
import { useCommand } from '../../core/useCommand';
import { createActionsFromTasks } from './commands';

export function TaskOffers({ state }: { state: IncidentState }) {
  const offers = tasksToOffer(state);
  const add = useCommand(createActionsFromTasks);
  if (offers.length === 0) return null;
  return (
    <section className="task-offers" aria-label="Open tasks at resolution">
      <h4>{plural(offers.length, 'task')} still open {state.resolvedAt !== null ? 'at resolution' : 'now'}</h4>
      <ul>
        {offers.map((t) => (
          <li key={t.id}>
            <span>{t.owner}: {t.title}</span>{' '}
            <button type="button" className="small" disabled={add.pending} aria-label={`Add as action item: ${t.title}`} onClick={() => void add.run(state.id, [t])}>Add as action item</button>
          </li>
        ))}
      </ul>
      {offers.length > 1 && <button type="button" disabled={add.pending} onClick={() => void add.run(state.id, offers)}>Add all {offers.length} as action items</button>}
      {add.error && <p role="alert" className="error">{add.error}</p>}
    </section>
  );
}
