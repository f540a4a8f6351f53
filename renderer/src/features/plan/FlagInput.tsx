// One flagged value of an imported plan, with an input of its shape: text, a duration, a list (one a line), a
// period, or rows (roles, names, review sections, severity levels, steps) the user adds one by one.
import type { Answer, FlagKind, Row } from '@shared/plan/markdown/fill';
import { ROW_FIELDS } from '@shared/plan/markdown/fill';

interface Props {
  id: string;
  kind: FlagKind;
  label: string;
  value: Answer | undefined;
  onChange: (value: Answer) => void;
  describedBy: string;
}

const UNITS = ['day', 'week', 'month', 'year'] as const;
const ROW_NOUN: Record<string, string> = { names: 'entry', roles: 'role', sections: 'section', levels: 'level', steps: 'step' };

export function FlagInput({ id, kind, label, value, onChange, describedBy }: Props) {
  if (kind === 'text' || kind === 'duration') {
    return (
      <input id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy}
        {...(kind === 'duration' ? { placeholder: 'e.g. 15m, 4h, 1d', inputMode: 'text' as const, className: 'duration' } : {})} />
    );
  }
  if (kind === 'list') {
    return <textarea id={id} rows={3} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} placeholder="One per line" />;
  }
  if (kind === 'period') {
    const p = value && typeof value === 'object' && !Array.isArray(value) ? value : { count: '', unit: 'year' };
    return (
      <span className="period-input" role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy}>
        <input id={id} type="number" min={1} value={p.count} onChange={(e) => onChange({ ...p, count: e.target.value })} aria-label={`${label}: number`} />
        <select value={p.unit} onChange={(e) => onChange({ ...p, unit: e.target.value })} aria-label={`${label}: unit`}>
          {UNITS.map((u) => <option key={u} value={u}>{u}s</option>)}
        </select>
      </span>
    );
  }
  const fields = ROW_FIELDS[kind];
  const rows: Row[] = Array.isArray(value) ? value : [];
  const noun = ROW_NOUN[kind] ?? 'row';
  const set = (i: number, key: string, v: string) => onChange(rows.map((r, k) => (k === i ? { ...r, [key]: v } : r)));
  return (
    <div id={id} className="flag-rows" role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy}>
      {rows.map((row, i) => (
        <div key={i} className="flag-row" role="group" aria-label={`${label}: ${noun} ${i + 1}`}>
          {fields.map((f) => (
            <label key={f.key}>
              <span>{f.label}</span>
              {f.multiline
                ? <textarea rows={2} value={row[f.key] ?? ''} onChange={(e) => set(i, f.key, e.target.value)} aria-label={`${noun} ${i + 1} ${f.label}`} />
                : <input value={row[f.key] ?? ''} onChange={(e) => set(i, f.key, e.target.value)} aria-label={`${noun} ${i + 1} ${f.label}`} {...(f.duration ? { placeholder: 'e.g. 15m' } : {})} />}
            </label>
          ))}
          <button type="button" onClick={() => onChange(rows.filter((_, k) => k !== i))} aria-label={`Remove ${noun} ${i + 1}`}>Remove</button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, {}])} aria-label={`Add ${noun} to ${label}`}>Add {noun}</button>
    </div>
  );
}
