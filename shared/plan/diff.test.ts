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

  it('covers who is told and what opens an incident: intake rules, status-page components, email lists, every other section', () => {
    const next: Plan = structuredClone(defaultPlan);
    delete next.intake;
    next.statusPage.components = next.statusPage.components.filter((c) => c.id !== 'payments');
    next.distributionLists[0]!.addresses.push('board@example.com');
    next.categories.push({ id: 'privacy', name: 'Privacy' });
    delete next.compliance.breachNotification;
    const changes = diffPlans(defaultPlan, next);
    expect(changes).toEqual(expect.arrayContaining([
      { area: 'Intake rules', what: 'alert rules', from: '15 rules', to: '(none: alerts wait in triage)' },
      { area: 'Status page', what: 'component Payment processing', from: 'listed', to: null },
      { area: 'Distribution lists', what: 'email to stakeholders', from: expect.not.stringContaining('board@example.com') as unknown as string, to: expect.stringContaining('board@example.com') as unknown as string },
      { area: 'Categories', what: 'changed', from: '4 entries', to: '5 entries' },
      { area: 'Compliance', what: 'notification deadline', from: 'GDPR: within 72h', to: '(none: no notification clock)' },
    ]));
    // Removing the rules lists each one removed too.
    expect(changes.filter((c) => c.area === 'Intake rules')).toHaveLength(16);
  });

  it('lists severities added and removed', () => {
    const next: Plan = { ...defaultPlan, severities: defaultPlan.severities.filter((s) => s.id !== 'P3') };
    expect(diffPlans(defaultPlan, next)).toEqual([{ area: 'Severities', what: 'P3', from: expect.stringContaining('respond') as unknown as string, to: null }]);
  });
});
