// The Alerts triage view: groups that fire and wait for a person first (newest first), then those attached
// or silenced, then resolved ones saying when they resolved.
import { needsTriage } from '@shared/alerts/group';
import { onCallAt } from '@shared/oncall/rotation';
import { useNow } from '../../core/useNow';
import { useActiveIncidentList, useActivePlan } from '../../db/hooks';
import { AlertCard } from './AlertCard';
import { orderGroups, useAlertGroups } from './useAlertGroups';
import './alerts.css';
import { plural } from '../../core/format';

export function AlertsPage() {
  const groups = useAlertGroups();
  const plan = useActivePlan();
  const now = useNow(15_000);
  const incidents = (useActiveIncidentList() ?? []).filter((i) => i.opened && !i.drill)
    .sort((a, b) => b.lastActivityAt - a.lastActivityAt);
  const onCall = onCallAt(plan, 'on-call-engineer', now);
  if (!groups) return <p role="status">Loading alerts…</p>;
  const ordered = orderGroups(groups, now, needsTriage);
  const waiting = ordered.filter((g) => needsTriage(g, now)).length;
  return (
    <section className="alerts-page" aria-labelledby="alerts-title">
      <header className="alerts-top">
        <h2 id="alerts-title">Alerts</h2>
        <p className="muted" role="status">
          {waiting === 0 ? 'Nothing waits for triage.' : `${plural(waiting, 'firing group')} waiting for triage.`}
          {onCall && <> On call now: <strong>{onCall.member}</strong>.</>}
        </p>
      </header>
      {ordered.length === 0 && (
        <p className="muted">No alerts yet. Point Alertmanager or Grafana at this workspace's intake with an integration token (Server page, Team section).</p>
      )}
      <ol className="alert-list">
        {ordered.map((g) => <li key={g.id}><AlertCard group={g} plan={plan} now={now} incidents={incidents} /></li>)}
      </ol>
    </section>
  );
}
