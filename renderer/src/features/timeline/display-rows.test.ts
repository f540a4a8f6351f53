import { describe, expect, it } from 'vitest';
import { defaultPlan } from '@shared/plan/default-plan';
import { IncidentBuilder, min } from '../../../../test/fixtures/incident-builder';
import { displayRows, groupLine } from './display-rows';

describe('timeline display rows', () => {
  const inc = new IncidentBuilder();
  inc.open('P1');
  for (let i = 1; i <= 4; i++) inc.add(min(10 + i), 'step.checked', { stepId: 'escalation', itemId: `p1-${i}` });
  inc.add(min(20), 'entry.added', { kind: 'decision', text: 'Roll back' });
  const timeline = inc.state().timeline;

  it('newest first, ticks collapsed into one group line; an expanded group shows its ticks beneath it', () => {
    const collapsed = displayRows(timeline, new Set());
    expect(collapsed.map((r) => r.kind)).toEqual(['entry', 'group', 'entry']);
    const group = collapsed[1];
    if (group?.kind !== 'group') throw new Error('expected a group');
    const open = displayRows(timeline, new Set([group.group.id]));
    expect(open.map((r) => (r.kind === 'entry' ? r.inGroup : 'group'))).toEqual([false, 'group', true, true, true, true, false]);
    expect(groupLine(defaultPlan, group.group, 5)).toMatch(new RegExp(`^Step 3 \\(Escalation & Notification\\): 4 of 5 checked by Alex IC, \\d\\d:\\d\\d–\\d\\d:\\d\\d$`));
  });
});
