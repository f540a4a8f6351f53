import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '@shared/incident/state';
import { defaultPlan } from '@shared/plan/default-plan';
import { groupTicks } from '@shared/warroom/tick-groups';
import { IncidentBuilder, min } from '../../../../test/fixtures/incident-builder';
import { groupLine, timelineRows, withPending, type DisplayRow } from './display-rows';
import { timelineHas, type PendingEntry } from './pending-entries';

/** The rows as a plain list, built the obvious way (newest first; an expanded group's ticks beneath it). */
function reference(timeline: readonly TimelineEntry[], grouped: boolean, expanded: ReadonlySet<string>): DisplayRow[] {
  if (!grouped) return [...timeline].reverse().map((entry) => ({ kind: 'entry', id: entry.id, entry, inGroup: false }));
  const out: DisplayRow[] = [];
  const items = groupTicks(timeline);
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

const all = (rows: { count: number; at(i: number): DisplayRow | undefined }) => Array.from({ length: rows.count }, (_, i) => rows.at(i));

describe('timeline display rows', () => {
  const inc = new IncidentBuilder();
  inc.open('P1');
  for (let i = 1; i <= 4; i++) inc.add(min(10 + i), 'step.checked', { stepId: 'escalation', itemId: `p1-${i}` });
  inc.add(min(20), 'entry.added', { kind: 'decision', text: 'Roll back' });
  const timeline = inc.state().timeline;

  it('newest first, ticks collapsed into one group line; an expanded group shows its ticks beneath it', () => {
    const collapsed = timelineRows(timeline, true, new Set());
    expect(all(collapsed).map((r) => r?.kind)).toEqual(['entry', 'group', 'entry']);
    expect(collapsed.entries).toBe(6);
    const group = collapsed.at(1);
    if (group?.kind !== 'group') throw new Error('expected a group');
    const open = timelineRows(timeline, true, new Set([group.group.id]));
    expect(all(open).map((r) => (r?.kind === 'entry' ? r.inGroup : 'group'))).toEqual([false, 'group', true, true, true, true, false]);
    expect(groupLine(defaultPlan, group.group, 5)).toMatch(new RegExp(`^Step 3 \\(Escalation & Notification\\): 4 of 5 checked by Alex IC, \\d\\d:\\d\\d–\\d\\d:\\d\\d$`));
  });

  it('entries being saved come first, newest first, and are not counted as shown entries', () => {
    const pending: PendingEntry[] = [
      { id: 'p1', kind: 'note', text: 'first', occurredAt: min(30), by: 'Alex IC' },
      { id: 'p2', kind: 'note', text: 'second', occurredAt: min(31), by: 'Alex IC' },
    ];
    const rows = withPending(pending, timelineRows(timeline, true, new Set()));
    expect(all(rows).map((r) => r?.id).slice(0, 3)).toEqual(['p2', 'p1', timeline.at(-1)?.id]);
    expect(rows.count).toBe(5);
    expect(rows.entries).toBe(6);
    expect(rows.indexOf('p1')).toBe(1);
    expect(rows.indexOf(timeline[0]?.id ?? '')).toBe(4);
  });

  it('read by index, the rows equal the list built the obvious way, for any mix of ticks, entries and expanded groups', () => {
    const item = fc.oneof(fc.constant('note'), fc.constantFrom('escalation', 'triage'));
    fc.assert(fc.property(fc.array(item, { maxLength: 40 }), fc.array(fc.boolean(), { maxLength: 40 }), fc.boolean(), (kinds, open, grouped) => {
      const b = new IncidentBuilder();
      b.open('P1');
      kinds.forEach((k, i) => {
        // Two events a minute, so ordering (and the binary search) meets ties in time.
        if (k === 'note') b.add(min(1 + (i >> 1)), 'entry.added', { kind: 'note', text: `note ${i}` });
        else b.add(min(1 + (i >> 1)), 'step.checked', { stepId: k, itemId: `i${i}` });
      });
      const tl = b.state().timeline;
      const groups = groupTicks(tl).filter((g) => g.kind === 'ticks');
      const expanded = new Set(groups.filter((_, i) => open[i]).map((g) => g.id));
      const rows = timelineRows(tl, grouped, expanded);
      const expected = reference(tl, grouped, expanded);
      expect(all(rows)).toEqual(expected);
      // Ticks found among the system timeline (by binary search) give the same rows as a scan of it all.
      expect(all(timelineRows(tl, grouped, expanded, b.state().systemTimeline))).toEqual(expected);
      expect(rows.at(rows.count)).toBeUndefined();
      expected.forEach((row, i) => expect(rows.indexOf(row.id)).toBe(i));
    }), { numRuns: 200 });
  });

  it('finds whether the stored timeline has an entry by its id and time', () => {
    const last = timeline.at(-1) as TimelineEntry;
    expect(timelineHas(timeline, last.id, last.occurredAt)).toBe(true);
    expect(timelineHas(timeline, last.id, last.occurredAt + 1)).toBe(false);
    expect(timelineHas(timeline, 'nope', last.occurredAt)).toBe(false);
  });
});
