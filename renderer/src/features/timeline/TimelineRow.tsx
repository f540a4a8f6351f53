// One timeline row (fixed height, one line; the full text stays in the DOM and the tooltip): time, kind,
// author, text (or the system event's description), marks and actions.
import { memo } from 'react';
import { describeEvent } from '../../../../shared/incident/describe';
import type { TimelineEntry } from '../../../../shared/incident/state';
import type { Plan } from '../../../../shared/plan/schema';
import { formatClockTime, formatDateTime } from '../../components/format';
import { recordEvent } from '../../db/commands';
import { platform } from '../../platform';
import type { EditMode } from './EditEntryForm';


interface Props {
  entry: TimelineEntry;
  incidentId: string;
  plan: Plan;
  onEdit: (entry: TimelineEntry, mode: EditMode) => void;
}

const KIND_TAG: Record<TimelineEntry['kind'], string> = {
  note: 'Note', decision: 'Decision', action: 'Action', evidence: 'Evidence', system: 'System', inject: 'Inject',
};

export const TimelineRow = memo(function TimelineRow({ entry, incidentId, plan, onEdit }: Props) {
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
      <span className="tl-text" title={text}>
        {url && text.trim() === url ? null : <span className="tl-body">{text}</span>}
        {url && <> <a href={url} target="_blank" rel="noreferrer noopener" onClick={(e) => { e.preventDefault(); void platform.openExternal(url); }}>{url}</a></>}
        {entry.backdated && <span className="mark" title={`Logged at ${formatDateTime(entry.recordedAt)}`}> back-dated (logged {formatClockTime(entry.recordedAt, false)})</span>}
        {entry.amendments.length > 0 && <span className="mark" title={`Originally: ${entry.originalText ?? ''}`}> amended</span>}
        {entry.retracted && <span className="mark retraction"> Retracted by {entry.retracted.by}: {entry.retracted.reason}</span>}
      </span>
      <span className="tl-actions">
        <button type="button" className="icon" aria-pressed={entry.starred} aria-label="Star for review" title="Star for the post-incident review" onClick={toggleStar}>
          {entry.starred ? '★' : '☆'}
        </button>
        {isEntry && !entry.retracted && (
          <>
            <button type="button" className="small" onClick={() => onEdit(entry, 'amend')}>Amend</button>
            <button type="button" className="small" onClick={() => onEdit(entry, 'retract')}>Retract</button>
          </>
        )}
      </span>
    </div>
  );
});
