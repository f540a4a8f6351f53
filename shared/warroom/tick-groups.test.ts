import { describe, expect, it } from 'vitest';
import { IncidentBuilder, min } from '../../test/fixtures/incident-builder';
import { checkedInGroup, groupTicks, type TickGroup } from './tick-groups';

describe('tick groups', () => {
  it('a run of ticks on one step becomes one group; a note in between splits it; order is kept', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    inc.add(min(12), 'step.checked', { stepId: 'escalation', itemId: 'p1-1' });
    inc.add(min(13), 'step.checked', { stepId: 'escalation', itemId: 'p1-2' });
    inc.add(min(13), 'step.unchecked', { stepId: 'escalation', itemId: 'p1-2' });
    inc.add(min(14), 'step.checked', { stepId: 'escalation', itemId: 'p1-3' });
    inc.add(min(15), 'entry.added', { kind: 'note', text: 'DBA joined' });
    inc.add(min(16), 'step.checked', { stepId: 'escalation', itemId: 'p1-4' });
    inc.add(min(17), 'step.checked', { stepId: 'triage', itemId: 'a.1' });
    inc.add(min(18), 'step.checked', { stepId: 'triage', itemId: 'a.2' });
    const items = groupTicks(inc.state().timeline);
    expect(items.map((i) => (i.kind === 'ticks' ? `ticks:${i.stepId}:${i.entries.length}` : i.entry.type))).toEqual([
      'incident.opened', 'ticks:escalation:4', 'entry.added', 'step.checked', 'ticks:triage:2',
    ]);
    const group = items[1] as TickGroup;
    expect(group).toMatchObject({ from: min(12), to: min(14), actors: ['Alex IC'] });
    expect(checkedInGroup(group)).toEqual({ checked: 2, items: 3 });
  });
});
