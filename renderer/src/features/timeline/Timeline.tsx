// The incident timeline: entry box, filters, and a virtualised list of every entry and system event,
// newest first, smooth with 100,000 rows; an entry being saved shows at once at the top (pending-entries.ts).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { IncidentState, TimelineEntry } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { useNow } from '../../core/useNow';
import { formatCount } from '../../core/format';
import { useIncidentComplete } from '../../db/hooks';
import { withAlertEntries } from '../alerts';
import { EntryBox } from './EntryBox';
import { EditEntryForm, type EditMode } from './EditEntryForm';
import { TimelineRow } from './TimelineRow';
import { TickGroupRow } from './TickGroupRow';
import { PendingRow } from './PendingRow';
import { listRows, timelineRows, withPending, type DisplayRow } from './display-rows';
import { selectPending, timelineHas, usePendingEntries } from './pending-entries';
import { rowWindow, useViewport } from './row-window';
import './timeline.css';

type KindFilter = 'all' | TimelineEntry['kind'];
/** Must match .tl-row's height in timeline.css. */
export const ROW_HEIGHT = 36;


const KIND_FILTERS: Array<[KindFilter, string]> = [
  ['all', 'All kinds'], ['note', 'Notes'], ['decision', 'Decisions'], ['action', 'Actions'], ['evidence', 'Evidence'], ['system', 'System events'], ['inject', 'Injects'],
];

