// A timeline row for an entry logged but not stored yet: the same line as a stored entry, marked "Saving…",
// without the star/amend/retract controls (there is nothing stored to act on until the write lands).
import { formatDateTime } from '../../core/format';
import type { PendingEntry } from './pending-entries';
import { entryTimeLabel } from './time-label';

const KIND_TAG: Record<PendingEntry['kind'], string> = { note: 'Note', decision: 'Decision', action: 'Action', evidence: 'Evidence' };

export function PendingRow({ entry, now }: { entry: PendingEntry; now: number }) {
  return (
    <div className={`tl-row kind-${entry.kind} pending`} data-pending="true">
      <time className="tl-time" dateTime={new Date(entry.occurredAt).toISOString()} title={formatDateTime(entry.occurredAt)}>
        {entryTimeLabel(entry.occurredAt, now)}
      </time>
      <span className={`tl-kind tag-${entry.kind}`}>{KIND_TAG[entry.kind]}</span>
      <span className="tl-author"><span className="tl-name">{entry.by}</span></span>
      <span className="tl-text" title={entry.text}><span className="tl-body">{entry.text}</span></span>
      <span className="tl-actions"><span className="mark" role="status">Saving…</span></span>
    </div>
  );
}
