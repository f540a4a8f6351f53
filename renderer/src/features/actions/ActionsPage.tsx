// Open and overdue action items across all incidents, with the plan's follow-up clock.
import { useMemo, useState } from 'react';
import { openActionItems } from '@shared/metrics/dashboard';
import { useNow } from '../../core/useNow';
import { useUi } from '../../core/ui-store';
import { useCommand } from '../../core/useCommand';
import { recordFollowUp } from './commands';
import { useActivePlan, usePlanOf } from '../../db/hooks';
import { openReview } from '../../core/review-nav';
import { useAllIncidentStates } from '../../db/all-incidents';
import { formatDay } from './deadline';
import './actions.css';
import { UnreadHistoryNotice } from '../sync';

export function ActionsPage() {
  const states = useAllIncidentStates();
  const plan = useActivePlan();
  const planOf = usePlanOf();
  const now = useNow(60_000);
  const openIncident = useUi((s) => s.openIncident);
  const [includeDrills, setIncludeDrills] = useState(false);
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const items = useMemo(() => (states ? openActionItems(states, plan, now, { includeDrills }, planOf) : []), [states, plan, planOf, now, includeDrills]);
  const shown = onlyOverdue ? items.filter((i) => i.overdue || i.followUpOverdue) : items;
  const overdueCount = items.filter((i) => i.overdue).length;
  const followUpCount = items.filter((i) => i.followUpOverdue).length;
  // Table rows have no room for an inline message: a failed follow-up goes to the app's error region.
  const followUp = useCommand(recordFollowUp, { inline: false, exclusive: false });

  return (
    <section className="actions-page" aria-labelledby="actions-title">
      <h2 id="actions-title">Action items</h2>
      <UnreadHistoryNotice what="action items" />
      <p className="muted">
        {items.length} open · {overdueCount} past deadline · {followUpCount} due for the {plan.timers.actionItemFollowUp} follow-up
      </p>
      <div className="filters">
        <label className="checkbox"><input type="checkbox" checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.target.checked)} /> Only overdue</label>
        <label className="checkbox"><input type="checkbox" checked={includeDrills} onChange={(e) => setIncludeDrills(e.target.checked)} /> Include drills</label>
      </div>
      {!states ? <p role="status">Loading…</p> : shown.length === 0 ? <p>No open action items.</p> : (
        <table className="action-table" aria-label="Open action items">
          <thead><tr><th>Action</th><th>Owner</th><th>Deadline</th><th>Follow-up</th><th>Incident</th></tr></thead>
          <tbody>
            {shown.map(({ item, incidentId, incidentTitle, drill, overdue, followUpDueAt, followUpOverdue }) => (
              <tr key={item.id} className={overdue ? 'overdue' : undefined}>
                <td>{item.title}{item.status === 'in-progress' && <span className="muted"> (in progress)</span>}</td>
                <td>{item.owner || <span className="muted">unassigned</span>}</td>
                <td>{item.deadline !== null ? formatDay(item.deadline) : <span className="muted">none</span>}{overdue && <span className="badge danger"> overdue</span>}</td>
                <td>
                  <span className={followUpOverdue ? 'badge warn' : 'muted'}>{formatDay(followUpDueAt)}</span>{' '}
                  <button type="button" aria-label={`Record follow-up of ${item.title}`}
                    onClick={() => void followUp.run(incidentId, item.id)}>Followed up</button>
                </td>
                <td>
                  <button type="button" className="link" onClick={() => openIncident(incidentId)}>{incidentTitle}</button>
                  {drill && <span className="badge"> drill</span>}{' '}
                  <button type="button" className="link" onClick={() => openReview(incidentId)} aria-label={`Review of ${incidentTitle}`}>review</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
