// Pure choices for the wall display: which incident it shows and which timeline entries.
import type { Clock } from '@shared/clocks/types';
import type { TimelineEntry } from '@shared/incident/state';

export interface WallCandidate {
  id: string;
  opened: boolean;
  status: string;
  drill: boolean;
  /** Restricted to its participants: shown on the wall only when its console picks it, never chosen by urgency. */
  restricted?: boolean;
  /** Rank of the incident's severity in the plan (0 = most severe); null when unclassified. */
  severityRank: number | null;
  detectedAt: number;
  /** The incident's most urgent running clock, when the alert watcher has computed it. */
  topClock: Pick<Clock, 'state' | 'dueAt' | 'active'> | null;
}

const clockUrgency = (c: WallCandidate['topClock']): number =>
  !c || !c.active ? 3 : c.state === 'overdue' ? 0 : c.state === 'due-soon' ? 1 : 2;

const isActive = (c: WallCandidate) => c.opened && c.status !== 'resolved' && c.status !== 'closed';

/**
 * The incident on the wall: the one open in the console if any; otherwise the most urgent active incident:
 * worst clock state first (overdue, due soon, ok), then higher severity, then the clock due first, then the newest.
 * Real incidents come before drills at equal urgency. A restricted incident is never put on a shared screen unasked.
 */
export function pickWallIncident(selectedId: string | null, candidates: readonly WallCandidate[]): string | null {
  if (selectedId && candidates.some((c) => c.id === selectedId && c.opened)) return selectedId;
  const active = candidates.filter((c) => isActive(c) && !c.restricted);
  if (active.length === 0) return null;
  const sorted = [...active].sort((a, b) =>
    clockUrgency(a.topClock) - clockUrgency(b.topClock)
    || (a.severityRank ?? 99) - (b.severityRank ?? 99)
    || Number(a.drill) - Number(b.drill)
    || (a.topClock?.dueAt ?? Infinity) - (b.topClock?.dueAt ?? Infinity)
    || b.detectedAt - a.detectedAt);
  return sorted[0]?.id ?? null;
}

/** The latest entries, newest first (retracted ones included; the view strikes them through). */
export function latestEntries(timeline: readonly TimelineEntry[], count = 10): TimelineEntry[] {
  return timeline.slice(-count).reverse();
}
