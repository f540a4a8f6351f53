// The console's view of the alerts attached to this incident: their state, and once every one resolved, an
// offer (never forced) to start the plan's recurrence watch.
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { formatDuration, parseDuration } from '@shared/time/duration';
import { timeOnDay } from '../../core/format';
import { useCommand } from '../../core/useCommand';
import { useNow } from '../../core/useNow';
import type { AlertGroup } from '@shared/alerts/group';
import { startRecurrenceWatch } from './commands';
import './alerts.css';

export function AttachedAlerts({ state, plan, groups }: { state: IncidentState; plan: Plan; groups: AlertGroup[] }) {
  const now = useNow(15_000);
  const watch = useCommand(startRecurrenceWatch);
  if (groups.length === 0) return null;
  const allResolved = groups.every((g) => g.status === 'resolved');
  const offer = allResolved && (state.status === 'investigating' || state.status === 'identified' || state.status === 'mitigating');
  return (
    <section className="panel attached-alerts" aria-label="Attached alerts">
      <h2>Alerts</h2>
      <ul>
        {groups.map((g) => (
          <li key={g.id}>
            <strong>{g.title}</strong>{' '}
            {g.status === 'firing' && g.firingSince !== null
              ? <>firing for {formatDuration(Math.max(0, now - g.firingSince))}</>
              : <>resolved {g.resolvedAt !== null ? timeOnDay(g.resolvedAt, now) : ''}</>}
          </li>
        ))}
      </ul>
      {offer && (
        <div className="watch-offer" role="group" aria-label="Recurrence watch">
          <span>Every attached alert has resolved. Start the {formatDuration(parseDuration(plan.timers.recurrenceWatch))} recurrence watch (status: monitoring)?</span>
          <button type="button" disabled={watch.pending} onClick={() => void watch.run(state)}>Start the recurrence watch</button>
          {watch.error && <p role="alert" className="error">{watch.error}</p>}
        </div>
      )}
    </section>
  );
}

