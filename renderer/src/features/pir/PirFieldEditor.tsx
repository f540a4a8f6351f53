// One editable review field: pre-filled with the computed value, saved as a pir.edited event on blur
// or after a pause in typing.
import { useEffect, useRef, useState } from 'react';
import type { PirField } from '@shared/pir/model';
import { useCommand } from '../../core/useCommand';
import { editPirField } from './commands';

const SAVE_AFTER_MS = 1500;

/** `multiline`: a text field that is its section's only field (root cause, prevention) gets a text area. */
export function PirFieldEditor({ incidentId, field, multiline = false }: { incidentId: string; field: PirField; multiline?: boolean }) {
  const [draft, setDraft] = useState(field.value);
  // Not exclusive: typing pauses and blur may each save; every save is its own write.
  const { run, error } = useCommand(editPirField, { exclusive: false });
  const focused = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saved = useRef<string | null>(field.value);

  useEffect(() => {
    saved.current = field.value;
    if (!focused.current) setDraft(field.value);
  }, [field.value]);

  const save = (value: string) => {
    if (timer.current) { clearTimeout(timer.current); timer.current = null; }
    if (value === saved.current) return;
    saved.current = value;
    // A failed save is tried again on the next blur or pause (it no longer counts as saved).
    void run(incidentId, field.id, value).then((outcome) => { if (!outcome.ok) saved.current = null; });
  };
  const pending = useRef<string | null>(null);
  const change = (value: string) => {
    setDraft(value);
    pending.current = value;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => save(value), SAVE_AFTER_MS);
  };
  // Leaving the page mid-pause still saves what was typed.
  const flush = useRef(save);
  flush.current = save;
  useEffect(() => () => { if (timer.current && pending.current !== null) flush.current(pending.current); }, []);

  const common = {
    id: `pir-${field.id}`,
    value: draft,
    onFocus: () => { focused.current = true; },
    onBlur: () => { focused.current = false; save(draft); },
  };
  let control;
  if (field.kind === 'choice') {
    control = (
      <select {...common} onChange={(e) => { setDraft(e.target.value); save(e.target.value); }}>
        <option value="">—</option>
        {(field.choices ?? []).map((c) => <option key={c} value={c}>{c}</option>)}
        {draft && !(field.choices ?? []).includes(draft) && <option value={draft}>{draft}</option>}
      </select>
    );
  } else if (field.kind === 'list' || (field.kind === 'text' && multiline)) {
    control = <textarea {...common} rows={field.kind === 'list' ? 4 : 5} onChange={(e) => change(e.target.value)}
      placeholder={field.kind === 'list' ? 'One item per line' : undefined} />;
  } else {
    control = <input {...common} onChange={(e) => change(e.target.value)} />;
  }
  return (
    <div className="pir-field">
      <label htmlFor={`pir-${field.id}`}>{field.label}</label>
      {control}
      {field.computed !== null && (
        <span className="muted pir-computed">
          {field.edited && field.value !== field.computed ? <>Computed: {field.computed}{' '}
            <button type="button" className="link" onClick={() => { setDraft(field.computed ?? ''); save(field.computed ?? ''); }}>use computed</button></>
            : 'Computed from the incident'}
        </span>
      )}
      {error && <span role="alert" className="error">{error}</span>}
    </div>
  );
}
