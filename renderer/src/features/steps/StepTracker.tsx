// The plan's steps as checklists: each check is a step.checked / step.unchecked event, with who and when.
import { useId, useMemo, useState } from 'react';
import { checkKey, type IncidentState } from '@shared/incident/state';
import type { Plan, Step } from '@shared/plan/schema';
import { useIncidentPlan, useIncidentState } from '../../db/hooks';
import { CheckItem } from './CheckItem';
import { stepProgress, stepSections, type StepSection } from './items';
import { ScenarioRunbooks } from './ScenarioRunbooks';
import './steps.css';

export function StepTracker({ incidentId }: { incidentId: string }) {
  const state = useIncidentState(incidentId);
  const plan = useIncidentPlan(state);
  if (!state) return <section className="panel steps" aria-label="Steps"><h2>Steps</h2><p>Loading…</p></section>;
  return <StepList state={state} plan={plan} />;
}

function StepList({ state, plan }: { state: IncidentState; plan: Plan }) {
  const steps = useMemo(() => [...plan.steps].sort((a, b) => a.number - b.number), [plan]);
  const rows = steps.map((step) => {
    const sections = stepSections(plan, step, state.severity);
    return { step, sections, progress: stepProgress(state, step.id, sections) };
  });
  const firstOpen = rows.find((r) => r.progress.done < r.progress.total)?.step.id ?? null;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(firstOpen ? [firstOpen] : []));
  const toggle = (id: string) => setExpanded((prev) => {
    const next = new Set(prev);
    if (next.has(id)) next.delete(id); else next.add(id);
    return next;
  });
  return (
    <section className="panel steps" aria-label="Steps">
      <h2>Steps</h2>
      <ol className="steps-list">
        {rows.map(({ step, sections, progress }) => (
          <StepRow key={step.id} step={step} sections={sections} progress={progress} state={state} plan={plan}
            open={expanded.has(step.id)} onToggle={() => toggle(step.id)} />
        ))}
      </ol>
      <ScenarioRunbooks state={state} plan={plan} />
    </section>
  );
}

interface StepRowProps {
  step: Step;
  sections: StepSection[];
  progress: { done: number; total: number };
  state: IncidentState;
  plan: Plan;
  open: boolean;
  onToggle(): void;
}

function StepRow({ step, sections, progress, state, plan, open, onToggle }: StepRowProps) {
  const bodyId = useId();
  const complete = progress.total > 0 && progress.done === progress.total;
  return (
    <li className={`step${complete ? ' step-complete' : ''}`}>
      <button type="button" className="step-toggle" aria-expanded={open} aria-controls={bodyId} onClick={onToggle}>
        <span className="step-title">{step.number}. {step.title}</span>
        <span className="step-progress" aria-label={`${progress.done} of ${progress.total} done`}>{progress.done}/{progress.total}</span>
      </button>
      {open && (
        <div id={bodyId} className="step-body">
          <p className="step-summary">{step.summary}</p>
          {step.usesSeverityEscalation && sections.length === 0 && (
            <p className="muted">Classify the incident (choose a severity) to see its escalation checklist.</p>
          )}
          {sections.map((section) => (
            <fieldset key={section.id} className="step-section">
              <legend>{section.title}</legend>
              <ul>
                {section.items.map((item) => (
                  <CheckItem key={item.itemId} incidentId={state.id} stepId={step.id} itemId={item.itemId} text={item.text}
                    note={item.note} check={state.checks[checkKey(step.id, item.itemId)]} />
                ))}
              </ul>
            </fieldset>
          ))}
          {step.usesSeverityEscalation && state.severity && (
            <p className="muted step-escalation-note">{plan.severities.find((s) => s.id === state.severity)?.escalation}</p>
          )}
        </div>
      )}
    </li>
  );
}
