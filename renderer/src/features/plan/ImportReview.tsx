// The review of an imported Markdown plan: values to fill (each with an input of its shape and, where there is one,
// a suggestion the user may accept), what the plan does not have and what that means, the problems, the draft's
// values, the document beside them, and publishing only after the user confirms a draft that validates.
import { useMemo, useRef, useState } from 'react';
import type { Plan } from '@shared/plan/schema';
import { errorsByFlag, fillDraft, flagKind, suggestionFor, validateFilled, type Answer, type Answers } from '@shared/plan/markdown/fill';
import { planGaps } from '@shared/plan/markdown/gaps';
import type { PlanDraft } from '@shared/plan/markdown/import';
import type { FlaggedValue } from '@shared/plan/markdown/problems';
import { FlagInput } from './FlagInput';
import { useCommand } from '../../core/useCommand';
import { publishImportedPlan } from './commands';
import { LineLink } from './LineLink';
import { ReviewValues } from './ReviewValues';

interface Props {
  draft: PlanDraft;
  source: { name: string; text: string };
  active: Plan;
  onPublished: (plan: Plan) => void;
  onDiscard: () => void;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const fieldId = (path: string) => `fill-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

/** The flags grouped by the part of the plan they belong to, in the plan's order. */
const GROUPS: [string, RegExp][] = [
  ['Severity levels', /^severities/],
  ['Response steps', /^steps/],
  ['Roles', /^roles/],
  ['Updates and communication', /^(audiences|communication)/],
  ['Timers', /^timers/],
  ['Classification', /^categories/],
  ['Post-incident review', /^pir/],
  ['Compliance', /^compliance/],
  ['Plan details', /^(name|organisation|version|lastUpdated|scope|overview)$/],
];
const groupOf = (f: FlaggedValue) => GROUPS.find(([, re]) => re.test(f.path))?.[0] ?? 'Other values';

export function ImportReview({ draft, source, active, onPublished, onDiscard }: Props) {
  const [answers, setAnswers] = useState<Answers>({});
  const [shown, setShown] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [incomplete, setIncomplete] = useState<ReturnType<typeof errorsByFlag> | null>(null);
  const documentPane = useRef<HTMLOListElement>(null);
  const lines = useMemo(() => source.text.split(/\r?\n/), [source.text]);
  const publish = useCommand(publishImportedPlan);
  const gaps = useMemo(() => planGaps(fillDraft(draft, answers)), [draft, answers]);
  const times = draft.problems.filter((p) => p.time !== undefined);
  const problems = draft.problems.filter((p) => p.time === undefined);
  const groups = GROUPS.map(([name]) => name).concat('Other values').map((name) => ({ name, flags: draft.flags.filter((f) => groupOf(f) === name) })).filter((g) => g.flags.length);

  const show = (line: number) => {
    setShown(line);
    // Scroll the document pane only (not the page), so the value the user clicked stays in view.
    const pane = documentPane.current;
    const row = pane?.querySelector<HTMLElement>(`[data-line="${line}"]`);
    if (pane && row) pane.scrollTop = row.offsetTop - pane.clientHeight / 2; // the pane is positioned: offsets are its own
  };

  const answer = (path: string, value: Answer) => setAnswers((a) => ({ ...a, [path]: value }));

  const askToPublish = () => {
    const result = validateFilled(draft, answers);
    if (!result.ok) {
      setIncomplete(errorsByFlag(draft, result.errors));
      return;
    }
    setIncomplete(null);
    setConfirming(true);
  };

  const confirm = async () => {
    const out = await publish.run(draft, answers, source.name);
    if (out.ok) onPublished(out.value);
    else setConfirming(false);
  };

  const remaining = incomplete ? Object.keys(incomplete.byFlag).length + incomplete.other.length : 0;
  return (
    <section aria-label="Import review" className="import-review">
      <header>
        <h2>Review imported plan: {draft.plan.name || source.name}</h2>
        <p className="muted">Read from {source.name}. Nothing changes until you publish; the active plan stays {active.name}, version {active.version}.</p>
      </header>
      <div className="import-columns">
        <div className="import-form">
          {draft.flags.length > 0 && (
            <fieldset className="import-flags">
              <legend>Values to fill ({draft.flags.length}): the document does not state them</legend>
              <p className="muted">Suggestions are never filled in for you: use one only if it is right for your organisation.</p>
              {groups.map((g) => (
                <fieldset key={g.name} className="flag-group">
                  <legend>{g.name} ({g.flags.length})</legend>
                  {g.flags.map((f) => {
                    const kind = flagKind(draft, f.path);
                    const id = fieldId(f.path);
                    const suggestion = suggestionFor(draft, f);
                    const errors = incomplete?.byFlag[f.path];
                    return (
                      <div key={f.path} className={errors ? 'import-flag invalid' : 'import-flag'}>
                        <label id={`${id}-label`} htmlFor={id}>{capital(f.label)}</label> <LineLink line={f.line} onShow={show} />
                        <FlagInput id={id} kind={kind} label={capital(f.label)} value={answers[f.path]} onChange={(v) => answer(f.path, v)} describedBy={`${id}-fix${errors ? ` ${id}-error` : ''}`} />
                        {f.stated && <p className="muted">The document says: “{f.stated}”</p>}
                        <p id={`${id}-fix`} className="muted">{f.fix}</p>
                        {suggestion && (
                          <p className="suggestion">
                            Suggestion ({suggestion.from}): <strong>{suggestion.text}</strong>{' '}
                            <button type="button" onClick={() => answer(f.path, suggestion.answer)} aria-label={`Use the suggestion for ${capital(f.label)}: ${suggestion.text}`}>Use suggestion</button>
                          </p>
                        )}
                        {errors && <p id={`${id}-error`} className="flag-error">Still to fix: {errors.join('; ')}</p>}
                      </div>
                    );
                  })}
                </fieldset>
              ))}
            </fieldset>
          )}
          {gaps.length > 0 && (
            <section aria-label="What this plan does not have" className="import-gaps">
              <h3>What this plan does not have ({gaps.length})</h3>
              <p className="muted">The console runs only what the plan states; nothing is taken from the built-in plan.</p>
              <ul>{gaps.map((g) => <li key={g.what}><strong>{g.what}</strong>: {g.means}.</li>)}</ul>
            </section>
          )}
          {problems.length > 0 && (
            <section aria-label="Problems" className="import-problems">
              <h3>Problems ({problems.length})</h3>
              <ul>
                {problems.map((p, i) => (
                  <li key={i}><LineLink line={p.line} onShow={show} /> {capital(p.message)}. <span className="muted">Fix: {p.fix}</span></li>
                ))}
              </ul>
            </section>
          )}
          {times.length > 0 && (
            <details className="import-problems">
              <summary>Times the document states that the plan has no clock for ({times.length})</summary>
              <ul aria-label="Times the plan has no clock for">
                {times.map((p, i) => <li key={i}><LineLink line={p.line} onShow={show} /> {capital(p.message)}.</li>)}
              </ul>
            </details>
          )}
          <ReviewValues draft={draft} onShow={show} />
          {incomplete && remaining > 0 && (
            <div role="alert" className="plan-notice error">
              <p>The plan cannot be published yet: {remaining} {remaining === 1 ? 'value' : 'values'} to fill or correct, each marked at its input above.</p>
              <ul className="plan-errors">
                {Object.keys(incomplete.byFlag).map((path) => <li key={path}><a href={`#${fieldId(path)}`}>{capital(draft.flags.find((f) => f.path === path)?.label ?? path)}</a></li>)}
                {incomplete.other.map((e) => <li key={e}><code>{e}</code> (edit the document and import it again)</li>)}
              </ul>
            </div>
          )}
          {publish.error && <p role="alert" className="plan-notice error">{publish.error}</p>}
          <div className="import-actions">
            {confirming ? (
              <div role="group" aria-label="Confirm publishing">
                <p>Replace the active plan ({active.name}, version {active.version}) with {draft.plan.name}, version {fillDraft(draft, answers).version}?</p>
                <button type="button" className="primary" disabled={publish.pending} onClick={() => void confirm()}>Confirm publish</button>
                <button type="button" onClick={() => setConfirming(false)}>Back to review</button>
              </div>
            ) : (
              <button type="button" className="primary" onClick={askToPublish}>Publish imported plan…</button>
            )}
            <button type="button" onClick={onDiscard}>Discard import</button>
          </div>
        </div>
        <ol className="import-document" ref={documentPane} aria-label="Imported document" tabIndex={0}>
          {lines.map((text, i) => (
            <li key={i} data-line={i + 1} className={shown === i + 1 ? 'shown' : undefined} aria-current={shown === i + 1 ? 'location' : undefined}>
              <span className="line-no" aria-hidden="true">{i + 1}</span>
              <code>{text || ' '}</code>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
