import { describe, expect, it } from 'vitest';
import { defaultPlan } from './default-plan';
import { diffPlans } from './diff';
import type { Plan } from './schema';

describe('diffPlans', () => {
  it('the same plan has no differences', () => {
    expect(diffPlans(defaultPlan, structuredClone(defaultPlan))).toEqual([]);
  });

  it('names changed targets, cadences, steps and timers with old and new values', () => {
    const next: Plan = structuredClone(defaultPlan);
    const p1 = next.severities.find((s) => s.id === 'P1')!;
    p1.responseTarget = '5m';
    p1.updateCadences = p1.updateCadences.filter((c) => c.audience !== 'users');
    next.steps[1]!.title = 'Classify fast';
    next.steps[1]!.sections[0]!.items.push({ id: 'new-item', text: 'Tell the duty manager' });
    next.timers.recurrenceWatch = '1h';
    const changes = diffPlans(defaultPlan, next);
    expect(changes).toEqual(expect.arrayContaining([
      { area: 'Severities', what: 'P1 response target', from: '15m', to: '5m' },
      { area: 'Update cadences', what: 'P1 updates to users', from: 'every 30m', to: null },
      { area: 'Response steps', what: 'Step 2 title', from: defaultPlan.steps[1]!.title, to: 'Classify fast' },
      { area: 'Response steps', what: 'Step 2 (Classify fast) checklist item', from: null, to: 'Tell the duty manager' },
      { area: 'Timers', what: 'recurrenceWatch', from: defaultPlan.timers.recurrenceWatch, to: '1h' },
    ]));
    expect(changes).toHaveLength(5);
  });

  it('lists severities added and removed', () => {
    const next: Plan = { ...defaultPlan, severities: defaultPlan.severities.filter((s) => s.id !== 'P3') };
    expect(diffPlans(defaultPlan, next)).toEqual([{ area: 'Severities', what: 'P3', from: expect.stringContaining('respond') as unknown as string, to: null }]);
  });
});
