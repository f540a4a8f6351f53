// The draft's values, section by section, each with the line it was read from (or marked as still to fill).
import type { ReactNode } from 'react';
import type { PlanDraft } from '@shared/plan/markdown/import';
import { LineLink } from './LineLink';
import { plural } from '../../core/format';


interface Props {
  draft: PlanDraft;
  onShow: (line: number) => void;
}

export function ReviewValues({ draft, onShow }: Props) {
  const { plan, sources } = draft;
  const flagged = new Set(draft.flags.map((f) => f.path));
  /** One value: its text, or "to fill" when the document did not state it, and its source line. */
  const v = (path: string, text: ReactNode) => (
    <span className="review-value">
      {flagged.has(path) ? <em className="to-fill">to fill</em> : text}
      <LineLink line={sources[path]} onShow={onShow} />
    </span>
  );
  const audience = (id: string) => plan.audiences.find((a) => a.id === id)?.name ?? id;
  return (
    <div className="review-values">
      <section aria-label="Imported plan details">
        <h3>Plan</h3>
        <dl>
          <dt>Name</dt><dd>{v('name', plan.name)}</dd>
          <dt>Organisation</dt><dd>{v('organisation', plan.organisation)}</dd>
          <dt>Version</dt><dd>{v('version', plan.version)}</dd>
          <dt>Scope</dt><dd>{v('scope', plan.scope)}</dd>
        </dl>
      </section>

      <section aria-label="Imported severities">
        <h3>Severities ({plan.severities.length})</h3>
        <table>
          <thead><tr><th>Level</th><th>Response</th><th>Resolution</th><th>Updates</th><th>Escalation checklist</th></tr></thead>
          <tbody>
            {plan.severities.map((s, i) => (
              <tr key={`${s.id}-${i}`}>
                <th scope="row">{v(`severities[${i}].label`, s.label)}<div className="muted">{v(`severities[${i}].definition`, s.definition)}</div></th>
                <td>{v(`severities[${i}].responseTarget`, s.responseTarget)}</td>
                <td>{v(`severities[${i}].resolutionTarget`, s.resolutionTarget)}</td>
                <td>{s.updateCadences.length === 0 ? <span className="muted">none</span> : s.updateCadences.map((c, j) => (
                  <div key={j}>{v(`severities[${i}].updateCadences[${j}]`, `${audience(c.audience)} every ${c.every}${c.firstAfter ? `, first after ${c.firstAfter}` : ''}`)}</div>
                ))}</td>
                <td>{v(`severities[${i}].escalationChecklist`, plural(s.escalationChecklist.length, 'item'))}
                  {s.escalationChecklist.length > 0 && <LineLink line={sources[`severities[${i}].escalationChecklist[0]`]} onShow={onShow} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-label="Imported steps">
        <h3>Steps ({plan.steps.length})</h3>
        <ul className="review-list">
          {plan.steps.map((s, i) => (
            <li key={`${s.id}-${i}`}>
              {v(`steps[${i}].title`, `${s.number}. ${s.title}`)}{' '}
              {s.dueWithin && <>due {v(`steps[${i}].dueWithin`, s.dueWithin)} from detection{' '}</>}
              <span className="muted">{s.usesSeverityEscalation ? 'escalation checklists per level' : `${plural(s.sections.length, 'checklist')}, ${plural(s.sections.reduce((n, x) => n + x.items.length, 0), 'item')}`}</span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-label="Imported timers">
        <h3>Timers</h3>
        <dl>
          <dt>Immediate mitigation</dt><dd>{v('timers.immediateMitigation', plan.timers.immediateMitigation)}</dd>
          <dt>Recurrence watch</dt><dd>{v('timers.recurrenceWatch', plan.timers.recurrenceWatch)}</dd>
          <dt>Review due after resolution</dt><dd>{v('timers.pirDueAfterResolution', plan.timers.pirDueAfterResolution)}</dd>
          <dt>Action item follow-up</dt><dd>{v('timers.actionItemFollowUp', plan.timers.actionItemFollowUp)}</dd>
          <dt>“Due soon” warning</dt><dd>{v('timers.dueSoonWithin', plan.timers.dueSoonWithin)}</dd>
        </dl>
      </section>

      <section aria-label="Imported team">
        <h3>Roles and rotation</h3>
        <ul className="review-list">
          {plan.roles.map((r, i) => (
            <li key={`${r.id}-${i}`}>{v(`roles[${i}].name`, r.name)}: responds within {v(`roles[${i}].responseTargets`, r.responseTargets.map((t) => `${t.within}${t.severity ? ` (${t.severity})` : ''}`).join(', '))}</li>
          ))}
          {plan.rotations.map((r, i) => (
            <li key={`rot-${i}`}>Rotation {v(`rotations[${i}].members`, r.members.join(' → '))}, handoff {v(`rotations[${i}].handoff.weekday`, r.handoff.weekday)} {v(`rotations[${i}].handoff.time`, r.handoff.time)}, first shift {v(`rotations[${i}].anchorDate`, r.anchorDate)}</li>
          ))}
        </ul>
      </section>

      <section aria-label="Imported scenarios, exercises and compliance">
        <h3>Scenarios, exercises, compliance</h3>
        <ul className="review-list">
          {plan.scenarios.map((s, i) => <li key={`sc-${i}`}>Scenario {v(`scenarios[${i}].title`, s.title)}, category {v(`scenarios[${i}].category`, s.category)}</li>)}
          {plan.exercises.map((x, i) => <li key={`ex-${i}`}>{v(`exercises[${i}].name`, x.name)}: {v(`exercises[${i}].frequencyText`, x.frequencyText)}</li>)}
          {plan.compliance.breachNotification && <li>{v('compliance.breachNotification.regulation', plan.compliance.breachNotification.regulation)}: notify within {v('compliance.breachNotification.window', plan.compliance.breachNotification.window)}</li>}
          <li>Review template: {plural(plan.pir.sections.length, 'section')}{plan.pir.sections[0] && <LineLink line={sources['pir.sections[0].title']} onShow={onShow} />}; contacts: {plan.contacts.length}</li>
        </ul>
      </section>
    </div>
  );
}
