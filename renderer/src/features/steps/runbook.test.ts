// Runbook checklists: item ids the event schema accepts, and the timeline describes them in the plan's words.
import { describe, expect, it } from 'vitest';
import { checklistItemText, describeEvent } from '@shared/incident/describe';
import { payloadSchemas, type IncidentEvent } from '@shared/incident/events';
import { defaultPlan } from '@shared/plan/default-plan';
import { runbookSections, runbookStepId } from './runbook';

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
