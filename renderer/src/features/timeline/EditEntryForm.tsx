// Amend or retract an entry: both are new events; the original stays on record. Focus then returns to the entry box.
import { useState, type FormEvent } from 'react';
import { useUi } from '../../core/ui-store';
import type { TimelineEntry } from '@shared/incident/state';
import { useCommand } from '../../core/useCommand';
import { amendEntry, retractEntry } from './commands';

export type EditMode = 'amend' | 'retract';

export function EditEntryForm({ entry, incidentId, mode, onDone: close }: { entry: TimelineEntry; incidentId: string; mode: EditMode; onDone: () => void }) {
  const focusTimeline = useUi((s) => s.focusTimeline);
  const onDone = () => { close(); focusTimeline(); };
  const [value, setValue] = useState(mode === 'amend' ? entry.text ?? '' : '');
  const { run, pending, error } = useCommand(mode === 'amend' ? amendEntry : retractEntry);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ((await run(incidentId, entry.id, value)).ok) onDone();
  };
  return (
    <form className="row-edit" aria-label={mode === 'amend' ? 'Amend entry' : 'Retract entry'} onSubmit={submit} onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onDone(); } }}>
      <span className="muted">{mode === 'amend' ? 'Amending' : 'Retracting'}: “{entry.text}”</span>
      <input autoFocus aria-label={mode === 'amend' ? 'Amended text' : 'Reason for retraction'} value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" disabled={pending}>{mode === 'amend' ? 'Save amendment' : 'Retract entry'}</button>
      <button type="button" onClick={onDone}>Cancel</button>
      {error && <span role="alert" className="error">{error}</span>}
    </form>
  );
}

