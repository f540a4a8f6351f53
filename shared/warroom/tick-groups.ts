// Timeline signal over noise: a run of checklist ticks on one step collapses into one line
// ("Step 3: 4 of 5 checked by Alex, 16:12–16:14") that can be expanded back into its ticks.
import { compareOccurrence } from '../incident/project';
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

function runOf(timeline: readonly TimelineEntry[], start: number, end: number, step: string): TickRun {
  const entries = timeline.slice(start, end);
  const actors: string[] = [];
  for (const e of entries) if (!actors.includes(e.actor.name)) actors.push(e.actor.name);
  const first = entries[0] as TimelineEntry;
  return { start, end, group: { kind: 'ticks', id: first.id, stepId: step, entries, from: first.occurredAt, to: (entries[entries.length - 1] as TimelineEntry).occurredAt, actors } };
}

/** Where `entry` sits in a timeline in occurrence order (binary search), or -1. */
function indexIn(timeline: readonly TimelineEntry[], entry: TimelineEntry): number {
  let lo = 0;
  let hi = timeline.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = timeline[mid] as TimelineEntry;
    if (compareOccurrence(at.occurredAt, at.event, entry.occurredAt, entry.event) < 0) lo = mid + 1;
    else hi = mid;
  }
  return timeline[lo] === entry ? lo : -1;
}

/**
 * The runs of consecutive ticks on the same step (at least `minRun`), in timeline order. Only the runs are
 * allocated. `ticksAmong`: a subsequence of the timeline that holds every tick (the state's systemTimeline):
 * then only those are looked at, each placed by binary search, so a 100,000-entry timeline with a few dozen
 * ticks costs a few hundred comparisons instead of a pass over the array.
 */
export function tickRuns(timeline: readonly TimelineEntry[], minRun = 2, ticksAmong?: readonly TimelineEntry[]): TickRun[] {
  const runs: TickRun[] = [];
  if (ticksAmong) {
    let start = -1;
    let end = -1;
    let step: string | null = null;
    const close = () => { if (step !== null && end - start >= minRun) runs.push(runOf(timeline, start, end, step)); };
    for (const entry of ticksAmong) {
      const s = stepOf(entry);
      if (s === null) continue;
      const at = indexIn(timeline, entry);
      if (at < 0) return tickRuns(timeline, minRun); // not a subsequence of this timeline: scan it all
      if (s === step && at === end) { end = at + 1; continue; }
      close();
      start = at;
      end = at + 1;
      step = s;
    }
    close();
    return runs;
  }
  let i = 0;
  while (i < timeline.length) {
    const step = stepOf(timeline[i] as TimelineEntry);
    if (step === null) { i++; continue; }
    let j = i + 1;
    while (j < timeline.length && stepOf(timeline[j] as TimelineEntry) === step) j++;
    if (j - i >= minRun) runs.push(runOf(timeline, i, j, step));
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
