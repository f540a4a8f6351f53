// The incident list: active incidents first (severity, status, elapsed, most urgent clock), then
// resolved and closed ones, and drills in their own section.
import { memo } from 'react';
import { computeClocks, mostUrgent } from '@shared/clocks/clocks';
import type { Clock } from '@shared/clocks/types';
import type { Plan } from '@shared/plan/schema';
import { formatDuration } from '@shared/time/duration';
import { useUi } from '../../core/ui-store';
import { useNow } from '../../core/useNow';
import { formatDateTime, plural } from '../../core/format';
import { SeverityBadge, StatusBadge } from '../../components/SeverityBadge';
import { useActivePlan, useIncidentList, useIncidentPlan, useIncidentState } from '../../db/hooks';
import type { IncidentSummary } from '../../db/types';
import { eventsOf, isDone } from '../../db/summary';
import { RestrictedBadge, RestrictedIncidents } from '../visibility';
import './incidents.css';

function rankOf(plan: Plan, severity: string | null): number {
  return plan.severities.find((s) => s.id === severity)?.rank ?? Number.MAX_SAFE_INTEGER;
}

function clockText(clock: Clock | null): string {
  if (!clock) return '—';
  const left = clock.remainingMs < 0 ? `overdue by ${formatDuration(-clock.remainingMs)}` : `in ${formatDuration(clock.remainingMs)}`;
  return `${clock.label}: ${left}`;
}

/** The incident's most urgent clock, judged by the plan the incident runs on (its pinned plan). */
function UrgentClock({ incidentId, now }: { incidentId: string; now: number }) {
  const state = useIncidentState(incidentId);
  const plan = useIncidentPlan(state);
  if (!state) return <span className="muted">…</span>;
  const clock = mostUrgent(computeClocks(state, plan, now));
  return <span className={`clock-chip clock-${clock?.state ?? 'none'}`}>{clockText(clock)}</span>;
}

/**
 * One row. Memoised, and given the time only when it shows elapsed time and a clock (an active incident): the list
 * ticks every second, and a resolved or closed row, which shows neither, is not rendered again for it. Years of
 * closed incidents cost nothing a second.
 */
const Row = memo(function Row({ s, plan, now, live }: { s: IncidentSummary; plan: Plan; now: number; live: boolean }) {
  const openIncident = useUi((u) => u.openIncident);
  return (
    <tr>
      <td><SeverityBadge plan={plan} severity={s.severity} /></td>
      <td>
        <button type="button" className="link" onClick={() => openIncident(s.id)}>{s.title}</button>
        {' '}<RestrictedBadge restricted={s.restricted === true} />
      </td>
      <td><StatusBadge status={s.status} /></td>
      <td>{live ? formatDuration(now - s.impactStartedAt) : formatDateTime(s.lastActivityAt)}</td>
      <td>{live ? <UrgentClock incidentId={s.id} now={now} /> : <span className="muted">{plural(eventsOf(s), 'event')}{s.unread !== undefined ? ' · on the server' : ''}</span>}</td>
    </tr>
  );
});

function Section({ title, rows, plan, now, live, empty }: { title: string; rows: IncidentSummary[]; plan: Plan; now: number; live: boolean; empty: string }) {
  return (
    <section aria-label={title} className="incident-section">
      <h2>{title}</h2>
      {rows.length === 0 ? <p className="muted">{empty}</p> : (
        <table className="incident-table">
          <thead>
            <tr><th scope="col">Severity</th><th scope="col">Incident</th><th scope="col">Status</th><th scope="col">{live ? 'Elapsed' : 'Last activity'}</th><th scope="col">{live ? 'Most urgent clock' : 'Events'}</th></tr>
          </thead>
          <tbody>{rows.map((s) => <Row key={s.id} s={s} plan={plan} now={live ? now : 0} live={live} />)}</tbody>
        </table>
      )}
    </section>
  );
}

export function IncidentList() {
  const list = useIncidentList();
  const plan = useActivePlan();
  const now = useNow(1000);
  if (!list) return <p role="status">Loading incidents…</p>;
  const opened = list.filter((s) => s.opened);
  const real = opened.filter((s) => !s.drill);
  const active = real.filter((s) => !isDone(s))
    .sort((a, b) => rankOf(plan, a.severity) - rankOf(plan, b.severity) || a.detectedAt - b.detectedAt);
  const done = real.filter(isDone).sort((a, b) => b.lastActivityAt - a.lastActivityAt);
  const drills = opened.filter((s) => s.drill).sort((a, b) => Number(isDone(a)) - Number(isDone(b)) || b.lastActivityAt - a.lastActivityAt);
  return (
    <div className="incident-list">
      <Section title="Active incidents" rows={active} plan={plan} now={now} live empty="No active incidents. Press n to declare one." />
      <Section title="Resolved and closed" rows={done} plan={plan} now={now} live={false} empty="None yet." />
      <Section title="Drills" rows={drills} plan={plan} now={now} live={false} empty="No drills recorded." />
      <RestrictedIncidents />
    </div>
  );
}
