// Golden test: importing the customer's own document gives exactly the built-in default plan, once the product's
// own choices (listed below, applied here, never by the importer) are added.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPlan } from '@shared/plan/default-plan';
import { importPlanMarkdown, type PlanDraft } from '@shared/plan/markdown/import';
import { applyAppendix, APPENDIX_FORMAT, pointerToPath } from '@shared/plan/markdown/appendix';
import { parsePlan } from '@shared/plan/load';
import { repoRoot } from './seed-document';

const document = readFileSync(resolve(repoRoot, 'docs/plans/incident-response-plan.md'), 'utf8');

/**
 * What the built-in plan holds that the document does not state: the product's reading of it, made when the plan
 * was carried over (see the `note` fields in shared/plan/default-plan.ts). Besides these, two kinds of value are
 * the product's by rule: every `id` (the document names things, the console keys them; the importer makes ids from
 * the names) and every `note` (the product's commentary on its choices).
 */
const PRODUCT_DEFAULTS: Record<string, unknown> = {
  '/organisation': 'CSOAI',
  '/audiences/0/description': 'Internal stakeholders',
  '/audiences/1/description': 'Affected users (status page, email, in-app)',
  // "Page on-call engineer immediately" held to the P0 response bound.
  '/severities/0/pageWithin': '5m',
  // The severity examples read as observable signals for the severity suggestion (shared/plan/signals.ts).
  '/severities/0/signals': defaultPlan.severities[0]?.signals,
  '/severities/1/signals': defaultPlan.severities[1]?.signals,
  '/severities/2/signals': defaultPlan.severities[2]?.signals,
  '/severities/3/signals': defaultPlan.severities[3]?.signals,
  '/steps/0/summary': 'Confirm the signal: automated monitors and manual reports.',
  '/steps/1/summary': 'Upon detection, classify the incident.',
  '/steps/1/sections/0/title': 'Classify',
  '/steps/2/summary': 'Follow the escalation checklist of the current severity.',
  '/steps/3/summary': 'Incident Commander responsibilities.',
  '/steps/4/summary': 'Immediate actions (< 15 minutes), then the permanent fix.',
  '/steps/5/summary': 'Stakeholders every 15 minutes; users every 30 minutes for P0/P1.',
  '/steps/6/summary': 'Verify before declaring the incident resolved.',
  '/steps/7/summary': 'Within 24 hours of resolution.',
  // How early a clock turns amber: a product default.
  '/timers/dueSoonWithin': '5m',
  '/communication/updateChannels': ['Status page', 'Email', 'In-app notification', 'Slack #incidents', 'Incident bridge', 'Social media'],
  '/scenarios/0/category': 'infrastructure', '/scenarios/0/likelySeverity': 'P1',
  '/scenarios/1/category': 'application', '/scenarios/1/likelySeverity': 'P2',
  '/scenarios/2/category': 'infrastructure', '/scenarios/2/likelySeverity': 'P1',
  '/scenarios/3/category': 'application', '/scenarios/3/likelySeverity': 'P0',
  '/scenarios/4/category': 'application', '/scenarios/4/likelySeverity': 'P1',
  '/scenarios/5/category': 'security', '/scenarios/5/likelySeverity': 'P0',
  // Week 1 starts on the first Monday of 2026.
  '/rotations/0/anchorDate': '2026-01-05',
  // Which signal each monitor watches, for the alert intake.
  '/monitoring/1/metric': 'errorRatePercent',
  '/monitoring/2/metric': 'p95Seconds',
  '/monitoring/3/metric': 'connectionPoolPercent',
  '/monitoring/4/metric': 'diskPercent',
  '/monitoring/5/metric': 'memoryPercent',
  '/monitoring/6/metric': 'cpuPercent',
  // The alert intake rules: the product's reading of Step 1 and the severity examples as label matchers.
  '/intake': defaultPlan.intake,
  // The review template's sections as prompts and fields the review form asks for.
  '/pir/sections/0/prompt': 'Incident detected, investigation started, mitigation implemented, incident resolved, root cause identified',
  '/pir/sections/1/fields': [{ id: 'rootCause', label: 'Root cause', kind: 'text' }],
  '/pir/sections/2/prompt': 'Duration, users affected, revenue impact, reputation impact',
  '/pir/sections/3/prompt': 'Detection, response and resolution time; communication effectiveness',
  '/pir/sections/4/prompt': 'What did we learn?',
  '/pir/sections/5/prompt': 'Action - Owner - Deadline',
  '/pir/sections/6/fields': [{ id: 'prevention', label: 'Prevention', kind: 'text' }],
  // The status page's components and the email lists: the document names neither (shared/plan/default-outbound.ts).
  '/statusPage': defaultPlan.statusPage,
  '/distributionLists': defaultPlan.distributionLists,
  // Restricted incidents: the document keeps records "in a secure location with access controls" and names a Security
  // Officer, but says nothing of who sees an incident; the product restricts Security / data breach (default-plan.ts).
  '/visibility': defaultPlan.visibility,
  // The GDPR clock runs for security incidents.
  '/compliance/breachNotification/appliesToCategories': ['security'],
};

