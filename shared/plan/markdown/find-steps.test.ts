// How the importer finds steps and roles in the shapes outside documents use (test/plan/corpus has the real ones):
// the section that says when its parts are due, a review kept beside the procedure, a numbered list of bold step
// titles, a roles section that is an instruction, a team structure list, and placeholders where times belong.
import { describe, expect, it } from 'vitest';
import { importPlanMarkdown, type PlanDraft } from './import';

const read = (text: string): PlanDraft => {
  const r = importPlanMarkdown(text);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.draft;
};
const steps = (d: PlanDraft) => d.plan.steps.map((s) => [s.title, s.dueWithin ?? null]);
const roles = (d: PlanDraft) => d.plan.roles.map((r) => r.name);

describe('steps', () => {
  it('are the sections that say when they are due, with the review kept beside them; role, disclosure-list and severity sections are not', () => {
    const d = read([
      '# Security Release Process', '',
      '## Security Response Committee (SRC)', '', 'The SRC is responsible for the response.', '',
      '## Disclosures', '', 'Report privately.', '',
      '## Patch, Release, and Public Communication', '',
      '### Fix Team Organization', '', 'These steps should be completed within the first 24 hours of Disclosure.', '', '- Find engineers', '',
      '### Fix Development Process', '', 'These steps should be completed within the 1-7 days of Disclosure.', '', '- Write the fix', '',
      '### Fix Disclosure Process', '', '- Announce', '',
      '## Retrospective', '', 'These steps should be completed 1-3 days after the Release Date.', '',
      '## Severity', '', 'Case by case, with CVSS.', '',
    ].join('\n'));
    expect(steps(d)).toEqual([['Fix Team Organization', '24h'], ['Fix Development Process', '7d'], ['Fix Disclosure Process', null], ['Retrospective', null]]);
    expect(roles(d)).toContain('Security Response Committee (SRC)');
  });

  it('are a numbered list of bold titles with their actions nested, when the page has no sections', () => {
    const d = read('# Runbook\n\n1. **Intake**\n\n   - Acknowledge the report.\n\n2. **Assessment**\n\n   - Decide if it is a vulnerability.\n\n3. **Public disclosure**\n   - Publish the advisory.\n');
    expect(steps(d)).toEqual([['Intake', null], ['Assessment', null], ['Public disclosure', null]]);
    expect(d.plan.steps[0]?.sections[0]?.items.map((i) => i.text)).toEqual(['Acknowledge the report.']);
  });

  it('are not invented from a page that has none ("What is incident response?", "Guidance for products")', () => {
    const d = read('# Introduction to incidents\n\n## What is incident response?\n\n* Communicating with users\n\n## Guidance for products\n\nKeep a runbook.\n');
    expect(d.plan.steps).toEqual([]);
    expect(d.flags.map((f) => f.path)).toContain('steps');
  });
});

describe('roles', () => {
  it('a roles section that is an instruction is a step too; its roles are the headings beside "Transferring roles"', () => {
    const d = read([
      '# Incident Response Process', '', '## Declare an incident', '', 'Use the bot.', '',
      '## Ensure roles have been assigned', '', 'Two roles must be filled.', '',
      '### Incident Lead', '', 'Call in a lead.', '', '#### Responsibilities', '', '* coordinate the response', '* declare the incident closed', '',
      '### Incident Scribe', '', '#### Responsibilities', '', '* keep the log', '',
      '### Transferring roles', '', 'Announce it in the channel.', '',
      '## End the incident', '', 'Close it with the bot.', '',
    ].join('\n'));
    expect(d.plan.steps.map((s) => s.title)).toEqual(['Declare an incident', 'Ensure roles have been assigned', 'End the incident']);
    expect(d.plan.roles.map((r) => [r.name, r.responsibilities])).toEqual([
      ['Incident Lead', 'coordinate the response; declare the incident closed'],
      ['Incident Scribe', 'keep the log'],
    ]);
    expect(d.problems.map((p) => p.message)).not.toContain('the role heading "Incident Scribe" has no content');
  });

  it('a team structure list names its roles by their links; prose names them "referred to as the Fix Lead" and "are the Fix Team"', () => {
    const d = read([
      '# Plan', '', '## Respond', '', 'This lead will be referred to as the Fix Lead. The selected developers are the Fix Team.', '',
      '### Reference: Response Team Structure', '* Command Team', '    * [Incident Commander](#role-ic)', '    * [Scribe](#role-scribe)', '* Liaison Team', '    * Internal [Liaison](#role-liaison)', '    * External Liaison', '',
      '## Recover', '', 'Restore service.', '',
    ].join('\n'));
    expect(roles(d)).toEqual(['Incident Commander', 'Scribe', 'Liaison', 'Fix Lead', 'Fix Team']);
  });
});

describe('times', () => {
  it('a placeholder where a time belongs is named as one, never read as a time; a time in a heading is reported', () => {
    const d = read('# Plan\n\n## Respond\n\n1. Page the IC. If the IC does not join within `INCIDENT_COMMANDER_RESPONSE_SLA`, take command.\n1. Schedule updates every `UPDATE_FREQUENCY` on the bridge.\n\n## Announcement (one week in advance of the planned release)\n\n- Post the pre-release note.\n');
    const times = d.problems.filter((p) => p.time !== undefined).map((p) => [p.line, p.message]);
    expect(times).toEqual([
      [5, '"within INCIDENT_COMMANDER_RESPONSE_SLA" is a placeholder where the document should state a time'],
      [6, '"every UPDATE_FREQUENCY" is a placeholder where the document should state a time'],
      [8, expect.stringMatching(/^"one week" \("Announcement \(one week in advance of the planned release\)"\) is a time the plan has no clock for$/)],
    ]);
    expect(d.cadences).toEqual([]);
    expect(d.plan.steps.map((s) => s.dueWithin)).toEqual([undefined, undefined]);
  });
});

describe('roles in a section about roles, deeper in the page', () => {
  it('are its headings ("#### Incident lead", "#### Messenger"), whatever they are called', () => {
    const d = read('# Incidents\n\n## Process\n\n### Identification\n\n1. Start a new incident.\n\n### Incident roles and responsibilities\n\n#### Incident lead\n\nThe incident lead resolves the incident.\n\n#### Messenger\n\nThe messenger is always a member of customer support.\n\n### Post-mortem\n\n1. **Archive** the channel.\n');
    expect(d.plan.roles.map((r) => [r.name, r.responsibilities])).toEqual([
      ['Incident lead', 'The incident lead resolves the incident.'],
      ['Messenger', 'The messenger is always a member of customer support.'],
    ]);
  });
});
