// Alert groups attached to an incident as timeline entries (first firing, resolved, re-fired), merged into
// the incident's own timeline by the console; repeats never add an entry.
import type { AlertGroup } from '@shared/alerts/group';
import type { TimelineEntry } from '@shared/incident/state';

export function alertTimelineEntries(groups: AlertGroup[]): TimelineEntry[] {
  return groups.flatMap((g) => g.timeline.map((item) => ({
    id: `${g.id}:${item.key}`,
    type: 'alert.notified' as const,
    kind: 'system' as const,
    event: item.event,
    actor: item.event.actor,
    occurredAt: item.at,
    recordedAt: Date.parse(item.event.recordedAt),
    backdated: false,
    text: item.text,
    amendments: [],
    retracted: null,
    starred: false,
  })));
}

/** The incident's timeline with alert entries merged in by time; the same array when there are none. */
export function withAlertEntries(timeline: TimelineEntry[], extra: TimelineEntry[]): TimelineEntry[] {
  if (extra.length === 0) return timeline;
  return [...timeline, ...extra].sort((a, b) => a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : 1));
}
