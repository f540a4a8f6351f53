// The timeline's display rows, newest first: entries being saved, entries, checklist-tick groups (one line per
// run of ticks on a step) and, for an expanded group, its ticks beneath it. Rows are read by index (`at(i)`)
// instead of being built as a list: a new entry in a 100,000-entry timeline costs one pass to find the tick runs,
// not 100,000 row objects, and only the rows in view are ever made.
import { SCENARIO_STEP_PREFIX } from '@shared/incident/describe';
import type { TimelineEntry } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { checkedInGroup, tickRuns, type TickGroup } from '@shared/warroom/tick-groups';
import { formatClockTime } from '../../core/format';
import type { PendingEntry } from './pending-entries';

export type DisplayRow =
  | { kind: 'entry'; id: string; entry: TimelineEntry; inGroup: boolean }
  | { kind: 'group'; id: string; group: TickGroup }
  | { kind: 'pending'; id: string; pending: PendingEntry };

export interface DisplayRows {
  readonly count: number;
  /** How many timeline entries these rows show (a group counts its ticks; rows being saved are not counted). */
  readonly entries: number;
  at(index: number): DisplayRow | undefined;
  /** The index of the row with this id, or -1 (a scan: used only while one row is expanded). */
  indexOf(id: string): number;
}

const entryRow = (entry: TimelineEntry, inGroup = false): DisplayRow => ({ kind: 'entry', id: entry.id, entry, inGroup });

/** Rows already built (the filtered views). */
export function listRows(rows: readonly DisplayRow[]): DisplayRows {
  return {
    count: rows.length,
    entries: rows.reduce((n, r) => n + (r.kind === 'group' ? r.group.entries.length : r.kind === 'entry' && !r.inGroup ? 1 : 0), 0),
    at: (i) => rows[i],
    indexOf: (id) => rows.findIndex((r) => r.id === id),
  };
}

/**
 * Every entry newest first, with runs of ticks collapsed into their group line unless `grouped` is false.
 * `ticksAmong`: the state's systemTimeline, when `timeline` is the state's own (ticks are found among it).
 */
export function timelineRows(timeline: readonly TimelineEntry[], grouped: boolean, expanded: ReadonlySet<string>, ticksAmong?: readonly TimelineEntry[]): DisplayRows {
  const n = timeline.length;
  // Runs newest first; for each: where its rows start in the display, how many rows it has, and the shift
  // (display index minus newest-first timeline index) of the rows after it.
  const runs = grouped ? tickRuns(timeline, 2, ticksAmong).reverse() : [];
  const starts: number[] = [];
  const sizes: number[] = [];
  const shifts: number[] = [];
  let shift = 0;
  for (const run of runs) {
    const length = run.end - run.start;
    const size = 1 + (expanded.has(run.group.id) ? length : 0);
    starts.push(n - run.end + shift);
    sizes.push(size);
    shift += size - length;
    shifts.push(shift);
  }
  /** The last run starting at or before display index i, or -1. */
  const runBefore = (i: number) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if ((starts[mid] as number) <= i) lo = mid + 1; else hi = mid; }
    return lo - 1;
  };
  return {
    count: n + shift,
    entries: n,
    at(i) {
      if (i < 0 || i >= n + shift) return undefined;
      const k = runBefore(i);
      if (k >= 0) {
        const offset = i - (starts[k] as number);
        const run = runs[k];
        if (run && offset < (sizes[k] as number)) {
          const { group } = run;
          return offset === 0 ? { kind: 'group', id: `group:${group.id}`, group } : entryRow(group.entries[group.entries.length - offset] as TimelineEntry, true);
        }
      }
      const entry = timeline[n - 1 - (i - (k >= 0 ? (shifts[k] as number) : 0))];
      return entry ? entryRow(entry) : undefined;
    },
    indexOf(id) {
      for (let k = 0; k < runs.length; k++) {
        const run = runs[k];
        if (!run) continue;
        if (`group:${run.group.id}` === id) return starts[k] as number;
        if ((sizes[k] as number) > 1) {
          const t = run.group.entries.findIndex((e) => e.id === id);
          if (t >= 0) return (starts[k] as number) + run.group.entries.length - t;
        }
      }
      for (let t = n - 1; t >= 0; t--) {
        if ((timeline[t] as TimelineEntry).id !== id) continue;
        const raw = n - 1 - t;
        // Shift of the runs that end before this entry (in display order); a collapsed tick has no row.
        let s = 0;
        for (let k = 0; k < runs.length; k++) {
          const run = runs[k] as (typeof runs)[number];
          if (t >= run.start && t < run.end) return -1;
          if (t < run.start) s = shifts[k] as number;
        }
        return raw + s;
      }
      return -1;
    },
  };
}

/** Entries being saved go first (newest first), above the stored rows. */
export function withPending(pending: readonly PendingEntry[], rows: DisplayRows): DisplayRows {
  if (pending.length === 0) return rows;
  const p = pending.length;
  return {
    count: rows.count + p,
    entries: rows.entries,
    at: (i) => {
      if (i >= p) return rows.at(i - p);
      const entry = pending[p - 1 - i];
      return entry ? { kind: 'pending', id: entry.id, pending: entry } : undefined;
    },
    indexOf: (id) => {
      const k = pending.findIndex((e) => e.id === id);
      if (k >= 0) return p - 1 - k;
      const i = rows.indexOf(id);
      return i < 0 ? -1 : i + p;
    },
  };
}

/** "Step 3 (Escalation & Notification): 4 of 5 checked by Alex, 16:12–16:14" (runbooks by their title). */
export function groupLine(plan: Plan, group: TickGroup, stepTotal: number | null): string {
  const step = plan.steps.find((s) => s.id === group.stepId);
  const scenario = plan.scenarios.find((s) => `${SCENARIO_STEP_PREFIX}${s.id}` === group.stepId);
  const name = step ? `Step ${step.number} (${step.title})` : scenario ? `Runbook (${scenario.title})` : group.stepId;
  const { checked } = checkedInGroup(group);
  const span = group.from === group.to ? formatClockTime(group.from, false) : `${formatClockTime(group.from, false)}–${formatClockTime(group.to, false)}`;
  return `${name}: ${checked}${stepTotal ? ` of ${stepTotal}` : ''} checked by ${group.actors.join(', ')}, ${span}`;
}
