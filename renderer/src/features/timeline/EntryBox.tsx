// The quick-entry box: type, Enter, logged; focus stays put. Prefixes pick the kind; optional back-dated time.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ENTRY_KINDS, type EntryKind } from '../../../../shared/incident/events';
import { useUi } from '../../app/ui-store';
import { recordEvent } from '../../db/commands';
import { parseBackdate, parseEntry } from './parse-entry';

const KIND_LABEL: Record<EntryKind, string> = { note: 'Note', decision: 'Decision', action: 'Action', evidence: 'Evidence' };

export function EntryBox({ incidentId }: { incidentId: string }) {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<EntryKind>('note');
  const [when, setWhen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const focusTick = useUi((s) => s.focusTimelineTick);

  useEffect(() => { inputRef.current?.focus(); }, [focusTick]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseEntry(text, kind);
    if (!parsed) { inputRef.current?.focus(); return; }
    let occurredAt: number | undefined;
    if (when.trim()) {
      const t = parseBackdate(when, Date.now());
      if (t === null) { setError('Time not understood: use HH:MM or a full date and time.'); return; }
      if (t > Date.now() + 60_000) { setError('An entry cannot happen in the future.'); return; }
      occurredAt = t;
    }
    const typed = text;
    setText('');
    setWhen('');
    setError(null);
    inputRef.current?.focus();
    try {
      await recordEvent(incidentId, 'entry.added', { kind: parsed.kind, text: parsed.text, ...(parsed.url ? { url: parsed.url } : {}) }, { occurredAt });
    } catch (err) {
      setText(typed);
      setError(`Not logged: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return (
    <form className="entry-box" onSubmit={submit}>
      <select aria-label="Entry kind" value={kind} onChange={(e) => setKind(e.target.value as EntryKind)}>
        {ENTRY_KINDS.map((k) => <option key={k} value={k}>{KIND_LABEL[k]}</option>)}
      </select>
      <input ref={inputRef} className="entry-text" aria-label="Timeline entry" value={text} maxLength={20_000}
        onChange={(e) => setText(e.target.value)} autoComplete="off"
        placeholder="Log what happened — Enter to save. d: decision, a: action, e: evidence / link" />
      <input className="entry-when" aria-label="Happened at (optional)" value={when} onChange={(e) => setWhen(e.target.value)}
        placeholder="HH:MM" autoComplete="off" />
      <button type="submit">Log</button>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}
