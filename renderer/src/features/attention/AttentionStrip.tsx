// The attention strip, pinned under the console header: the incident's status line, the one most urgent thing
// (overdue first, then due soon) with what to do about it, a count of the rest that expands in place, and a
// compact link to other incidents that need attention. A drill's strip says DRILL; a real incident's never
// shows a drill's alerts.
import { useId, useState } from 'react';
import { computeClocks, mostUrgent } from '@shared/clocks/clocks';
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { COMMANDER_ROLE_ID } from '@shared/plan/commander';
import { formatDuration } from '@shared/time/duration';
import { plural, timeOnDay } from '../../core/format';
import { useNow } from '../../core/useNow';
import { useUi } from '../../core/ui-store';
import { useClockAlerts } from '../clocks';
import { HandoverNotice } from '../handover';
import { AcknowledgeNotice } from '../roles';
import { RecurrenceWatchNotice, recurrenceWatchOffered, useAttachedGroups } from '../alerts';
import { OpenTasksNotice, openTasksAfterResolve } from '../tasks';
import { pendingHandover } from '@shared/warroom/handover';
import { awaitingMyAcknowledgement } from '@shared/incident/acknowledgement';
import { useIdentity } from '../../db/hooks';
import { statusLabel } from '../../core/status-words';
import { AttentionItem } from './AttentionItem';
import { attentionFor, type OtherIncident } from './attention';
import './attention.css';

export function AttentionStrip({ state, plan }: { state: IncidentState; plan: Plan }) {
  const now = useNow(1000);
  const byIncident = useClockAlerts((s) => s.byIncident);
  const dismissed = useClockAlerts((s) => s.acknowledged);
  const [expanded, setExpanded] = useState(false);
  const restId = useId();
  const { own, others, realElsewhere } = attentionFor(state.id, state.drill, byIncident, dismissed);
  const [top, ...rest] = own;
  const me = useIdentity().name;
  // Something waits on a person (the calm line would be wrong): a handover, a page or assignment to acknowledge.
  const groups = useAttachedGroups(state.id);
  const notices = pendingHandover(state) !== null || awaitingMyAcknowledgement(state, me).length > 0
    || recurrenceWatchOffered(state, groups) || openTasksAfterResolve(state).length > 0;
  const next = top ? null : mostUrgent(computeClocks(state, plan, now));
  const ic = plan.roles.find((r) => r.id === COMMANDER_ROLE_ID);
  const commander = ic ? state.roles[ic.id]?.person : undefined;
  return (
    <section className={`attention${state.drill ? ' attention-drill' : ''}${top ? ` attention-${top.clock.state}` : ''}`} aria-label="Attention">
      <div className="attention-status" role="group" aria-label="Status line">
        {state.drill && <span className="badge drill">DRILL</span>}
        <strong>{statusLabel(state.status)}</strong>
        <span> since {timeOnDay(state.statusSince, now)}</span>
        {state.severity && <span> · {state.severity}</span>}
        <span> · {commander ? `IC ${commander}` : 'No incident commander assigned'}</span>
        {next && <span className="attention-next"> · Next: {next.label} at {timeOnDay(next.dueAt, now)} ({formatDuration(next.dueAt - now)} left)</span>}
      </div>
      {/* What waits on a person rather than a clock: a handover, a page or assignment to acknowledge, the recurrence watch
          offered, tasks left open at resolution. */}
      <HandoverNotice state={state} now={now} />
      <AcknowledgeNotice state={state} plan={plan} now={now} />
      <RecurrenceWatchNotice state={state} plan={plan} />
      <OpenTasksNotice state={state} />
      {top ? <AttentionItem alert={top} now={now} primary /> : !notices && <p className="attention-calm">Nothing overdue or due soon.</p>}
      {rest.length > 0 && (
        <div className="attention-rest">
          <button type="button" className="attention-more" aria-expanded={expanded} aria-controls={restId} onClick={() => setExpanded((x) => !x)}>
            {expanded ? 'Hide' : 'Show'} {plural(rest.length, 'more alert')}
          </button>
          {expanded && (
            <ul id={restId} className="attention-list" aria-label="More alerts">
              {rest.map((a) => <li key={a.key}><AttentionItem alert={a} now={now} /></li>)}
            </ul>
          )}
        </div>
      )}
      <OtherIncidents label={state.drill ? 'Other drills need attention' : 'Other incidents need attention'} list={others} />
      {realElsewhere.length > 0 && <OtherIncidents label="Real incidents need attention" list={realElsewhere} />}
    </section>
  );
}

function OtherIncidents({ label, list }: { label: string; list: OtherIncident[] }) {
  const [open, setOpen] = useState(false);
  const openIncident = useUi((s) => s.openIncident);
  const id = useId();
  if (list.length === 0) return null;
  return (
    <div className="attention-others">
      <button type="button" className="link" aria-expanded={open} aria-controls={id} onClick={() => setOpen((x) => !x)}>{label} ({list.length})</button>
      {open && (
        <ul id={id} aria-label={label}>
          {list.map((o) => (
            <li key={o.incidentId}>
              {o.drill && <span className="badge drill">DRILL</span>} {o.severity ? `[${o.severity}] ` : ''}{o.title}: {o.top.clock.label}
              {o.count > 1 ? ` and ${plural(o.count - 1, 'more alert')}` : ''}{' '}
              <button type="button" className="small" onClick={() => openIncident(o.incidentId)}>Open its console</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
