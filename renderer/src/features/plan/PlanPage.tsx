// The team's response plan, readable, with its version and what changed; import a plan file (validated, errors
// with their path, nothing published on error) to publish it to the team, and export it.
import { useRef, useState, type ChangeEvent } from 'react';
import { onCallAt } from '@shared/oncall/rotation';
import { defaultPlan } from '@shared/plan/default-plan';
import { parsePlanText } from '@shared/plan/load';
import type { CalendarPeriod, Plan } from '@shared/plan/schema';
import { useNow } from '../../core/useNow';
import { useActivePlan, useTeam } from '../../db/hooks';
import { platform } from '../../platform';
import { formatDateTime } from '../../core/format';
import { useCommand } from '../../core/useCommand';
import { publishPlan } from './commands';
import { PlanImport } from './PlanImport';
import { PlanVersionPanel } from './PlanVersionPanel';
import './plan.css';
import { plural } from '../../core/format';

type Notice = { kind: 'ok' | 'error'; text: string; details?: string[] } | null;

const period = (p: CalendarPeriod) => `every ${plural(p.count, p.unit)}`;

export function PlanPage() {
  const plan = useActivePlan();
  const team = useTeam();
  const [notice, setNotice] = useState<Notice>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const result = parsePlanText(await file.text());
    if (!result.ok) {
      setNotice({ kind: 'error', text: `${file.name} was not imported; the current plan (${plan.name}, version ${plan.version}) stays active. Problems found:`, details: result.errors });
      return;
    }
    await publish(result.plan, `Imported ${result.plan.name}, version ${result.plan.version}`);
  };

  const publishCommand = useCommand(publishPlan);
  const publish = async (next: Plan, what: string) => {
    const outcome = await publishCommand.run(next);
    if (outcome.ok) setNotice({ kind: 'ok', text: `${what}: published to the team as the next plan version. New incidents use it; open incidents keep theirs until their IC adopts it.` });
    else if (outcome.failure) setNotice({ kind: 'error', text: `Could not publish the plan; the current plan stays active: ${outcome.failure.message}`, ...(outcome.failure.details ? { details: outcome.failure.details } : {}) });
  };

  const exportPlan = async () => {
    const name = `${plan.id}-${plan.version}.json`.replace(/[^A-Za-z0-9._-]+/g, '-');
    const result = await platform.saveFile({ suggestedName: name, filters: [{ name: 'Plan (JSON)', extensions: ['json'] }], content: `${JSON.stringify(plan, null, 2)}\n` });
    if (result.saved) setNotice({ kind: 'ok', text: `Exported the plan${result.path ? ` to ${result.path}` : ` as ${name}`}.` });
  };

  const resetPlan = () => publish(defaultPlan, `The built-in plan (${defaultPlan.name}, version ${defaultPlan.version})`);

  return (
    <div className="plan-page">
      <header className="plan-header">
        <h1>{plan.name}</h1>
        <p className="muted">{plan.organisation} · version {plan.version} · last updated {plan.lastUpdated}</p>
        <div className="plan-toolbar">
          <button type="button" onClick={() => fileInput.current?.click()}>Import plan file…</button>
          <input ref={fileInput} type="file" accept=".json,application/json" className="visually-hidden" aria-label="Import plan file" onChange={(e) => void importFile(e)} />
          <button type="button" onClick={() => void exportPlan()}>Export plan</button>
          <button type="button" onClick={() => void resetPlan()}>Publish the built-in plan</button>
        </div>
      </header>
      <PlanImport active={plan} />
      {notice && (
        <div role={notice.kind === 'error' ? 'alert' : 'status'} className={`plan-notice ${notice.kind}`}>
          <p>{notice.text}</p>
          {notice.details && <ul className="plan-errors">{notice.details.map((d, i) => <li key={i}><code>{d}</code></li>)}</ul>}
          <button type="button" onClick={() => setNotice(null)} aria-label="Dismiss message">Dismiss</button>
        </div>
      )}
      {team && <PlanVersionPanel team={team} />}
      <PlanBody plan={plan} />
    </div>
  );
}