/** `extraEntries`: entries from outside the incident's own stream (attached alerts), merged in by time. */
export function Timeline({ incidentId, state: own, plan, extraEntries }: { incidentId: string; state: IncidentState; plan: Plan; extraEntries?: TimelineEntry[] }) {
  const timeline = useMemo(() => withAlertEntries(own.timeline, extraEntries ?? []), [own.timeline, extraEntries]);
  const state = useMemo(() => (timeline === own.timeline ? own : { ...own, timeline }), [own, timeline]);
  const [kind, setKind] = useState<KindFilter>('all');
  const [author, setAuthor] = useState('');
  const [starredOnly, setStarredOnly] = useState(false);
  const [editing, setEditing] = useState<{ id: string; mode: EditMode } | null>(null);
  const onEdit = useCallback((entry: TimelineEntry, mode: EditMode) => setEditing({ id: entry.id, mode }), []);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Minute resolution is enough for "is this entry from today".
  const now = useNow(60_000);
  // Opened newest first: the older log entries are still being read (the count grows when they are in).
  const complete = useIncidentComplete(incidentId);
  // One row at a time can be expanded to its full text; its measured height makes room for it in the list.
  const [expanded, setExpanded] = useState<{ id: string; height: number } | null>(null);
  const onToggleExpand = useCallback((entry: TimelineEntry) => {
    setExpanded((x) => (x?.id === entry.id ? null : { id: entry.id, height: ROW_HEIGHT * 2 }));
  }, []);
  const onMeasure = useCallback((id: string, height: number) => {
    setExpanded((x) => (x && x.id === id && x.height !== Math.max(height, ROW_HEIGHT) ? { id, height: Math.max(height, ROW_HEIGHT) } : x));
  }, []);

  // The author list is refreshed when the filter is about to be used, not on every new entry (O(n) at 100k).
  const [authorsVersion, setAuthorsVersion] = useState(0);
  const timelineRef = useRef(state.timeline);
  timelineRef.current = state.timeline;
  const authors = useMemo(() => {
    void authorsVersion;
    const names = new Set<string>();
    for (const e of timelineRef.current) names.add(e.actor.name);
    return [...names].sort();
  }, [authorsVersion]);
  const refreshAuthors = () => setAuthorsVersion((v) => v + 1);

  // Checklist ticks collapse into one line per run on a step (expandable); the user may turn grouping off.
  const [grouped, setGrouped] = useState(true);
  const [openGroups, setOpenGroups] = useState<ReadonlySet<string>>(() => new Set());
  const toggleGroup = useCallback((groupId: string) => setOpenGroups((open) => {
    const next = new Set(open);
    if (next.has(groupId)) next.delete(groupId); else next.add(groupId);
    return next;
  }), []);

  // Newest first. Filtered views are built as lists; the full view (grouped or not) is read by index in place,
  // so a new entry costs no 100k-element copy.
  const stored = useMemo(() => {
    // The state's own timeline (no alert entries merged in): its ticks are found among its system timeline.
    if (kind === 'all' && !author && !starredOnly) return timelineRows(state.timeline, grouped, openGroups, state.timeline === own.timeline ? own.systemTimeline : undefined);
    const out: DisplayRow[] = [];
    const list = state.timeline;
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i] as TimelineEntry;
      if (kind !== 'all' && e.kind !== kind) continue;
      if (author && e.actor.name !== author) continue;
      if (starredOnly && !e.starred) continue;
      out.push({ kind: 'entry', id: e.id, entry: e, inGroup: false });
    }
    return listRows(out);
  }, [state.timeline, own.timeline, own.systemTimeline, kind, author, starredOnly, grouped, openGroups]);

  // Entries logged but not stored yet, until the stored timeline has them (then they leave the pending list).
  const allPending = usePendingEntries(selectPending(incidentId));
  const removePending = usePendingEntries((s) => s.remove);
  const landed = useMemo(() => new Set(allPending.filter((p) => timelineHas(own.timeline, p.id, p.occurredAt)).map((p) => p.id)), [allPending, own.timeline]);
  useEffect(() => { if (landed.size) removePending(incidentId, landed); }, [landed, removePending, incidentId]);
  const pending = useMemo(() => (landed.size ? allPending.filter((p) => !landed.has(p.id)) : allPending), [allPending, landed]);
  const rows = useMemo(() => withPending(pending, stored), [pending, stored]);

  const editingEntry = useMemo(() => (editing ? state.timeline.find((e) => e.id === editing.id) : undefined), [editing, state.timeline]);

  // Fixed row height, so offsets are arithmetic; only the one expanded row differs (its measured height).
  const viewport = useViewport(scrollRef);
  const expandedIndex = useMemo(() => (expanded ? rows.indexOf(expanded.id) : -1), [expanded, rows]);
  const view = rowWindow(rows.count, ROW_HEIGHT, expanded ? { index: expandedIndex, height: expanded.height } : null, viewport.top, viewport.height, 10);
  const expandedId = expanded?.id ?? null;

  return (
    <section className="timeline" aria-label="Timeline">
      <h3 className="visually-hidden">Timeline</h3>
      <EntryBox incidentId={incidentId} impactStartedAt={state.impactStartedAt} />
      {editingEntry && editing && (
        <EditEntryForm key={`${editing.id}-${editing.mode}`} entry={editingEntry} incidentId={incidentId} mode={editing.mode} onDone={() => setEditing(null)} />
      )}
      <div className="tl-filters">
        <label>
          Filter by kind
          <select value={kind} onChange={(e) => setKind(e.target.value as KindFilter)}>
            {KIND_FILTERS.map(([id, label]) => <option key={id} value={id}>{label}</option>)}
          </select>
        </label>
        <label>
          Filter by author
          <select value={author} onChange={(e) => setAuthor(e.target.value)} onFocus={refreshAuthors} onPointerDown={refreshAuthors}>
            <option value="">Everyone</option>
            {authors.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={starredOnly} onChange={(e) => setStarredOnly(e.target.checked)} />
          Starred only
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} />
          Group checklist ticks
        </label>
        <span className="muted" aria-live="polite">
          {complete
            ? `${formatCount(rows.entries)} of ${formatCount(state.timeline.length)} shown`
            : `${formatCount(rows.entries)} newest shown, loading older entries…`}
          {pending.length ? `, ${pending.length} saving` : ''}
        </span>
      </div>
      <div ref={scrollRef} className="tl-scroll" data-testid="timeline-scroll">
        <div role="list" aria-label="Timeline entries" style={{ height: view.total, position: 'relative' }}>
          {view.items.map((item) => {
            const row = rows.at(item.index) as DisplayRow;
            return (
              <div key={row.id} role="listitem" aria-setsize={rows.count} aria-posinset={item.index + 1}
                style={{ position: 'absolute', left: 0, width: '100%', height: item.height, bottom: item.end }}>
                {row.kind === 'group'
                  ? <TickGroupRow group={row.group} state={state} plan={plan} open={openGroups.has(row.group.id)} onToggle={toggleGroup} />
                  : row.kind === 'pending'
                    ? <PendingRow entry={row.pending} now={now} />
                    : <TimelineRow entry={row.entry} incidentId={incidentId} plan={plan} onEdit={onEdit} now={now} inGroup={row.inGroup}
                      expanded={row.id === expandedId} onToggleExpand={onToggleExpand} onMeasure={onMeasure} />}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