/** Copies `id` and `note` from the built-in plan onto the draft at the same places (arrays by position). */
function withProductKeys(from: unknown, to: unknown): void {
  if (Array.isArray(from) && Array.isArray(to)) from.forEach((f, i) => withProductKeys(f, to[i]));
  else if (from && to && typeof from === 'object' && typeof to === 'object') {
    const src = from as Record<string, unknown>;
    const dst = to as Record<string, unknown>;
    for (const key of Object.keys(src)) {
      if (key === 'id' || key === 'note') dst[key] = src[key];
      else withProductKeys(src[key], dst[key]);
    }
  }
}

function importCustomer(): PlanDraft {
  const result = importPlanMarkdown(document);
  if (!result.ok) throw new Error(result.problems.map((p) => `line ${p.line}: ${p.message}`).join('\n'));
  return result.draft;
}

describe('importing the customer\'s plan document', () => {
  const draft = importCustomer();

  it('gives exactly the built-in default plan once the listed product defaults are added', () => {
    const filled = applyAppendix(draft.plan, { format: APPENDIX_FORMAT, set: PRODUCT_DEFAULTS, unset: [] });
    if (!filled.ok) throw new Error(filled.pointer);
    withProductKeys(defaultPlan, filled.value);
    expect(filled.value).toEqual(defaultPlan);
    expect(parsePlan(filled.value).ok).toBe(true);
  });

  it('leaves every value the document does not state empty and flagged, never taken from the default', () => {
    const flagged = draft.flags.map((f) => f.path).sort();
    expect(flagged).toEqual([
      'communication.updateChannels', 'organisation',
      ...[0, 2, 3, 4, 5].map((i) => `pir.sections[${i}].prompt`),
      'rotations[0].anchorDate',
      ...[0, 1, 2, 3, 4, 5].map((i) => `scenarios[${i}].category`),
      ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `steps[${i}].summary`),
      'timers.dueSoonWithin',
    ].sort());
    expect(draft.plan.organisation).toBe('');
    expect(draft.plan.timers.dueSoonWithin).toBe('');
    expect(draft.plan.rotations[0]?.anchorDate).toBe('');
    expect(draft.plan.communication.updateChannels).toEqual([]);
    expect(draft.plan.scenarios.map((s) => s.category)).toEqual(['', '', '', '', '', '']);
    // Each flagged value says where it belongs and how to fill it.
    for (const f of draft.flags) {
      expect(f.line).toBeGreaterThan(0);
      expect(f.fix).not.toBe('');
    }
    // Every flagged path is among the listed product defaults (nothing else had to be filled).
    const listed = new Set(Object.keys(PRODUCT_DEFAULTS).map(pointerToPath));
    expect(flagged.filter((p) => !listed.has(p))).toEqual([]);
  });

  it('says what it had to leave out, with the line', () => {
    expect(draft.problems.map((p) => [p.level, p.line])).toEqual([['warning', 28], ['warning', 585], ['warning', 587]]);
    expect(draft.problems[0]?.message).toContain('Page on-call engineer immediately');
    expect(draft.problems[1]?.message).toContain('does not say which incidents are restricted');
  });

  it('records the source line of each value', () => {
    const lines = document.split('\n');
    const lineOf = (path: string) => {
      const line = draft.sources[path];
      if (line === undefined) throw new Error(`no source for ${path}`);
      return lines[line - 1] as string;
    };
    expect(lineOf('severities[1].responseTarget')).toBe('**Response Time**: < 15 minutes  ');
    expect(lineOf('severities[3].resolutionTarget')).toBe('**Resolution Time**: < 1 week  ');
    expect(lineOf('severities[0].escalationChecklist[3]')).toBe('4. Start incident bridge (Slack/Teams)');
    expect(lineOf('severities[2].updateCadences[0]')).toBe('- **Every 15 minutes**: Status update to stakeholders');
    expect(lineOf('timers.recurrenceWatch')).toBe('5. ✅ Monitor for 30 minutes for recurrence');
    expect(lineOf('timers.immediateMitigation')).toBe('**Immediate Actions** (< 15 minutes):');
    expect(lineOf('monitoring[4].threshold')).toBe('- **Disk Space Monitoring**: Triggers if > 85% full');
    expect(lineOf('roles[0].responseTargets')).toBe('- **Response time**: < 5 minutes for P0, < 15 minutes for P1');
    expect(lineOf('rotations[0].members[2]')).toBe('- **Week 3**: Engineer C');
    expect(lineOf('rotations[0].handoff.time')).toBe('**Handoff**: Every Monday at 9 AM UTC');
    expect(lineOf('contacts[2].roleName')).toBe('| Database Admin | [Name] | [Phone] | [Email] |');
    expect(lineOf('pir.sections[6].prompt')).toBe('[How will we prevent this in the future?]');
    expect(lineOf('pir.sections[2].fields[3]')).toBe('- Reputation impact: [Low/Medium/High]');
    expect(lineOf('exercises[1].durationMax')).toBe('- **Duration**: 1-2 hours');
    expect(lineOf('compliance.breachNotification.window')).toBe('1. **Notify within 72 hours** of discovery');
    expect(lineOf('version')).toBe('**Document Version**: 1.0  ');
  });
});
