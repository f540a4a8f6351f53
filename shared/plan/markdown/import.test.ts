// Unreadable input is refused with the reason; every readable document is read, its problems named with their line.
import { describe, expect, it } from 'vitest';
import { importPlanMarkdown, type ImportResult } from './import';
import { checkSize } from './parse';

const refused = (result: ImportResult) => {
  if (result.ok) throw new Error('expected the document to be refused');
  return result.problems;
};

const severity = (heading: string, response = '< 15 minutes', resolution = '< 1 hour') =>
  `### ${heading}\n\n**Definition**: Something broke\n\n**Response Time**: ${response}  \n**Resolution Time**: ${resolution}  \n**Escalation**: Page the on-call\n`;

const plan = (levels: string) => `# Our Plan\n\n**Organisation**: Acme\n\n## Incident Severity Levels\n\n${levels}`;

describe('bad documents', () => {
  it('an empty document', () => {
    for (const text of ['', '  \n\n\t\n']) {
      const [p] = refused(importPlanMarkdown(text));
      expect(p).toMatchObject({ level: 'error', line: 1, message: 'the document is empty' });
    }
  });

  it('a binary file, with the line of its first NUL byte', () => {
    const binary = new TextDecoder().decode(new Uint8Array([0x23, 0x20, 0x50, 0x0a, 0x0a, 0x89, 0x50, 0x00, 0x01]));
    const [p] = refused(importPlanMarkdown(binary));
    expect(p?.line).toBe(3);
    expect(p?.message).toMatch(/binary/);
  });

  it('text that is not UTF-8', () => {
    const latin1 = new TextDecoder().decode(new Uint8Array([0x23, 0x20, 0x0a, 0x43, 0x61, 0x66, 0xe9, 0x0a]));
    expect(refused(importPlanMarkdown(latin1))[0]).toMatchObject({ line: 2, message: expect.stringMatching(/not UTF-8/) });
  });

  it('a 20 MB file, refused by size before it is parsed', () => {
    const big = `# Plan\n${'- an item that goes on and on\n'.repeat(700_000)}`;
    const [p] = refused(importPlanMarkdown(big));
    expect(p?.message).toMatch(/the file is 20\.\d MB; a plan document is at most 2\.0 MB/);
    expect(checkSize(20 * 1024 * 1024)?.message).toContain('20.0 MB');
    expect(checkSize(30_000)).toBeUndefined();
  });

  const read = (text: string) => {
    const result = importPlanMarkdown(text);
    if (!result.ok) throw new Error(`a readable document was refused: ${result.problems.map((p) => p.message).join('; ')}`);
    return result.draft;
  };
  const warned = (text: string) => read(text).problems.map((p) => [p.line, p.message]);

  it('headings without content: read, with the empty headings named and their values flagged', () => {
    const onlyHeadings = read('# Plan\n\n## Overview\n\n## Incident Severity Levels\n');
    expect(onlyHeadings.plan.severities).toEqual([]);
    expect(onlyHeadings.flags.map((f) => f.path)).toEqual(expect.arrayContaining(['severities', 'steps', 'roles']));
    const emptyLevel = read(plan(`### P0 - Critical\n\n${severity('P1 - High')}`));
    expect(emptyLevel.problems).toContainEqual(expect.objectContaining({ line: 7, message: 'the severity heading "P0 - Critical" has no content' }));
    expect(emptyLevel.flags.map((f) => f.path)).toEqual(expect.arrayContaining(['severities[0].responseTarget', 'severities[0].definition']));
  });

  it('a document with no severities is read: the missing scale is a gap to fill, not a refusal', () => {
    const draft = read('# Runbook\n\nRestart the server when it falls over.\n');
    expect(draft.plan.name).toBe('Runbook');
    expect(draft.flags.find((f) => f.path === 'severities')?.fix).toMatch(/defines no severity levels/);
  });

  it('conflicting targets: both lines named, the target left for the user', () => {
    const draft = read(plan(`${severity('SEV1 - Critical', '< 5 minutes')}**Response Time**: < 10 minutes\n`));
    expect(warned(plan(`${severity('SEV1 - Critical', '< 5 minutes')}**Response Time**: < 10 minutes\n`))).toContainEqual([14, expect.stringContaining('"< 5 minutes" (line 11) and "< 10 minutes" (line 14)')]);
    expect(draft.plan.severities[0]?.responseTarget).toBe('');
    expect(draft.flags.map((f) => f.path)).toContain('severities[0].responseTarget');
  });

  it('conflicting targets: resolved before it must be responded to is named', () => {
    expect(warned(plan(severity('SEV2 - High', '< 2 hours', '< 30 minutes')))).toContainEqual([12, expect.stringContaining('must be resolved (< 30 minutes) before it must be responded to (< 2 hours)')]);
  });

  it('two different version lines are named', () => {
    const text = `${plan(severity('P1 - High'))}\n**Document Version**: 1.0\n\n**Version**: 2.0\n`.replace('# Our Plan\n', '# Our Plan\n\n**Version**: 1.0\n');
    expect(warned(text).map(([, m]) => m)).toContainEqual(expect.stringMatching(/"Version" is "1.0" on line \d+ but "2.0" on line \d+/));
  });

  it('a damaged appendix is named and left out; the body is still read', () => {
    const base = plan(severity('P1 - High'));
    expect(warned(`${base}\n## Appendix: Plan Data\n\n\`\`\`json\n{ "format": "incident-console/plan-appendix@1",\n  "set": { "/id": }\n}\n\`\`\`\n`)).toContainEqual([19, expect.stringMatching(/^the appendix is not valid JSON/)]);
    expect(warned(`${base}\n## Appendix: Plan Data\n\n\`\`\`json\n{ "format": "incident-console/plan-appendix@1", "set": { "/severities/7/name": "X" } }\n\`\`\`\n`).map(([, m]) => m)).toContain('appendix /severities/7/name: the document has no such place');
    const hostile = read(`${base}\n## Appendix: Plan Data\n\n\`\`\`json\n{ "format": "incident-console/plan-appendix@1", "set": { "/__proto__/polluted": true } }\n\`\`\`\n`);
    expect(hostile.problems.map((p) => p.message)).toContain('appendix /__proto__/polluted: not a plan field');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(hostile.plan.severities[0]?.id).toBe('P1');
  });
});

describe('a small good document', () => {
  const text = plan(`${severity('SEV1 - Critical', '< 5 minutes')}\n### SEV2 - Minor\n\n**Definition**: Cosmetic\n\n**Escalation**: Ticket\n`);
  const result = importPlanMarkdown(text);

  it('reads what is stated and flags what is not', () => {
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const [sev1, sev2] = result.draft.plan.severities;
    expect(sev1).toMatchObject({ id: 'SEV1', name: 'Critical', responseTarget: '5m', resolutionTarget: '1h', definition: 'Something broke' });
    expect(sev2).toMatchObject({ id: 'SEV2', name: 'Minor', responseTarget: '', resolutionTarget: '' });
    const flags = result.draft.flags.map((f) => f.path);
    expect(flags).toEqual(expect.arrayContaining(['severities[1].responseTarget', 'severities[1].resolutionTarget', 'steps']));
    expect(result.draft.flags.find((f) => f.path === 'severities[1].responseTarget')?.line).toBe(15);
    expect(result.draft.sources['severities[0].responseTarget']).toBe(11);
  });
});
