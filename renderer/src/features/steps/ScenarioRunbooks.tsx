// Scenario runbooks attached to an incident (scenario.attached / detached): symptoms, investigation, mitigation, prevention.
import { useId, useState } from 'react';
import { checkKey, type IncidentState } from '@shared/incident/state';
import type { Plan, Scenario } from '@shared/plan/schema';
import { runCommand } from '../../core/useCommand';
import { useAttachedGroups } from '../alerts';
import { attachRunbook, detachRunbook } from './commands';
import { CheckItem } from './CheckItem';
import { stepProgress } from './items';
import { runbookChoices, runbookSections, runbookStepId } from './runbook';

export function ScenarioRunbooks({ state, plan }: { state: IncidentState; plan: Plan }) {
  const alerts = useAttachedGroups(state.id);
  const attached = state.scenarioIds.map((id) => plan.scenarios.find((s) => s.id === id)).filter((s): s is Scenario => !!s);
  const choices = runbookChoices(plan, state, alerts);
  const available = [...choices.matching, ...choices.others];
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const noteId = useId();
  // The commander's pick while it is still offered, else the suggestion (or nothing: no unexplained default).
  const selected = available.some((s) => s.id === choice) ? choice : (choices.suggested?.id ?? '');
  const option = (s: Scenario) => <option key={s.id} value={s.id}>{s.number}. {s.title}</option>;
  const category = plan.categories.find((c) => c.id === state.category)?.name ?? state.category;

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
            <select value={selected} onChange={(e) => setChoice(e.target.value)} aria-describedby={noteId}>
              {!selected && <option value="">Choose a runbook…</option>}
              {choices.matching.length > 0
                ? <>
                  <optgroup label={`Matches the incident's category (${category})`}>{choices.matching.map(option)}</optgroup>
                  {choices.others.length > 0 && <optgroup label="Other runbooks">{choices.others.map(option)}</optgroup>}
                </>
                : available.map(option)}
            </select>
          </label>
          <button type="button" disabled={!selected}
            onClick={() => void run(() => attachRunbook(state.id, selected))}>
            Attach runbook
          </button>
          <p id={noteId} className="muted runbook-why">
            {choices.suggested && selected === choices.suggested.id
              ? `Suggested because it ${choices.reason}.`
              : state.category ? 'Listed in the plan\'s order, the incident\'s category first.' : 'Listed in the plan\'s order; classify the category to get a suggestion.'}
          </p>
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
