// Create or edit a drill script; saving validates it against the schema and the plan (errors named by path).
import { useState, type FormEvent } from 'react';
import { parseScript, type DrillScript } from '@shared/drills/script';
import { fromDraft, toDraft, type Draft, type InjectDraft } from './script-draft';
import { useActivePlan } from '../../db/hooks';
import { useDrillUi } from './drill-ui-store';
import { saveScripts } from './script-store';
import './drills.css';

export function ScriptEditor({ script }: { script: DrillScript | null }) {
  const plan = useActivePlan();
  const show = useDrillUi((s) => s.show);
  const [draft, setDraft] = useState<Draft>(() => toDraft(script, plan.scenarios[0]?.id ?? '', plan.severities[0]?.id ?? ''));
  const [errors, setErrors] = useState<string[]>([]);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setInject = (n: number, patch: Partial<InjectDraft>) => setDraft((d) => ({ ...d, injects: d.injects.map((i, k) => (k === n ? { ...i, ...patch } : i)) }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = parseScript(fromDraft(draft), plan);
    if (!result.ok) { setErrors(result.errors); return; }
    await saveScripts([result.script]);
    show({ kind: 'home' });
  };
  return (
    <form className="script-editor" onSubmit={submit} aria-label="Drill script">
      <h2>{script ? `Edit script: ${script.title}` : 'New drill script'}</h2>
      <div className="form-row">
        <label>Script id
          <input value={draft.id} readOnly={script !== null} onChange={(e) => set({ id: e.target.value })} placeholder="e.g. checkout-outage" />
        </label>
        <label className="grow">Script title
          <input value={draft.title} onChange={(e) => set({ title: e.target.value })} />
        </label>
        <label>Scenario
          <select value={draft.scenarioId} onChange={(e) => set({ scenarioId: e.target.value })}>
            {plan.scenarios.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
          </select>
        </label>
        <label>Expected severity
          <select value={draft.expectedSeverity} onChange={(e) => set({ expectedSeverity: e.target.value })}>
            {plan.severities.map((s) => <option key={s.id} value={s.id}>{s.id} {s.name}</option>)}
          </select>
        </label>
      </div>
      <label>Opening situation
        <textarea rows={3} value={draft.openingSituation} onChange={(e) => set({ openingSituation: e.target.value })} />
      </label>
      {draft.injects.map((inject, n) => (
        <fieldset key={n} className="inject-editor">
          <legend>Inject {n + 1}</legend>
          <div className="form-row">
            <label>Inject {n + 1} id<input value={inject.id} onChange={(e) => setInject(n, { id: e.target.value })} /></label>
            <label>Inject {n + 1} at minute (T+N)<input inputMode="numeric" value={inject.atMinute} onChange={(e) => setInject(n, { atMinute: e.target.value })} /></label>
            <label className="grow">Inject {n + 1} title<input value={inject.title} onChange={(e) => setInject(n, { title: e.target.value })} /></label>
            <label>Inject {n + 1} expected severity
              <select value={inject.severity} onChange={(e) => setInject(n, { severity: e.target.value })}>
                <option value="">none</option>
                {plan.severities.map((s) => <option key={s.id} value={s.id}>{s.id}</option>)}
              </select>
            </label>
          </div>
          <label>Inject {n + 1} text<textarea rows={2} value={inject.text} onChange={(e) => setInject(n, { text: e.target.value })} /></label>
          <div className="form-row">
            {plan.audiences.map((a) => (
              <label key={a.id} className="checkbox">
                <input type="checkbox" checked={inject.updatesDue.includes(a.id)}
                  onChange={(e) => setInject(n, { updatesDue: e.target.checked ? [...inject.updatesDue, a.id] : inject.updatesDue.filter((x) => x !== a.id) })} />
                Inject {n + 1}: update due to {a.name.toLowerCase()}
              </label>
            ))}
          </div>
          <label>Inject {n + 1} expected checklist items (one per line: step id, item id, e.g. "classification classify.severity")
            <textarea rows={2} value={inject.checklist} onChange={(e) => setInject(n, { checklist: e.target.value })} />
          </label>
          <button type="button" onClick={() => set({ injects: draft.injects.filter((_, k) => k !== n) })}>Remove inject {n + 1}</button>
        </fieldset>
      ))}
      <div className="actions">
        <button type="button" onClick={() => set({ injects: [...draft.injects, { id: `inject-${draft.injects.length + 1}`, atMinute: '', title: '', text: '', severity: '', updatesDue: [], checklist: '' }] })}>Add inject</button>
        <button type="submit" className="primary">Save script</button>
        <button type="button" onClick={() => show({ kind: 'home' })}>Cancel</button>
      </div>
      {errors.length > 0 && (
        <div role="alert" className="error">
          <p>The script was not saved:</p>
          <ul>{errors.map((e) => <li key={e}>{e}</li>)}</ul>
        </div>
      )}
    </form>
  );
}