function PlanBody({ plan }: { plan: Plan }) {
  const now = useNow(60_000);
  const audience = (id: string) => plan.audiences.find((a) => a.id === id)?.name ?? id;
  return (
    <div className="plan-body">
      <section aria-label="Overview">
        <h2>Overview</h2>
        <p>{plan.overview}</p>
        <p><strong>Scope:</strong> {plan.scope}</p>
      </section>

      <section aria-label="Severities">
        <h2>Severities</h2>
        <div className="table-wrap">
          <table>
            <thead><tr><th>Level</th><th>Definition</th><th>Response</th><th>Resolution</th><th>Updates</th><th>Escalation</th></tr></thead>
            <tbody>
              {[...plan.severities].sort((a, b) => a.rank - b.rank).map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.label}</th>
                  <td>{s.definition}{s.examples.length > 0 && <ul>{s.examples.map((e) => <li key={e}>{e}</li>)}</ul>}</td>
                  <td>{s.responseTargetText} <span className="muted">({s.responseTarget})</span></td>
                  <td>&lt; {s.resolutionTarget}</td>
                  <td>{s.updateCadences.length === 0 ? 'none fixed' : s.updateCadences.map((c) => (
                    <div key={c.audience}>{audience(c.audience)}: every {c.every}{c.firstAfter ? `, first after ${c.firstAfter}` : ''}</div>
                  ))}</td>
                  <td>{s.escalation}<ol>{s.escalationChecklist.map((e) => <li key={e}>{e}</li>)}</ol></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-label="Response steps">
        <h2>Response steps</h2>
        {[...plan.steps].sort((a, b) => a.number - b.number).map((step) => (
          <details key={step.id}>
            <summary>{step.number}. {step.title}</summary>
            <p>{step.summary}</p>
            {step.usesSeverityEscalation && <p className="muted">Uses the escalation checklist of the incident's severity (see Severities).</p>}
            {step.sections.map((sec) => (
              <div key={sec.id}><h4>{sec.title}</h4><ul>{sec.items.map((i) => <li key={i.id}>{i.text}</li>)}</ul></div>
            ))}
          </details>
        ))}
      </section>

      <section aria-label="Scenarios">
        <h2>Scenarios</h2>
        {plan.scenarios.map((s) => (
          <details key={s.id}>
            <summary>{s.number}. {s.title} <span className="muted">({plan.categories.find((c) => c.id === s.category)?.name ?? s.category}{s.likelySeverity ? `, likely ${s.likelySeverity}` : ''})</span></summary>
            {(['symptoms', 'investigation', 'mitigation', 'prevention'] as const).map((k) => (
              <div key={k}><h4>{k[0]?.toUpperCase()}{k.slice(1)}</h4><ul>{s[k].map((x) => <li key={x}>{x}</li>)}</ul></div>
            ))}
          </details>
        ))}
      </section>

      <section aria-label="Roles">
        <h2>Roles</h2>
        <ul className="plan-roles">
          {plan.roles.map((r) => (
            <li key={r.id}>
              <strong>{r.name}</strong>: {r.responsibilities} <span className="muted">Coverage: {r.coverage}. Responds within {r.responseTargets.map((t) => `${t.within}${t.severity ? ` (${t.severity})` : ''}`).join(', ')}.</span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-label="Rotations">
        <h2>On-call rotations</h2>
        {plan.rotations.length === 0 && <p className="muted">None.</p>}
        <ul>
          {plan.rotations.map((r) => {
            const who = onCallAt(plan, r.roleId, now);
            return (
              <li key={r.id}>
                <strong>{plan.roles.find((x) => x.id === r.roleId)?.name ?? r.roleId}</strong>: {r.members.join(' → ')}, {r.lengthDays}-day shifts,
                handoff {r.handoff.weekday} {r.handoff.time} ({r.handoff.timeZone}), first shift {r.anchorDate}.
                {who && <> Now: <strong>{who.member}</strong> until {formatDateTime(who.shiftEnd)}; next {who.next.member}.</>}
                {r.note && <div className="muted">{r.note}</div>}
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-label="Communication">
        <h2>Communication</h2>
        <p>Bridge: {plan.communication.bridge} · Channel: {plan.communication.channel}</p>
        <p>Update channels: {plan.communication.updateChannels.join(', ')}</p>
        <p>Status page fields: {plan.communication.statusPageFields.join(', ')}</p>
      </section>

      <section aria-label="Timers">
        <h2>Timers</h2>
        <ul>
          <li>Immediate mitigation within {plan.timers.immediateMitigation}</li>
          <li>Recurrence watch {plan.timers.recurrenceWatch}</li>
          <li>Post-incident review {plan.pir.dueAfterResolutionText.toLowerCase()} ({plan.timers.pirDueAfterResolution})</li>
          <li>Action item follow-up after {plan.timers.actionItemFollowUp}</li>
          <li>Clocks turn “due soon” {plan.timers.dueSoonWithin} before they are due</li>
        </ul>
      </section>

      <section aria-label="Compliance">
        <h2>Compliance</h2>
        {plan.compliance.breachNotification ? (
          <>
            <p>
              {plan.compliance.breachNotification.regulation}: notify within {plan.compliance.breachNotification.window} of discovery
              (categories: {plan.compliance.breachNotification.appliesToCategories.join(', ')}).
            </p>
            <ol>{plan.compliance.breachNotification.steps.map((s) => <li key={s}>{s}</li>)}</ol>
          </>
        ) : <p>No notification deadline: the plan states none, so no notification clock runs.</p>}
        <p>
          Retention: at least {plural(plan.compliance.retention.minimum.count, plan.compliance.retention.minimum.unit)} in {plan.compliance.retention.store},
          reviewed {period(plan.compliance.retention.review)}. Includes: {plan.compliance.retention.include.join(', ')}.
        </p>
      </section>

      <section aria-label="Exercises">
        <h2>Exercises</h2>
        <ul>{plan.exercises.map((x) => <li key={x.name}><strong>{x.name}</strong> ({x.kind}): {x.frequencyText}, {x.durationMin}–{x.durationMax}. {x.participants}</li>)}</ul>
      </section>
    </div>
  );
}
