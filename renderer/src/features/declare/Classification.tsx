// Classification: observed signals with the plan's suggestion, severity definitions and examples side by
// side, category, scope and impact. Used when declaring and when refining later from the console.
import { useMemo } from 'react';
import type { Plan } from '@shared/plan/schema';
import { SIGNALS, type SignalDefinition, type Signals } from '@shared/plan/signals';
import { suggestSeverity } from '@shared/plan/suggest';
import './declare.css';

export interface ClassificationValue {
  severity: string;
  category: string;
  scope: string;
  impact: string;
  signals: Signals;
}

export const emptyClassification = (): ClassificationValue => ({ severity: '', category: '', scope: '', impact: '', signals: {} });

function SignalInput({ def, value, onChange }: { def: SignalDefinition; value: Signals[keyof Signals]; onChange: (v: number | boolean | string | undefined) => void }) {
  if (def.kind === 'boolean') {
    return (
      <label className="signal signal-bool">
        <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked ? true : undefined)} />
        {def.label}
      </label>
    );
  }
  if (def.kind === 'choice') {
    return (
      <label className="signal">
        {def.label}
        <select value={typeof value === 'string' ? value : 'none'} onChange={(e) => onChange(e.target.value === 'none' ? undefined : e.target.value)}>
          {(def.choices ?? []).map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </label>
    );
  }
  return (
    <label className="signal">
      {def.label}
      <input type="number" inputMode="decimal" min={0} step="any" value={typeof value === 'number' ? String(value) : ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} />
    </label>
  );
}

export function ClassificationFields({ plan, value, onChange }: { plan: Plan; value: ClassificationValue; onChange: (v: ClassificationValue) => void }) {
  const suggestion = useMemo(() => suggestSeverity(plan, value.signals), [plan, value.signals]);
  const set = (patch: Partial<ClassificationValue>) => onChange({ ...value, ...patch });
  const severities = [...plan.severities].sort((a, b) => a.rank - b.rank);
  return (
    <div className="classification">
      <fieldset className="signals">
        <legend>Observed signals</legend>
        <div className="signal-grid">
          {SIGNALS.map((def) => (
            <SignalInput key={def.id} def={def} value={value.signals[def.id]}
              onChange={(v) => {
                const signals = { ...value.signals };
                if (v === undefined || (typeof v === 'number' && Number.isNaN(v))) delete signals[def.id];
                else signals[def.id] = v;
                set({ signals });
              }} />
          ))}
        </div>
        <div className="suggestion" role="status" aria-label="Severity suggestion">
          {suggestion.severity ? (
            <>
              <strong>Suggested: {suggestion.severity}</strong>
              <ul>{suggestion.reasons.map((r) => <li key={`${r.severity}-${r.signal}`}>{r.severity}: “{r.quote}”</li>)}</ul>
              {suggestion.severity !== value.severity && (
                <button type="button" onClick={() => set({ severity: suggestion.severity ?? '' })}>Use suggested severity {suggestion.severity}</button>
              )}
            </>
          ) : <span className="muted">Report what you observe to get a suggestion from the plan.</span>}
        </div>
      </fieldset>

      <fieldset className="severity-choice">
        <legend>Severity</legend>
        <div className="severity-grid">
          {severities.map((s) => (
            <label key={s.id} className={`severity-card sev-${Math.min(s.rank, 3)}${value.severity === s.id ? ' selected' : ''}`}>
              <span className="severity-head">
                <input type="radio" name="severity" value={s.id} checked={value.severity === s.id} onChange={() => set({ severity: s.id })} aria-label={`${s.id} ${s.name}`} />
                <strong>{s.id} {s.name}</strong>
              </span>
              <span className="severity-def">{s.definition}</span>
              <ul className="severity-examples">{s.examples.map((x) => <li key={x}>{x}</li>)}</ul>
              <span className="muted">Response: {s.responseTargetText}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="form-row">
        <label>
          Category
          <select value={value.category} onChange={(e) => set({ category: e.target.value })}>
            <option value="">Not yet known</option>
            {plan.categories.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <label className="grow">
          Scope (users affected)
          <input value={value.scope} onChange={(e) => set({ scope: e.target.value })} placeholder="e.g. all EU customers, ~30%" />
        </label>
      </div>
      <label>
        Impact (functionality affected)
        <textarea rows={2} value={value.impact} onChange={(e) => set({ impact: e.target.value })} />
      </label>
    </div>
  );
}

/** The classification fields as a payload: only what was filled in. */
export function classificationPayload(v: ClassificationValue): { severity?: string; category?: string; scope?: string; impact?: string } {
  return {
    ...(v.severity ? { severity: v.severity } : {}),
    ...(v.category ? { category: v.category } : {}),
    ...(v.scope.trim() ? { scope: v.scope.trim() } : {}),
    ...(v.impact.trim() ? { impact: v.impact.trim() } : {}),
  };
}
