// The console's view of the alerts attached to this incident: their state, and once every one resolved, an
// offer (never forced) to start the plan's recurrence watch, shown in the attention strip.
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { formatDuration, parseDuration } from '@shared/time/duration';
import { timeOnDay } from '../../core/format';
import { useCommand } from '../../core/useCommand';
import { useNow } from '../../core/useNow';
import type { AlertGroup } from '@shared/alerts/group';
import { startRecurrenceWatch } from './commands';
import { useAttachedGroups } from './useAlertGroups';
import './alerts.css';

/** Every attached alert resolved while the incident is still before monitoring: the recurrence watch is offered. */
export function recurrenceWatchOffered(state: IncidentState, groups: readonly AlertGroup[]): boolean {
  return groups.length > 0 && groups.every((g) => g.status === 'resolved')
    && (state.status === 'investigating' || state.status === 'identified' || state.status === 'mitigating');
}

/** The offer itself, in the attention strip (where urgency is shown) and in the Alerts panel. */
export function RecurrenceWatchOffer({ state, plan }: { state: IncidentState; plan: Plan }) {
  const watch = useCommand(startRecurrenceWatch);
  return (
    <div className="watch-offer" role="group" aria-label="Recurrence watch">
      <span>Every attached alert has resolved. Start the {formatDuration(parseDuration(plan.timers.recurrenceWatch))} recurrence watch (status: monitoring)?</span>
      <button type="button" disabled={watch.pending} onClick={() => void watch.run(state)}>Start the recurrence watch</button>
      {watch.error && <p role="alert" className="error">{watch.error}</p>}
    </div>
  );
}

/** The recurrence-watch offer as an attention-strip notice (nothing when it is not offered). */
export function RecurrenceWatchNotice({ state, plan }: { state: IncidentState; plan: Plan }) {
  const groups = useAttachedGroups(state.id);
  if (!recurrenceWatchOffered(state, groups)) return null;
  return <article className="attention-notice" aria-label="Recurrence watch offered"><RecurrenceWatchOffer state={state} plan={plan} /></article>;
}

export function AttachedAlerts({ state, groups }: { state: IncidentState; groups: AlertGroup[] }) {
  const now = useNow(15_000);
  if (groups.length === 0) return null;
  const offer = recurrenceWatchOffered(state, groups);
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
      {offer && <p className="muted">Every attached alert has resolved: the attention strip offers the recurrence watch.</p>}
    </section>
  );
}

