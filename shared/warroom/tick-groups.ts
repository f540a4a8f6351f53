// Timeline signal over noise: a run of checklist ticks on one step collapses into one line
// ("Step 3: 4 of 5 checked by Alex, 16:12–16:14") that can be expanded back into its ticks.
import type { TimelineEntry } from '../incident/state';

export interface TickGroup {
  kind: 'ticks';
  /** Stable key: the first tick's id. */
  id: string;
  stepId: string;
  /** The ticks in time order (checks and unchecks). */
  entries: TimelineEntry[];
  from: number;
  to: number;
  /** Everyone who ticked, in order of first tick. */
  actors: string[];
}

export type TimelineItem = { kind: 'entry'; entry: TimelineEntry } | TickGroup;

const stepOf = (e: TimelineEntry): string | null =>
  e.event.type === 'step.checked' || e.event.type === 'step.unchecked' ? e.event.payload.stepId : null;

/**
 * The timeline (in occurrence order) as items: consecutive ticks on the same step (at least `minRun`) become
 * one group; everything else, and any tick between other entries, stays as it is. Order is preserved.
 */
export function groupTicks(timeline: readonly TimelineEntry[], minRun = 2): TimelineItem[] {
  const out: TimelineItem[] = [];
  let i = 0;
  while (i < timeline.length) {
    const first = timeline[i] as TimelineEntry;
    const step = stepOf(first);
    let j = i + 1;
    if (step !== null) while (j < timeline.length && stepOf(timeline[j] as TimelineEntry) === step) j++;
    if (step !== null && j - i >= minRun) {
      const entries = timeline.slice(i, j);
      const actors: string[] = [];
      for (const e of entries) if (!actors.includes(e.actor.name)) actors.push(e.actor.name);
      out.push({ kind: 'ticks', id: first.id, stepId: step, entries, from: first.occurredAt, to: (entries[entries.length - 1] as TimelineEntry).occurredAt, actors });
    } else {
      for (let k = i; k < j; k++) out.push({ kind: 'entry', entry: timeline[k] as TimelineEntry });
    }
    i = j;
  }
  return out;
}

/** How many of a group's items end up checked (the last tick per item wins). */
export function checkedInGroup(group: TickGroup): { checked: number; items: number } {
  const last = new Map<string, boolean>();
  for (const e of group.entries) {
    if (e.event.type === 'step.checked' || e.event.type === 'step.unchecked') last.set(e.event.payload.itemId, e.event.type === 'step.checked');
  }
  return { checked: [...last.values()].filter(Boolean).length, items: last.size };
}
