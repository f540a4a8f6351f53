// Severity scales as organisations write them: every common scheme, ids and names as written, most severe first;
// targets and cadences in prose; list items soft-wrapped over lines kept whole; code blocks and quotes never read.
import { describe, expect, it } from 'vitest';
import { levelOf } from './find-levels';
import { importPlanMarkdown, type PlanDraft } from './import';

const read = (text: string): PlanDraft => {
  const r = importPlanMarkdown(text);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.draft;
};
const levels = (d: PlanDraft) => d.plan.severities.map((s) => [s.id, s.name]);

describe('severity schemes', () => {
  it('reads ids and names as written in each common scheme', () => {
    expect(levelOf('P0 - Critical')).toEqual({ id: 'P0', name: 'Critical' });
    expect(levelOf('SEV-2')).toEqual({ id: 'SEV-2', name: 'SEV-2' });
    expect(levelOf('S3 - Minor')).toEqual({ id: 'S3', name: 'Minor' });
    expect(levelOf('Level 1 - Critical')).toEqual({ id: 'Level 1', name: 'Critical' });
    expect(levelOf('1 - High Severity')).toEqual({ id: '1', name: 'High Severity' });
    expect(levelOf('Severity 1 (Critical) - P0')).toEqual({ id: 'P0', name: 'Critical' });
    expect(levelOf('High')).toEqual({ id: 'High', name: 'High' });
    expect(levelOf('Incident Commander')).toBeUndefined();
  });

  it('a "- SEV1: ..." list under a severity heading at any depth, most severe first', () => {
    const d = read('# Ops\n\n## Reporting\n\n### Severity\n\n- SEV3: Cosmetic\n- SEV1: Everything is down, acknowledge within 15 minutes\n- SEV2: Degraded\n');
    expect(levels(d)).toEqual([['SEV1', 'SEV1'], ['SEV2', 'SEV2'], ['SEV3', 'SEV3']]);
    expect(d.plan.severities[0]?.definition).toBe('Everything is down, acknowledge within 15 minutes');
  });

  it('a "1. **Critical** - ..." list, Critical/High/Low in any order', () => {
    const d = read('# Plan\n\n## Severity levels\n\n1. **Low** - one user\n2. **Critical** - everyone\n3. **High** - many users\n');
    expect(levels(d)).toEqual([['Critical', 'Critical'], ['High', 'High'], ['Low', 'Low']]);
  });
});

describe('reading prose', () => {
  const doc = [
    '---', 'title: Acme incident process', 'owner: sre', '---', '',
    '## Severity', '', '### P1 - Critical', '', 'Checkout is down.', '', 'Acknowledge within 15 minutes and resolve within 4 hours.', 'Status updates every 30 minutes.', '',
    '### P2 - Major', '', 'Checkout is slow.', '',
    '## Response', '', '### Detect', '', 'Someone notices.', '',
    '1. Open a ticket in the tracker and page the on-call engineer, who',
    '   acknowledges the page in the tool.', '',
    '```', '- **Severity**: P1', '- within 5 minutes', '```', '',
    '> Example: notify within 2 minutes', '',
    '### Notify', '', 'Tell people.', '', '- Report the breach to the regulator within 72 hours of discovery.', '',
  ].join('\n');
  const d = read(doc);

  it('takes the title from the front matter and targets and cadences from sentences', () => {
    expect(d.plan.name).toBe('Acme incident process');
    expect(d.plan.severities[0]).toMatchObject({ id: 'P1', responseTarget: '15m', resolutionTarget: '4h', updateCadences: [{ every: '30m' }] });
    expect(d.sources['severities[0].responseTarget']).toBe(12);
    expect(d.plan.severities[1]?.responseTarget).toBe('');
    expect(d.flags.map((f) => f.path)).toContain('severities[1].responseTarget');
  });

  it('keeps a list item soft-wrapped over two lines whole', () => {
    const items = d.plan.steps[0]?.sections.flatMap((s) => s.items.map((i) => i.text));
    expect(items).toEqual(['Open a ticket in the tracker and page the on-call engineer, who acknowledges the page in the tool.']);
  });

  it('never reads a fenced block or a quote as plan content; a notification deadline in prose is the plan\'s', () => {
    expect(d.plan.compliance.breachNotification?.window).toBe('72h');
    expect(d.sources['compliance.breachNotification.window']).toBe(39);
    expect(JSON.stringify(d.plan)).not.toContain('within 5 minutes');
    expect(JSON.stringify(d.plan)).not.toContain('**Severity**');
    expect(d.problems.some((p) => p.time === '2 minutes')).toBe(false);
  });
});
