// The debrief scorecard of a drill, and the drill report export (Markdown, through the PIR export).
import { useState } from 'react';
import { drillReportMarkdown, exerciseTimeText } from '@shared/drills/report-markdown';
import { drillScorecard } from '@shared/drills/scorecard';
import { exerciseClock } from '@shared/drills/schedule';
import { useNow } from '../../core/useNow';
import { useIncidentPlan, useIncidentState } from '../../db/hooks';
import { platform } from '../../platform';
import { useDrillUi } from './drill-ui-store';
import { findScript, useScripts } from './script-store';
import './drills.css';

const yesNo = (v: boolean | null) => (v === null ? 'n/a' : v ? 'Yes' : 'No');

export function DebriefPage({ incidentId }: { incidentId: string }) {
  const state = useIncidentState(incidentId);
  const plan = useIncidentPlan(state);
  const scripts = useScripts();
  const now = useNow(1000);
  const show = useDrillUi((s) => s.show);
  const [saved, setSaved] = useState<string | null>(null);
  if (!state) return <p role="status">Loading drill…</p>;
  if (!state.drill) return <p role="alert">This incident is not a drill.</p>;
  const script = findScript(scripts, exerciseClock(state.exercise.controls, now).scriptId);
  const card = drillScorecard(state, plan, script, now);
  const audience = (id: string) => plan.audiences.find((a) => a.id === id)?.name ?? id;
  const exportReport = async () => {
    const md = drillReportMarkdown(state, card, plan, now);
    const date = new Date(card.startedAt ?? state.detectedAt).toISOString().slice(0, 10);
    const result = await platform.saveFile({ suggestedName: `DRILL-report-${date}-${state.id.slice(0, 8)}.md`, content: md, filters: [{ name: 'Markdown', extensions: ['md'] }] });
    setSaved(result.saved ? `Drill report saved${result.path ? ` to ${result.path}` : ''}.` : 'Export cancelled.');
  };
  const figures: Array<[string, string]> = [
    ['Exercise time', exerciseTimeText(card.exerciseDurationMs) + (card.endedAt === null ? ' (still running)' : '')],
    ['Time to classify', `${exerciseTimeText(card.timeToClassify)}${card.firstSeverity ? ` (${card.firstSeverity})` : ''}`],
    ['Severity', `${card.finalSeverity ?? 'none'} (expected ${card.expectedSeverity ?? 'n/a'})`],
    ['Severity matched', yesNo(card.severityMatched)],
    ...Object.entries(card.timeToFirstUpdate).map(([id, ms]): [string, string] => [`Time to first ${audience(id).toLowerCase()} update`, exerciseTimeText(ms)]),
    ...card.cadence.map((c): [string, string] => [`${audience(c.audience)} update cadence`, `${c.onTime} of ${c.owed} on time (${c.late} late, ${c.missed} missed)`]),
    ['Roles filled', `${card.rolesFilled} of ${card.roles.length}`],
    ['Clock breaches', String(card.clockBreaches.length)],
  ];
  return (
    <div className="drill-debrief">
      <header className="drill-header">
        <span className="badge drill">DRILL</span>
        <h2>Debrief: {state.title}</h2>
        <div className="actions">
          <button type="button" className="primary" onClick={() => void exportReport()}>Export drill report</button>
          <button type="button" onClick={() => show({ kind: 'facilitate', incidentId })}>Facilitator view</button>
          <button type="button" onClick={() => show({ kind: 'home' })}>Back to drills</button>
        </div>
      </header>
      {saved && <p role="status">{saved}</p>}
      <table className="scorecard" aria-label="Scorecard">
        <tbody>{figures.map(([k, v]) => <tr key={k}><th scope="row">{k}</th><td>{v}</td></tr>)}</tbody>
      </table>
      <section className="panel" aria-label="Checklist completion">
        <h3>Checklist completion</h3>
        <table className="scorecard">
          <tbody>{card.steps.map((s) => <tr key={s.stepId}><th scope="row">{s.title}</th><td>{s.done}/{s.total}</td></tr>)}</tbody>
        </table>
      </section>
      <section className="panel" aria-label="Clock breaches">
        <h3>Clock breaches</h3>
        {card.clockBreaches.length === 0 ? <p>None.</p> : (
          <ul>{card.clockBreaches.map((b) => <li key={b.id}>{b.label}: {b.completedAt !== null ? `done ${exerciseTimeText(b.lateByMs)} late` : `open ${exerciseTimeText(b.lateByMs)} past due`}</li>)}</ul>
        )}
      </section>
      <section className="panel" aria-label="Roles">
        <h3>Roles</h3>
        <ul>{card.roles.map((r) => <li key={r.roleId}>{r.name}: {r.person ? `${r.person} (after ${exerciseTimeText(r.filledAfterMs)})` : 'not filled'}</li>)}</ul>
      </section>
      <section className="panel" aria-label="Injects and expected responses">
        <h3>Injects and expected responses</h3>
        {card.injects.length === 0 && <p>No injects fired.</p>}
        {card.injects.map((i) => (
          <div key={i.injectId} className="inject-score">
            <h4>T+{exerciseTimeText(i.firedAtMs)}: {i.title}</h4>
            <ul>
              {i.severity && <li>Severity {i.severity.expected}: {i.severity.met ? 'met' : `not met (${i.severity.actual ?? 'none'})`}</li>}
              {i.checklist.map((c) => <li key={`${c.stepId}:${c.itemId}`}>{c.stepTitle}: {c.itemText}: {c.met ? `done after ${exerciseTimeText(c.afterMs)}` : 'not done'}</li>)}
              {i.updates.map((u) => <li key={u.audience}>Update to {audience(u.audience).toLowerCase()}: {u.met ? `posted after ${exerciseTimeText(u.afterMs)}` : 'not posted'}</li>)}
            </ul>
          </div>
        ))}
      </section>
      {card.observations.length > 0 && (
        <section className="panel" aria-label="Facilitator observations">
          <h3>Facilitator observations</h3>
          <ul>{card.observations.map((o, n) => <li key={n}>{o.by}: {o.text}</li>)}</ul>
        </section>
      )}
    </div>
  );
}
