// The review of an imported Markdown plan: values to fill, problems, the draft's values, the document beside them,
// and publishing only after the user confirms a draft that validates.
import { useMemo, useRef, useState } from 'react';
import type { Plan } from '@shared/plan/schema';
import { flagKind, validateFilled } from '@shared/plan/markdown/fill';
import type { PlanDraft } from '@shared/plan/markdown/import';
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

export function ImportReview({ draft, source, active, onPublished, onDiscard }: Props) {
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [shown, setShown] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [incomplete, setIncomplete] = useState<string[] | null>(null);
  const documentPane = useRef<HTMLOListElement>(null);
  const lines = useMemo(() => source.text.split(/\r?\n/), [source.text]);
  const publish = useCommand(publishImportedPlan);

  const show = (line: number) => {
    setShown(line);
    // Scroll the document pane only (not the page), so the value the user clicked stays in view.
    const pane = documentPane.current;
    const row = pane?.querySelector<HTMLElement>(`[data-line="${line}"]`);
    if (pane && row) pane.scrollTop = row.offsetTop - pane.clientHeight / 2; // the pane is positioned: offsets are its own
  };

  const askToPublish = () => {
    const result = validateFilled(draft, answers);
    if (!result.ok) {
      setIncomplete(result.errors);
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
              {draft.flags.map((f) => {
                const kind = flagKind(draft, f.path);
                const id = fieldId(f.path);
                const set = (value: string) => setAnswers((a) => ({ ...a, [f.path]: value }));
                return (
                  <div key={f.path} className="import-flag">
                    <label htmlFor={id}>{capital(f.label)}</label> <LineLink line={f.line} onShow={show} />
                    {kind === 'text' && <input id={id} value={answers[f.path] ?? ''} onChange={(e) => set(e.target.value)} aria-describedby={`${id}-fix`} />}
                    {kind === 'list' && <textarea id={id} rows={3} value={answers[f.path] ?? ''} onChange={(e) => set(e.target.value)} aria-describedby={`${id}-fix`} placeholder="One per line" />}
                    <p id={`${id}-fix`} className="muted">{kind === 'other' ? `${f.fix} (Edit the document and import it again.)` : f.fix}</p>
                  </div>
                );
              })}
            </fieldset>
          )}
          {draft.problems.length > 0 && (
            <section aria-label="Problems" className="import-problems">
              <h3>Problems ({draft.problems.length})</h3>
              <ul>
                {draft.problems.map((p, i) => (
                  <li key={i}><LineLink line={p.line} onShow={show} /> {capital(p.message)}. <span className="muted">Fix: {p.fix}</span></li>
                ))}
              </ul>
            </section>
          )}
          <ReviewValues draft={draft} onShow={show} />
          {incomplete && (
            <div role="alert" className="plan-notice error">
              <p>The plan cannot be published yet; fill or correct:</p>
              <ul className="plan-errors">{incomplete.map((e) => <li key={e}><code>{e}</code></li>)}</ul>
            </div>
          )}
          {publish.error && <p role="alert" className="plan-notice error">{publish.error}</p>}
          <div className="import-actions">
            {confirming ? (
              <div role="group" aria-label="Confirm publishing">
                <p>Replace the active plan ({active.name}, version {active.version}) with {draft.plan.name}, version {draft.plan.version}?</p>
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
