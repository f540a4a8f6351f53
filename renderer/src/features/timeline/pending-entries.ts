// Entries logged but not stored yet (optimistic display): the timeline shows each one at once, marked as being
// saved, until the incident's stored state has it; a failed write removes it again (the entry box says why and
// gives the text back). UI state only (zustand): the event itself is written by the addEntry command.
import { create } from 'zustand';
import type { EntryKind } from '@shared/incident/events';
import type { TimelineEntry } from '@shared/incident/state';

export interface PendingEntry {
  /** The id the stored event will have (made before the write), so the stored row replaces this one. */
  id: string;
  kind: EntryKind;
  text: string;
  /** The stored event's occurredAt, exactly. */
  occurredAt: number;
  by: string;
}

interface PendingState {
  byIncident: Readonly<Record<string, readonly PendingEntry[]>>;
  add(incidentId: string, entry: PendingEntry): void;
  /** Drop entries: their write failed, or the stored state shows them now. */
  remove(incidentId: string, ids: ReadonlySet<string>): void;
}

export const usePendingEntries = create<PendingState>((set) => ({
  byIncident: {},
  add: (incidentId, entry) => set((s) => ({ byIncident: { ...s.byIncident, [incidentId]: [...(s.byIncident[incidentId] ?? []), entry] } })),
  remove: (incidentId, ids) => set((s) => {
    const list = s.byIncident[incidentId];
    if (!list?.some((e) => ids.has(e.id))) return s;
    return { byIncident: { ...s.byIncident, [incidentId]: list.filter((e) => !ids.has(e.id)) } };
  }),
}));

const NONE: readonly PendingEntry[] = [];
export const selectPending = (incidentId: string) => (s: PendingState) => s.byIncident[incidentId] ?? NONE;

/**
 * Whether the timeline (occurrence order) holds the entry: a binary search on its time, then the few entries of
 * that same millisecond, so it stays cheap at 100,000 entries.
 */
export function timelineHas(timeline: readonly TimelineEntry[], id: string, occurredAt: number): boolean {
  let lo = 0;
  let hi = timeline.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((timeline[mid] as TimelineEntry).occurredAt < occurredAt) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < timeline.length && (timeline[i] as TimelineEntry).occurredAt === occurredAt; i++) if ((timeline[i] as TimelineEntry).id === id) return true;
  return false;
}
