// One timeline row (one line; clicking the text or "Show full text" expands it to the full text): time (with
// the date when not today), kind, author, text (or the system event's description), marks and actions.
import { memo, useLayoutEffect, useRef } from 'react';
import { describeEvent } from '@shared/incident/describe';
import type { TimelineEntry } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { formatClockTime, formatDateTime } from '../../core/format';
import { entryTimeLabel, shortText } from './time-label';
import { useCommand } from '../../core/useCommand';
import { starEntry } from './commands';
import { platform } from '../../platform';
import type { EditMode } from './EditEntryForm';

interface Props {
  entry: TimelineEntry;
  incidentId: string;
  plan: Plan;
  onEdit: (entry: TimelineEntry, mode: EditMode) => void;
  /** Now, to the minute: entries from another day show their date. */
  now: number;
  expanded: boolean;
  onToggleExpand: (entry: TimelineEntry) => void;
  /** The expanded row's height in pixels, so the list can make room for it. */
  onMeasure: (entryId: string, height: number) => void;
  /** A tick shown beneath its expanded group line (indented). */
  inGroup?: boolean;
}

/** Text long enough to be cut off in a one-line row gets a "Show full text" control. */
const LONG_TEXT = 60;

const KIND_TAG: Record<TimelineEntry['kind'], string> = {
  note: 'Note', decision: 'Decision', action: 'Action', evidence: 'Evidence', system: 'System', inject: 'Inject',
};

export const TimelineRow = memo(function TimelineRow({ entry, incidentId, plan, onEdit, now, expanded, onToggleExpand, onMeasure, inGroup = false }: Props) {
  const isEntry = entry.type === 'entry.added';
  // System entries carry text only when they come from outside the incident's fold (attached alerts).
  const text = isEntry || entry.kind === 'inject' ? entry.text ?? '' : entry.text ?? describeEvent(entry.event, plan);
  const url = entry.event.type === 'entry.added' ? entry.event.payload.url : undefined;
  const imported = entry.event.imported;
  // A row has no room for an inline message: a failed star goes to the app's error region.
  const star = useCommand(starEntry, { inline: false });
  const toggleStar = () => { void star.run(incidentId, entry.id, !entry.starred); };
  const short = shortText(text);
  const amended = entry.amendments.length > 0;
  const long = text.length > LONG_TEXT || amended;
  const rowRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (expanded && rowRef.current) onMeasure(entry.id, rowRef.current.offsetHeight);
  });
  return (
    <div ref={rowRef} className={`tl-row kind-${entry.kind}${entry.retracted ? ' retracted' : ''}${entry.starred ? ' starred' : ''}${expanded ? ' expanded' : ''}${inGroup ? ' in-group' : ''}`}>
      <time className="tl-time" dateTime={new Date(entry.occurredAt).toISOString()} title={formatDateTime(entry.occurredAt)}>
        {entryTimeLabel(entry.occurredAt, now)}
      </time>
      <span className={`tl-kind tag-${entry.kind}`}>{KIND_TAG[entry.kind]}</span>
      <span className="tl-author" title={imported ? `${entry.actor.name}; imported by ${imported.by.name} on ${formatDateTime(Date.parse(imported.at))}` : undefined}>
        <span className="tl-name">{entry.actor.name}</span>
        {imported && <span className="tl-imported">imported by {imported.by.name}</span>}
      </span>
      <span className="tl-text" title={expanded ? undefined : text} onClick={(e) => { if (!(e.target instanceof HTMLAnchorElement)) onToggleExpand(entry); }}>
        {url && text.trim() === url ? null : <span className="tl-body">{text}</span>}
        {url && <> <a href={url} target="_blank" rel="noreferrer noopener" onClick={(e) => { e.preventDefault(); void platform.openExternal({ url }); }}>{url}</a></>}
        {entry.backdated && <span className="mark" title={`Logged at ${formatDateTime(entry.recordedAt)}`}> back-dated (logged {formatClockTime(entry.recordedAt, false)})</span>}
        {amended && !expanded && <span className="mark"> amended ({entry.amendments.length + 1} versions)</span>}
        {amended && expanded && (
          <ol className="tl-versions" aria-label={`Every version: ${short}`}>
            <li>Original, {entryTimeLabel(entry.occurredAt, now)} by {entry.actor.name}: {entry.originalText}</li>
            {entry.amendments.map((a, i) => <li key={a.eventId}>Amendment {i + 1}, {entryTimeLabel(a.at, now)} by {a.by}: {a.text}</li>)}
          </ol>
        )}
        {entry.retracted && <span className="mark retraction"> Retracted by {entry.retracted.by}: {entry.retracted.reason}</span>}
      </span>
      <span className="tl-actions">
        {(long || expanded) && (
          <button type="button" className="small" aria-expanded={expanded} aria-label={`${expanded ? 'Show less' : amended ? 'Show every version' : 'Show full text'}: ${short}`}
            onClick={() => onToggleExpand(entry)}>{expanded ? 'Show less' : amended ? 'Versions' : 'Show full text'}</button>
        )}
        <button type="button" className="icon" aria-pressed={entry.starred} aria-label={`Star: ${short}`} title="Star for the post-incident review" onClick={toggleStar}>
          {entry.starred ? '★' : '☆'}
        </button>
        {isEntry && !entry.retracted && (
          <>
            <button type="button" className="small" aria-label={`Amend: ${short}`} onClick={() => onEdit(entry, 'amend')}>Amend</button>
            <button type="button" className="small" aria-label={`Retract: ${short}`} onClick={() => onEdit(entry, 'retract')}>Retract</button>
          </>
        )}
      </span>
    </div>
  );
});
