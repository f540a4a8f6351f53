// The quick-entry box: type, Enter, logged; focus stays put. Prefixes pick the kind; optional back-dated time.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { newId } from '@shared/incident/create';
import { ENTRY_KINDS, type EntryKind } from '@shared/incident/events';
import { formatClockTime } from '../../core/format';
import { useUi } from '../../core/ui-store';
import { useCommand } from '../../core/useCommand';
import { useIdentity } from '../../db/hooks';
import { addEntry } from './commands';
import { usePendingEntries } from './pending-entries';
import { parseBackdate, parseEntry } from './parse-entry';
import { createTask } from '../tasks';
import { parseTask, TASK_PREFIX } from '../tasks';
import { backdateDayLabel, localDayKey } from './time-label';

const KIND_LABEL: Record<EntryKind, string> = { note: 'Note', decision: 'Decision', action: 'Action', evidence: 'Evidence' };

/** What a back-dated time will mean: which day it lands on when not today, and a warning before the impact start. */
function backdateNotes(at: number, now: number, impactStartedAt: number): { day: string | null; beforeImpact: string | null } {
  return {
    day: localDayKey(at) !== localDayKey(now) ? backdateDayLabel(at, now) : null,
    beforeImpact: at < impactStartedAt ? `This is before the impact start (${backdateDayLabel(impactStartedAt, now)}); check the time.` : null,
  };
}

export function EntryBox({ incidentId, impactStartedAt }: { incidentId: string; impactStartedAt: number }) {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<EntryKind>('note');
  const [when, setWhen] = useState('');
  const [error, setError] = useState<string | null>(null);
  // Not exclusive: the box clears at once, so the next entry can be typed and sent while this one is written.
  const log = useCommand(addEntry, { exclusive: false });
  // After logging a back-dated entry: which day it was logged for, and any warning, until the next entry.
  const [logged, setLogged] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const focusTick = useUi((s) => s.focusTimelineTick);
  const me = useIdentity();
  const addPending = usePendingEntries((s) => s.add);
  const removePending = usePendingEntries((s) => s.remove);

  useEffect(() => { inputRef.current?.focus(); }, [focusTick]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (TASK_PREFIX.test(text)) { await submitTask(); return; }
    const parsed = parseEntry(text, kind);
    if (!parsed) {
      setError(text.trim() ? 'Add what happened after the prefix, e.g. “d: roll back payments-api”.' : 'Type what happened, then press Enter.');
      inputRef.current?.focus();
      return;
    }
    // The time of Enter, unless back-dated: the stored event gets exactly this time, so its row replaces the
    // pending one (shown at once, before the write lands).
    let occurredAt = Date.now();
    let note: string | null = null;
    if (when.trim()) {
      const now = occurredAt;
      const t = parseBackdate(when, now);
      if (t === null) { setError('Time not understood: use HH:MM or a full date and time.'); return; }
      if (t > now + 60_000) { setError('An entry cannot happen in the future.'); return; }
      occurredAt = t;
      const notes = backdateNotes(t, now, impactStartedAt);
      note = [`Logged for ${backdateDayLabel(t, now)}.`, notes.beforeImpact].filter(Boolean).join(' ');
    }
    const typed = text;
    setText('');
    setWhen('');
    setError(null);
    setLogged(note);
    inputRef.current?.focus();
    const id = newId();
    addPending(incidentId, { id, kind: parsed.kind, text: parsed.text, occurredAt, by: me.name || 'Unnamed' });
    const outcome = await log.run(incidentId, { ...parsed, occurredAt, id });
    if (!outcome.ok) {
      // Rolled back: the row leaves the timeline, and the message below says it was not logged.
      removePending(incidentId, new Set([id]));
      // The unsent text goes back into the box, with why it failed; if something new was typed meanwhile, that
      // stays and the unsent text is quoted in the message instead, so neither is lost.
      const why = outcome.failure?.message.replace(/^Not saved/, 'Not logged') ?? 'Not logged.';
      const kept = inputRef.current?.value ?? '';
      if (kept) setError(`${why} Unsent: “${typed}”`);
      else { setText(typed); setError(why); }
    }
  };

  // "t: owner: what 3m" hands out a time-boxed task instead of logging a note.
  const submitTask = async () => {
    const parsed = parseTask(text, Date.now());
    if (!parsed.ok) { setError(parsed.error); inputRef.current?.focus(); return; }
    const typed = text;
    setText('');
    setError(null);
    setLogged(null);
    inputRef.current?.focus();
    try {
      await createTask(incidentId, parsed.task);
      setLogged(`Task for ${parsed.task.owner}: check back at ${formatClockTime(parsed.task.checkBackAt, false)}.`);
    } catch (err) {
      setText(typed);
      setError(`Task not recorded: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const now = Date.now();
  const pending = when.trim() ? parseBackdate(when, now) : null;
  const pendingNotes = pending !== null && pending <= now + 60_000 ? backdateNotes(pending, now, impactStartedAt) : null;
  return (
    <form className="entry-box" aria-label="New timeline entry" onSubmit={submit}>
      <select aria-label="Entry kind" value={kind} onChange={(e) => setKind(e.target.value as EntryKind)}>
        {ENTRY_KINDS.map((k) => <option key={k} value={k}>{KIND_LABEL[k]}</option>)}
      </select>
      <input ref={inputRef} className="entry-text" aria-label="Timeline entry" value={text} maxLength={20_000}
        onChange={(e) => { setText(e.target.value); setError(null); }} autoComplete="off"
        placeholder="Log what happened — Enter. d: decision, a: action, e: evidence, t: owner: task 3m" />
      <input className="entry-when" aria-label="Happened at (optional)" value={when} onChange={(e) => { setWhen(e.target.value); setLogged(null); setError(null); }}
        placeholder="HH:MM" autoComplete="off" />
      <button type="submit">Log</button>
      {error && <p role="alert" className="error">{error}</p>}
      {pendingNotes?.day && <p className="entry-note">Will be logged for {pendingNotes.day}.</p>}
      {pendingNotes?.beforeImpact && <p className="entry-note entry-warning">{pendingNotes.beforeImpact}</p>}
      <p role="status" className={`entry-note${logged?.includes('before the impact start') ? ' entry-warning' : ''}`}>{logged}</p>
    </form>
  );
}
