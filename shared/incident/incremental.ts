// Fast path for the commonest changes to an open incident (entries logged, amended, retracted, starred):
// patch the previous IncidentState instead of re-projecting every event. Must equal projectIncident(doc);
// anything else returns null and the caller projects in full.
import { readRegister, type IncidentDoc } from './doc';
import type { IncidentEvent } from './events';
import { buildTimelineEntry, compareByOccurrence, compareOccurrence, systemEntries } from './project';
import { REG } from './registers';
import type { IncidentState, TimelineEntry } from './state';

const ENTRY_TYPES: ReadonlySet<IncidentEvent['type']> = new Set(['entry.added', 'entry.amended', 'entry.retracted', 'entry.starred']);
/** Past this many new events a full projection is as cheap as patching. */
const MAX_PATCH = 500;

/** One timeline entry exactly as projectTimeline builds it (amendments gathered only when there are any). */
function buildEntry(doc: IncidentDoc, event: IncidentEvent): TimelineEntry {
  if (event.type !== 'entry.added' || !readRegister(doc, REG.entryText(event.id))) return buildTimelineEntry(doc, event, []);
  const amendments: IncidentEvent[] = [];
  for (const e of doc.events.values()) if (e.type === 'entry.amended' && e.payload.entryId === event.id) amendments.push(e);
  return buildTimelineEntry(doc, event, amendments.sort(compareByOccurrence).map((e) => ({
    text: e.type === 'entry.amended' ? e.payload.text : '', at: Date.parse(e.occurredAt), by: e.actor.name, eventId: e.id,
  })));
}

function insertionIndex(timeline: TimelineEntry[], event: IncidentEvent): number {
  let lo = 0;
  let hi = timeline.length;
  const at = Date.parse(event.occurredAt);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const entry = timeline[mid] as TimelineEntry;
    if (compareOccurrence(entry.occurredAt, entry.event, at, event) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The state after `added` (already applied to `doc`), or null when only a full projection is right. */
export function patchState(prev: IncidentState, doc: IncidentDoc, added: IncidentEvent[]): IncidentState | null {
  if (!prev.opened || added.length > MAX_PATCH) return null;
  if (!added.every((e) => ENTRY_TYPES.has(e.type))) return null;
  const timeline = prev.timeline.slice();
  const targets = new Set<string>();
  let lastActivityAt = prev.lastActivityAt;
  for (const event of added) {
    lastActivityAt = Math.max(lastActivityAt, Date.parse(event.recordedAt));
    if (event.type === 'entry.added') timeline.splice(insertionIndex(timeline, event), 0, buildEntry(doc, event));
    else if (event.type === 'entry.amended' || event.type === 'entry.retracted' || event.type === 'entry.starred') targets.add(event.payload.entryId);
  }
  // New log entries leave the system timeline as it was (the same array); a star on a system event rebuilds it.
  let systemChanged = false;
  if (targets.size) {
    for (let i = timeline.length - 1; i >= 0; i--) {
      const entry = timeline[i] as TimelineEntry;
      if (!targets.has(entry.id)) continue;
      timeline[i] = buildEntry(doc, entry.event);
      if (entry.type !== 'entry.added') systemChanged = true;
    }
  }
  const systemTimeline = systemChanged ? systemEntries(timeline) : prev.systemTimeline;
  return { ...prev, timeline, systemTimeline, eventCount: doc.events.size, lastActivityAt };
}
