// Runbook checklists: item ids the event schema accepts, and the timeline describes them in the plan's words.
import { describe, expect, it } from 'vitest';
import { checklistItemText, describeEvent } from '@shared/incident/describe';
import { payloadSchemas, type IncidentEvent } from '@shared/incident/events';
import { defaultPlan } from '@shared/plan/default-plan';
import { runbookChoices, runbookSections, runbookStepId } from './runbook';

const scenario = defaultPlan.scenarios.find((s) => s.id === 'memory-leak')!;

describe('runbook checklists', () => {
  it('lists investigation and mitigation as checkable items with valid ids', () => {
    const sections = runbookSections(scenario);
    expect(sections.map((s) => s.items.length)).toEqual([scenario.investigation.length, scenario.mitigation.length]);
    for (const item of sections.flatMap((s) => s.items)) {
      expect(payloadSchemas['step.checked'].safeParse({ stepId: runbookStepId(scenario.id), itemId: item.itemId }).success).toBe(true);
      expect(checklistItemText(defaultPlan, runbookStepId(scenario.id), item.itemId)).toBe(item.text);
    }
  });

  it('describes a runbook check with the runbook title and item text', () => {
    const event = { type: 'step.checked', payload: { stepId: runbookStepId(scenario.id), itemId: 'mitigation.1' } } as IncidentEvent;
    expect(describeEvent(event, defaultPlan)).toBe(`Checked (Runbook: ${scenario.title}): ${scenario.mitigation[0]}`);
  });
});

describe('runbook choices', () => {
  const titles = (list: { number: number }[]) => list.map((s) => s.number);
  it('without a category: the plan\'s order and no suggestion', () => {
    const c = runbookChoices(defaultPlan, { scenarioIds: [], category: null, severity: 'P1' });
    expect(titles(c.others)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(c.matching).toEqual([]);
    expect(c.suggested).toBeNull();
    expect(c.reason).toBeNull();
  });
  it('the category\'s runbooks first, each group in the plan\'s order; the severity breaks a tie and says so', () => {
    const app = runbookChoices(defaultPlan, { scenarioIds: [], category: 'application', severity: 'P0' });
    expect(titles(app.matching)).toEqual([2, 4, 5]);
    expect(titles(app.others)).toEqual([1, 3, 6]);
    expect(app.suggested?.id).toBe('payment-processing-failure');
    expect(app.reason).toBe("matches the incident's category (Application) and severity (P0)");
    const infra = runbookChoices(defaultPlan, { scenarioIds: ['db-connection-pool-exhausted'], category: 'infrastructure', severity: 'P3' });
    expect(titles(infra.matching)).toEqual([3]);
    expect(infra.suggested?.id).toBe('disk-space-full');
    expect(infra.reason).toBe("matches the incident's category (Infrastructure)");
  });
});
