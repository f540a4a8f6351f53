// A step the plan gives a deadline runs a clock from detection until its checklist is done; steps without one run none.
import { describe, expect, it } from 'vitest';
import { computeClocks } from './clocks';
import { defaultPlan } from '../plan/default-plan';
import type { Plan } from '../plan/schema';
import { IncidentBuilder, min } from '../../test/fixtures/incident-builder';

const plan: Plan = structuredClone(defaultPlan);
const step = plan.steps[1] as Plan['steps'][number];
step.dueWithin = '30m';
const items = step.sections.flatMap((s) => s.items);

describe('a step with a deadline', () => {
  it('runs from detection, overdue when its checklist is not done in time, met when every item is ticked', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    const first = computeClocks(inc.state(), plan, min(1)).find((c) => c.id === `step:${step.id}`);
    expect(first).toMatchObject({ kind: 'step-due', dueAt: min(30), state: 'ok' });
    expect(first?.label).toBe(`Step ${step.number}: ${step.title} (due 30m from detection)`);
    expect(computeClocks(inc.state(), plan, min(31)).find((c) => c.id === `step:${step.id}`)?.state).toBe('overdue');
    items.forEach((item, k) => inc.add(min(10 + k), 'step.checked', { stepId: step.id, itemId: item.id }));
    expect(computeClocks(inc.state(), plan, min(40)).find((c) => c.id === `step:${step.id}`)).toMatchObject({ state: 'met', active: false });
  });

  it('the built-in plan states no step deadline, so no step clock runs', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    expect(computeClocks(inc.state(), defaultPlan, min(1)).filter((c) => c.kind === 'step-due')).toEqual([]);
  });
});
