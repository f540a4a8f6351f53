// Scenario runbooks attached to an incident (scenario.attached / detached): symptoms, investigation, mitigation, prevention.
import { useState } from 'react';
import { checkKey, type IncidentState } from '@shared/incident/state';
import type { Plan, Scenario } from '@shared/plan/schema';
import { runCommand } from '../../core/useCommand';
import { attachRunbook, detachRunbook } from './commands';
import { CheckItem } from './CheckItem';
import { stepProgress } from './items';
import { runbookSections, runbookStepId } from './runbook';

export function ScenarioRunbooks({ state, plan }: { state: IncidentState; plan: Plan }) {
  const attached = state.scenarioIds.map((id) => plan.scenarios.find((s) => s.id === id)).filter((s): s is Scenario => !!s);
  // Scenarios of the incident's category first: the likeliest runbooks on top.
  const available = plan.scenarios
    .filter((s) => !state.scenarioIds.includes(s.id))
    .sort((a, b) => Number(b.category === state.category) - Number(a.category === state.category) || a.number - b.number);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const selected = available.some((s) => s.id === choice) ? choice : (available[0]?.id ?? '');

  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    const outcome = await runCommand(fn);
    if (!outcome.ok) setError(outcome.failure?.message ?? null);
  };

  return (
    <div className="runbooks">
      <h3>Runbooks</h3>
      {available.length > 0 && (
        <div className="runbook-attach">
          <label>
            Runbook
            <select value={selected} onChange={(e) => setChoice(e.target.value)}>
              {available.map((s) => <option key={s.id} value={s.id}>{s.number}. {s.title}</option>)}
            </select>
          </label>
          <button type="button" disabled={!selected}
            onClick={() => void run(() => attachRunbook(state.id, selected))}>
            Attach runbook
          </button>
        </div>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      {attached.map((s) => {
        const stepId = runbookStepId(s.id);
        const sections = runbookSections(s);
        const progress = stepProgress(state, stepId, sections);
        return (
        <article key={s.id} className="runbook" aria-label={`Runbook: ${s.title}`}>
          <header>
            <h4>
              {s.title}{s.likelySeverity ? <span className="muted"> (likely {s.likelySeverity})</span> : null}
              <span className="step-progress" aria-label={`${progress.done} of ${progress.total} done`}> {progress.done}/{progress.total}</span>
            </h4>
            <button type="button" aria-label={`Detach runbook ${s.title}`}
              onClick={() => void run(() => detachRunbook(state.id, s.id))}>
              Detach
            </button>
          </header>
          <RunbookList title="Symptoms" items={s.symptoms} />
          {sections.map((section) => (
            <fieldset key={section.id} className="step-section runbook-part">
              <legend>{section.title}</legend>
              <ul>
                {section.items.map((item) => (
                  <CheckItem key={item.itemId} incidentId={state.id} stepId={stepId} itemId={item.itemId} text={item.text}
                    check={state.checks[checkKey(stepId, item.itemId)]} />
                ))}
              </ul>
            </fieldset>
          ))}
          <RunbookList title="Prevention" items={s.prevention} />
          {s.note && <p className="muted">{s.note}</p>}
        </article>
        );
      })}
    </div>
  );
}

function RunbookList({ title, items, ordered = false }: { title: string; items: string[]; ordered?: boolean }) {
  const List = ordered ? 'ol' : 'ul';
  return (
    <section className="runbook-part">
      <h5>{title}</h5>
      <List>{items.map((item, i) => <li key={i}>{item}</li>)}</List>
    </section>
  );
}
