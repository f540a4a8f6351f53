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

/** A group's place in the timeline: entries [start, end) (occurrence order) collapse into `group`. */
export interface TickRun { start: number; end: number; group: TickGroup }

/**
 * The runs of consecutive ticks on the same step (at least `minRun`), in timeline order. Only the runs are
 * allocated, so a 100,000-entry timeline with a few dozen ticks costs one pass over the array.
 */
export function tickRuns(timeline: readonly TimelineEntry[], minRun = 2): TickRun[] {
  const runs: TickRun[] = [];
  let i = 0;
  while (i < timeline.length) {
    const first = timeline[i] as TimelineEntry;
    const step = stepOf(first);
    if (step === null) { i++; continue; }
    let j = i + 1;
    while (j < timeline.length && stepOf(timeline[j] as TimelineEntry) === step) j++;
    if (j - i >= minRun) {
      const entries = timeline.slice(i, j);
      const actors: string[] = [];
      for (const e of entries) if (!actors.includes(e.actor.name)) actors.push(e.actor.name);
      runs.push({ start: i, end: j, group: { kind: 'ticks', id: first.id, stepId: step, entries, from: first.occurredAt, to: (entries[entries.length - 1] as TimelineEntry).occurredAt, actors } });
    }
    i = j;
  }
  return runs;
}

/**
 * The timeline (in occurrence order) as items: consecutive ticks on the same step (at least `minRun`) become
 * one group; everything else, and any tick between other entries, stays as it is. Order is preserved.
 */
export function groupTicks(timeline: readonly TimelineEntry[], minRun = 2): TimelineItem[] {
  const out: TimelineItem[] = [];
  let i = 0;
  for (const run of tickRuns(timeline, minRun)) {
    for (; i < run.start; i++) out.push({ kind: 'entry', entry: timeline[i] as TimelineEntry });
    out.push(run.group);
    i = run.end;
  }
  for (; i < timeline.length; i++) out.push({ kind: 'entry', entry: timeline[i] as TimelineEntry });
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
