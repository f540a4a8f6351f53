// One timeline row: time, kind, author, text (or the system event's description), marks and actions.
import { useState, type FormEvent } from 'react';
import { describeEvent } from '../../../../shared/incident/describe';
import type { TimelineEntry } from '../../../../shared/incident/state';
import type { Plan } from '../../../../shared/plan/schema';
import { formatClockTime, formatDateTime } from '../../components/format';
import { recordEvent } from '../../db/commands';

export type EditMode = 'amend' | 'retract';

interface Props {
  entry: TimelineEntry;
  incidentId: string;
  plan: Plan;
  editing: EditMode | null;
  onEdit: (mode: EditMode | null) => void;
}

const KIND_TAG: Record<TimelineEntry['kind'], string> = {
  note: 'Note', decision: 'Decision', action: 'Action', evidence: 'Evidence', system: 'System', inject: 'Inject',
};

function EditForm({ entry, incidentId, mode, onDone }: { entry: TimelineEntry; incidentId: string; mode: EditMode; onDone: () => void }) {
  const [value, setValue] = useState(mode === 'amend' ? entry.text ?? '' : '');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!value.trim()) { setError(mode === 'amend' ? 'The amended text must not be empty.' : 'Give a reason for the retraction.'); return; }
    try {
      if (mode === 'amend') await recordEvent(incidentId, 'entry.amended', { entryId: entry.id, text: value.trim() });
      else await recordEvent(incidentId, 'entry.retracted', { entryId: entry.id, reason: value.trim() });
      onDone();
    } catch (err) { setError(err instanceof Error ? err.message : String(err)); }
  };
  return (
    <form className="row-edit" onSubmit={submit} onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onDone(); } }}>
      <input autoFocus aria-label={mode === 'amend' ? 'Amended text' : 'Reason for retraction'} value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="submit">{mode === 'amend' ? 'Save amendment' : 'Retract entry'}</button>
      <button type="button" onClick={onDone}>Cancel</button>
      {error && <span role="alert" className="error">{error}</span>}
    </form>
  );
}

export function TimelineRow({ entry, incidentId, plan, editing, onEdit }: Props) {
  const isEntry = entry.type === 'entry.added';
  const text = isEntry || entry.kind === 'inject' ? entry.text ?? '' : describeEvent(entry.event, plan);
  const url = entry.event.type === 'entry.added' ? entry.event.payload.url : undefined;
  const toggleStar = () => { void recordEvent(incidentId, 'entry.starred', { entryId: entry.id, starred: !entry.starred }); };
  return (
    <div className={`tl-row kind-${entry.kind}${entry.retracted ? ' retracted' : ''}${entry.starred ? ' starred' : ''}`}>
      <time className="tl-time" dateTime={new Date(entry.occurredAt).toISOString()} title={formatDateTime(entry.occurredAt)}>
        {formatClockTime(entry.occurredAt)}
      </time>
      <span className={`tl-kind tag-${entry.kind}`}>{KIND_TAG[entry.kind]}</span>
      <span className="tl-author">{entry.actor.name}</span>
      <span className="tl-text">
        <span className="tl-body">{text}</span>
        {url && <> <a href={url} target="_blank" rel="noreferrer noopener">{url}</a></>}
        {entry.backdated && <span className="mark" title={`Logged at ${formatDateTime(entry.recordedAt)}`}> back-dated (logged {formatClockTime(entry.recordedAt, false)})</span>}
        {entry.amendments.length > 0 && <span className="mark" title={`Originally: ${entry.originalText ?? ''}`}> amended</span>}
        {entry.retracted && <span className="mark retraction"> Retracted by {entry.retracted.by}: {entry.retracted.reason}</span>}
        {editing && <EditForm entry={entry} incidentId={incidentId} mode={editing} onDone={() => onEdit(null)} />}
      </span>
      <span className="tl-actions">
        <button type="button" className="icon" aria-pressed={entry.starred} aria-label="Star for review" title="Star for the post-incident review" onClick={toggleStar}>
          {entry.starred ? '★' : '☆'}
        </button>
        {isEntry && !entry.retracted && (
          <>
            <button type="button" className="small" onClick={() => onEdit('amend')}>Amend</button>
            <button type="button" className="small" onClick={() => onEdit('retract')}>Retract</button>
          </>
        )}
      </span>
    </div>
  );
}
