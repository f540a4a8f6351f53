// Runbook checklists: item ids the event schema accepts, and the timeline describes them in the plan's words.
import { describe, expect, it } from 'vitest';
import { checklistItemText, describeEvent } from '@shared/incident/describe';
import { payloadSchemas, type IncidentEvent } from '@shared/incident/events';
import { defaultPlan } from '@shared/plan/default-plan';
import { readFileSync } from 'node:fs';
import type { AlertGroup } from '@shared/alerts/group';
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

describe('runbook suggested from the alert, before category and severity', () => {
  // The recorded Alertmanager payload's alert (test/fixtures/alerts/alertmanager-firing.json), as the intake folds it.
  const recorded = JSON.parse(readFileSync(new URL('../../../../test/fixtures/alerts/alertmanager-firing.json', import.meta.url), 'utf8')) as {
    alerts: Array<{ labels: Record<string, string>; annotations: Record<string, string> }>;
  };
  const group = (labels: Record<string, string>, annotations: Record<string, string>, triage: AlertGroup['alerts'][number]['triage'] = { action: 'triage', ruleId: 'error-rate', category: 'application' }): AlertGroup => ({
    id: 'a1e7', source: 'alertmanager', groupKey: 'k', title: labels.alertname ?? 'Alert', groupLabels: {}, status: 'firing', firingSince: 0, firstSeenAt: 0, lastSeenAt: 0,
    count: 1, resolvedAt: null, silenced: null, attachedTo: 'x', timeline: [],
    alerts: [{ fingerprint: 'f', name: labels.alertname ?? 'Alert', status: 'firing', labels, annotations, triage, occurrences: [] }],
  });
  const incident = { scenarioIds: [], category: 'application', severity: 'P1' };

  it('an error-rate alert gets a runbook whose symptoms match it, not "Email Delivery Failure" by category and severity', () => {
    expect(runbookChoices(defaultPlan, incident).suggested?.id).toBe('email-delivery-failure'); // what category+severity alone gives
    const [alert] = recorded.alerts;
    const c = runbookChoices(defaultPlan, incident, [group(alert!.labels, alert!.annotations)]);
    expect(c.suggested?.id).toBe('memory-leak');
    expect(c.reason).toBe("matches the alert's symptoms (error, rate) and the incident's category (Application)");
  });

  it('the intake rule\'s runbook first, then a runbook the alert\'s labels name', () => {
    const disk = group({ alertname: 'DiskSpaceLow' }, {}, { action: 'triage', ruleId: 'disk', scenario: 'disk-space-full' });
    expect(runbookChoices(defaultPlan, incident, [disk])).toMatchObject({ suggested: { id: 'disk-space-full' }, reason: 'is the one the plan\'s intake rule "Disk Space Monitoring (> 85% full)" names for the alert DiskSpaceLow' });
    const labelled = group({ alertname: 'Whatever' }, { runbook_url: 'https://wiki.example/runbooks/db-connection-pool-exhausted' });
    expect(runbookChoices(defaultPlan, incident, [labelled])).toMatchObject({ suggested: { id: 'db-connection-pool-exhausted' }, reason: 'is named by the alert Whatever (runbook_url: https://wiki.example/runbooks/db-connection-pool-exhausted)' });
  });
});
