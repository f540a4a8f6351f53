// Step checklists: the escalation step follows the current severity; progress counts only current items.
import { describe, expect, it } from 'vitest';
import { checkKey, type IncidentState } from '@shared/incident/state';
import { defaultPlan } from '@shared/plan/default-plan';
import { stepProgress, stepSections } from './items';

const step = (id: string) => defaultPlan.steps.find((s) => s.id === id)!;

describe('stepSections', () => {
  it('gives the escalation step the checklist of the current severity, with ids like p1-3', () => {
    const p1 = stepSections(defaultPlan, step('escalation'), 'P1');
    expect(p1[0]!.items.map((i) => i.itemId)).toEqual(['p1-1', 'p1-2', 'p1-3', 'p1-4', 'p1-5']);
    expect(p1[0]!.items[2]!.text).toBe('Start incident bridge');
    expect(stepSections(defaultPlan, step('escalation'), 'P0')[0]!.items).toHaveLength(6);
    expect(stepSections(defaultPlan, step('escalation'), null)).toEqual([]);
  });

  it('qualifies item ids by section, so repeated item ids in a step stay distinct', () => {
    const ids = stepSections(defaultPlan, step('post-incident-review'), null).flatMap((s) => s.items.map((i) => i.itemId));
    expect(ids).toContain('agenda.timeline');
    expect(ids).toContain('document.timeline');
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('stepProgress', () => {
  it('counts checked items of the current checklist only', () => {
    const checks = {
      [checkKey('escalation', 'p1-1')]: { checked: true, at: 1, by: 'A' },
      [checkKey('escalation', 'p1-2')]: { checked: false, at: 2, by: 'A' },
      [checkKey('escalation', 'p0-1')]: { checked: true, at: 3, by: 'A' },
    };
    const state = { checks } as unknown as IncidentState;
    expect(stepProgress(state, 'escalation', stepSections(defaultPlan, step('escalation'), 'P1'))).toEqual({ done: 1, total: 5 });
    expect(stepProgress(state, 'escalation', stepSections(defaultPlan, step('escalation'), 'P0'))).toEqual({ done: 1, total: 6 });
  });
});
