// The post-incident review of one incident: the plan's sections pre-filled from the incident, editable
// fields saved as events, action items, the breach record, review state and exports.
import { useMemo } from 'react';
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { formatInstant, handoverHeading } from '@shared/pir/markdown';
import { acknowledgementText, buildPir, minutesText, REVIEW_STATUS_FIELD, REVIEW_STATUSES, type PirModel, type ReviewStatus } from '@shared/pir/model';
import { parseDuration } from '@shared/time/duration';
import { useNow } from '../../core/useNow';
import { deviceTimeZone, formatDateTime } from '../../core/format';
import { useCommand } from '../../core/useCommand';
import { useIncidentPlan, useIncidentState } from '../../db/hooks';
import { ActionItemsEditor, TaskOffers } from '../actions';
import { BreachForm } from './BreachForm';
import { editPirField } from './commands';
import { ExportBar } from './ExportBar';
import { PirDocument } from './PirDocument';
import { PirFieldEditor } from './PirFieldEditor';
import './pir.css';

const STATUS_LABEL: Record<ReviewStatus, string> = { draft: 'Draft', 'in-review': 'In review', final: 'Final' };
const deviceZone = deviceTimeZone;

/** A target's verdict: pending while the milestone may still happen, "not recorded" once the incident is over. */
export function verdict(met: boolean | null, resolved: boolean): string {
  return met === null ? (resolved ? 'not recorded' : 'pending') : met ? 'met' : 'missed';
}

function ResponseFigures({ pir }: { pir: PirModel }) {
  return (
    <div className="pir-figures">
      <ul aria-label="Targets">
        <li>{acknowledgementText(pir, (ms) => formatInstant(ms, deviceZone()))}</li>
        {pir.targets.map((t) => (
          <li key={t.label}>
            {t.label}: <strong className={t.met === false ? 'missed' : t.met ? 'met' : ''}>{verdict(t.met, pir.resolvedAt !== null)}</strong>
            {t.targetMs !== null && <> (target {minutesText(t.targetMs)}{t.actualMs !== null ? `, took ${minutesText(t.actualMs)}` : ''})</>}
          </li>
        ))}
      </ul>
      <table aria-label="Update cadence compliance">
        <thead><tr><th>Audience</th><th>Owed</th><th>On time</th><th>Late</th><th>Missed</th></tr></thead>
        <tbody>
          {pir.cadence.map((c) => (
            <tr key={c.audience}><td>{c.audienceName}</td><td>{c.owed}</td><td>{c.onTime}</td><td>{c.late}</td><td>{c.missed}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReviewHeader({ state, plan, pir, now }: { state: IncidentState; plan: Plan; pir: PirModel; now: number }) {
  const dueAt = state.resolvedAt !== null ? state.resolvedAt + parseDuration(plan.timers.pirDueAfterResolution) : null;
  const setStatus = useCommand(editPirField);
  return (
    <header className="pir-header">
      <h2>Post-incident review: {state.title}</h2>
      <p className="muted">
        {state.severity ?? 'unclassified'} · detected {formatDateTime(state.detectedAt)}
        {state.resolvedAt !== null && <> · resolved {formatDateTime(state.resolvedAt)}</>}
        {state.drill && <> · <span className="badge">drill</span></>}
      </p>
      {state.resolvedAt === null && <p role="note" className="badge warn">The incident is not resolved yet: computed times are provisional.</p>}
      {dueAt !== null && pir.reviewStatus !== 'final' && (
        <p className={dueAt < now ? 'badge danger' : 'muted'}>Review due {formatDateTime(dueAt)} ({plan.pir.dueAfterResolutionText.toLowerCase()})</p>
      )}
      <label className="pir-status">Review status
        <select value={pir.reviewStatus} onChange={(e) => void setStatus.run(state.id, REVIEW_STATUS_FIELD, e.target.value)}>
          {REVIEW_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
        </select>
      </label>
      {setStatus.error && <p role="alert" className="error">{setStatus.error}</p>}
    </header>
  );
}

export function PirEditor({ incidentId }: { incidentId: string }) {
  const state = useIncidentState(incidentId);
  const plan = useIncidentPlan(state);
  const now = useNow(30_000);
  const timeZone = useMemo(deviceZone, []);
  const pir = useMemo(() => (state ? buildPir(state, plan, now) : null), [state, plan, now]);
  if (!state || !pir) return <p role="status">Loading review…</p>;
  if (!state.opened) return <p role="status">This incident has not been fully received yet.</p>;

  return (
    <div className="pir">
      <div className="pir-screen">
        <ReviewHeader state={state} plan={plan} pir={pir} now={now} />
        <ExportBar state={state} plan={plan} pir={pir} timeZone={timeZone} />
        {pir.sections.map((section) => (
          <section key={section.id} className="pir-section" aria-labelledby={`pir-section-${section.id}`}>
            <h3 id={`pir-section-${section.id}`}>{section.title}</h3>
            <p className="muted">{section.prompt}</p>
            {section.id === 'timeline' && (
              <>
                <ol className="pir-timeline" aria-label="Review timeline">
                  {pir.timeline.map((t, i) => (
                    <li key={`${t.eventId ?? t.source}-${i}`} className={`src-${t.source}`}>
                      <time dateTime={new Date(t.at).toISOString()}>{formatInstant(t.at, timeZone)}</time> {t.label}
                    </li>
                  ))}
                </ol>
                <p className="muted">Milestones come from the incident; star timeline entries in the console to add them here.</p>
              </>
            )}
            {section.id === 'action-items' && <><TaskOffers state={state} /><ActionItemsEditor incidentId={incidentId} state={state} plan={plan} now={now} /></>}
            {section.fields.length > 0 && (
              <div className="pir-fields">
                {section.fields.map((field) => <PirFieldEditor key={field.id} incidentId={incidentId} field={field} multiline={section.fields.length === 1} />)}
              </div>
            )}
            {section.id === 'response-effectiveness' && <ResponseFigures pir={pir} />}
          </section>
        ))}
        {pir.handovers.length > 0 && (
          <section className="pir-section" aria-labelledby="pir-section-handovers">
            <h3 id="pir-section-handovers">Command handover briefings (ICS-201)</h3>
            {pir.handovers.map((h) => (
              <article key={h.id} aria-label={`Handover ${handoverHeading(h, timeZone)}`}>
                <h4>{handoverHeading(h, timeZone)}</h4>
                <pre className="pir-briefing">{h.briefing}</pre>
              </article>
            ))}
          </section>
        )}
        {pir.breachApplies && <BreachForm state={state} plan={plan} now={now} />}
      </div>
      <PirDocument pir={pir} plan={plan} timeZone={timeZone} />
    </div>
  );
}
