// The timeline's display rows, newest first: entries, checklist-tick groups (one line per run of ticks on a
// step) and, for an expanded group, its ticks beneath it.
import { SCENARIO_STEP_PREFIX } from '@shared/incident/describe';
import type { TimelineEntry } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { checkedInGroup, groupTicks, type TickGroup } from '@shared/warroom/tick-groups';
import { formatClockTime } from '../../core/format';

export type DisplayRow =
  | { kind: 'entry'; id: string; entry: TimelineEntry; inGroup: boolean }
  | { kind: 'group'; id: string; group: TickGroup };

/** Newest first; the ticks of groups in `expanded` follow their group line. */
export function displayRows(timeline: readonly TimelineEntry[], expanded: ReadonlySet<string>): DisplayRow[] {
  const items = groupTicks(timeline);
  const out: DisplayRow[] = [];
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (!item) continue;
    if (item.kind === 'entry') { out.push({ kind: 'entry', id: item.entry.id, entry: item.entry, inGroup: false }); continue; }
    out.push({ kind: 'group', id: `group:${item.id}`, group: item });
    if (expanded.has(item.id)) for (let j = item.entries.length - 1; j >= 0; j--) {
      const entry = item.entries[j] as TimelineEntry;
      out.push({ kind: 'entry', id: entry.id, entry, inGroup: true });
    }
  }
  return out;
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
