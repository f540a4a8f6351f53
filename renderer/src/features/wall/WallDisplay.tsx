// Wall-display mode: one incident in war-room type sizes (clocks, severity, status, elapsed, roles, latest entries).
import { useMemo } from 'react';
import { computeClocks } from '@shared/clocks/clocks';
import type { Clock } from '@shared/clocks/types';
import { describeEvent } from '@shared/incident/describe';
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { formatDuration } from '@shared/time/duration';
import { useNow } from '../../core/useNow';
import { useUi } from '../../core/ui-store';
import { formatClockTime } from '../../core/format';
import { useActivePlan, useIncidentList, useIncidentPlan, useIncidentState } from '../../db/hooks';
import { useClockAlerts } from '../clocks';
import { CLOCK_STATE_LABEL } from '../clocks';
import { latestEntries, pickWallIncident, type WallCandidate } from './pick';
import './wall.css';

const STATE_ICON: Record<Clock['state'], string> = { ok: '●', 'due-soon': '▲', overdue: '■', met: '✓', missed: '✗' };

export function WallDisplay() {
  const selected = useUi((s) => (s.page === 'console' ? s.incidentId : null));
  const setWallDisplay = useUi((s) => s.setWallDisplay);
  const list = useIncidentList();
  const plan = useActivePlan();
  const tops = useClockAlerts((s) => s.tops);
  const candidates = useMemo<WallCandidate[]>(() => (list ?? []).map((s) => ({
    id: s.id, opened: s.opened, status: s.status, drill: s.drill, detectedAt: s.detectedAt, restricted: s.restricted === true,
    severityRank: plan.severities.find((d) => d.id === s.severity)?.rank ?? null,
    topClock: tops[s.id]?.clock ?? null,
  })), [list, plan, tops]);
  const incidentId = pickWallIncident(selected, candidates);
  return (
    <section className="wall" aria-label="Wall display">
      <button type="button" className="wall-exit" onClick={() => setWallDisplay(false)} aria-label="Leave wall display (Esc)">Leave wall display</button>
      {incidentId ? <WallIncident key={incidentId} incidentId={incidentId} />
        : <p className="wall-empty" role="status">{list ? 'No active incidents' : 'Loading…'}</p>}
    </section>
  );
}

function WallIncident({ incidentId }: { incidentId: string }) {
  const state = useIncidentState(incidentId);
  const plan = useIncidentPlan(state);
  const now = useNow(1000);
  if (!state) return <p className="wall-empty" role="status">Loading incident…</p>;
  const clocks = computeClocks(state, plan, now).filter((c) => c.active);
  return (
    <div className="wall-incident">
      {state.drill && <div className="wall-drill" role="note" aria-label="Drill banner">DRILL — this is an exercise, not a real incident</div>}
      {state.visibility.restricted && (
        <div className="wall-restricted" role="note" aria-label="Restricted banner">RESTRICTED — only its participants may see this screen</div>
      )}
      <WallHeader state={state} plan={plan} now={now} />
      <ul className="wall-clocks" aria-label="Wall clocks">
        {clocks.length === 0 && <li className="wall-muted">No running clocks</li>}
        {clocks.map((c) => <li key={c.id}><WallClock clock={c} /></li>)}
      </ul>
      <section className="wall-timeline" aria-label="Latest entries">
        <h3>Latest entries</h3>
        <ol>
          {latestEntries(state.timeline, 10).map((e) => (
            <li key={e.id} className={e.retracted ? 'retracted' : undefined}>
              <time dateTime={new Date(e.occurredAt).toISOString()}>{formatClockTime(e.occurredAt, false)}</time>
              <span className="wall-author">{e.actor.name}</span>
              <span className="wall-text">{e.type === 'entry.added' || e.kind === 'inject' ? e.text ?? '' : describeEvent(e.event, plan)}{e.retracted ? ' (retracted)' : ''}</span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function WallHeader({ state, plan, now }: { state: IncidentState; plan: Plan; now: number }) {
  const sev = plan.severities.find((s) => s.id === state.severity);
  const holders = plan.roles.filter((r) => state.roles[r.id]);
  return (
    <header className="wall-header">
      <div className="wall-title-row">
        <span className={`wall-sev wall-sev-rank-${Math.min(sev?.rank ?? 9, 3)}`} aria-label="Severity">{state.severity ? `${state.severity}${sev ? ` ${sev.name}` : ''}` : 'Unclassified'}</span>
        <h2 className="wall-title">{state.title}</h2>
      </div>
      <div className="wall-facts">
        <span aria-label="Status" className="wall-status">{state.status}</span>
        <span aria-label="Elapsed" className="wall-elapsed">{formatDuration((state.resolvedAt ?? now) - state.impactStartedAt)}</span>
        <span aria-label="Role holders" className="wall-roles">
          {holders.length ? holders.map((r) => `${r.name}: ${state.roles[r.id]?.person ?? ''}`).join(' · ') : 'No roles assigned'}
        </span>
      </div>
    </header>
  );
}

function WallClock({ clock }: { clock: Clock }) {
  const overdue = clock.remainingMs < 0;
  return (
    <article className={`wall-clock wall-clock-${clock.state}`} aria-label={clock.label}>
      <div className="wall-clock-label">{clock.label}</div>
      <div className="wall-clock-state"><span aria-hidden="true">{STATE_ICON[clock.state]} </span>{CLOCK_STATE_LABEL[clock.state]}</div>
      <div className="wall-clock-time" role="timer" aria-live="off">{overdue ? `+${formatDuration(-clock.remainingMs)}` : formatDuration(clock.remainingMs)}</div>
      <div className="wall-clock-due">{overdue ? 'overdue since' : 'due at'} {formatClockTime(clock.dueAt, false)}</div>
    </article>
  );
}
