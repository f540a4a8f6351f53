import { describe, expect, it } from 'vitest';
import { Parser, type Node } from 'commonmark';
import { buildPir } from './model';
import { pirMarkdown } from './markdown';
import { defaultPlan } from '../plan/default-plan';
import { pirFixture } from '../../test/fixtures/pir-incident';
import { IncidentBuilder, min } from '../../test/fixtures/incident-builder';

const GOLDEN = `# Post-Incident Review: Checkout errors

Severity: P1 · Category: Application · Detected: 2026-03-02 10:00 UTC · Resolved: 2026-03-02 10:50 UTC · Review status: in-review

## Timeline

- 2026-03-02 09:54 UTC: Impact started
- 2026-03-02 10:00 UTC: Incident detected
- 2026-03-02 10:04 UTC: Investigation started
- 2026-03-02 10:04 UTC: Incident Commander assigned: Alex IC
- 2026-03-02 10:06 UTC: Checkout error rate at 12%
- 2026-03-02 10:09 UTC: Severity changed from P2 to P1 (revenue affected)
- 2026-03-02 10:20 UTC: Root cause identified
- 2026-03-02 10:22 UTC: Roll back release 4.2.1
- 2026-03-02 10:30 UTC: Mitigation implemented
- 2026-03-02 10:50 UTC: Incident resolved

## Root Cause Analysis

Release 4.2.1 halved the database connection pool size.

## Impact

- Duration: 36 minutes
- Users affected: 1,200 EU customers
- Revenue impact: About EUR 4,000 in delayed orders
- Reputation impact: Medium

## Response Effectiveness

- Detection time: 6 minutes
- Response time: 4 minutes
- Resolution time: 50 minutes
- Communication effectiveness: Fair
- Acknowledged: Alex IC assigned a role at 2026-03-02 10:04 UTC. Judged by acknowledgement rule 1: the first acknowledgement or role assignment by anyone (the rule before acknowledgements were bound to responders).
- Response target (P1): met (target 15 minutes, took 4 minutes)
- Resolution target (P1): met (target 60 minutes, took 50 minutes)
- Update cadence (Stakeholders): 2 of 3 on time, 0 late, 1 missed
- Update cadence (Users): 1 of 1 on time, 0 late, 0 missed

## Lessons Learned

1. Config changes need a canary
2. Pool exhaustion looked like a database outage

## Action Items

1. Alert on connection pool usage - Owner: Sam - Deadline: 2026-03-09
2. Canary config changes - Owner: Kim - Deadline: none - Status: done

## Prevention

[How will we prevent this in the future?]
`;

function text(node: Node): string {
  let out = '';
  const walker = node.walker();
  for (let step = walker.next(); step; step = walker.next()) if (step.entering && step.node.literal) out += step.node.literal;
  return out;
}

/** The document as {heading: body text} in order, read back with a CommonMark parser. */
function sections(markdown: string): Array<{ level: number; title: string; body: string[] }> {
  const doc = new Parser().parse(markdown);
  const out: Array<{ level: number; title: string; body: string[] }> = [];
  for (let child = doc.firstChild; child; child = child.next) {
    if (child.type === 'heading') out.push({ level: child.level, title: text(child), body: [] });
    else out[out.length - 1]?.body.push(text(child));
  }
  return out;
}

describe('PIR Markdown export', () => {
  it('matches the golden document for the fixture incident', () => {
    const state = pirFixture().state();
    expect(pirMarkdown(buildPir(state, defaultPlan, min(80)), defaultPlan)).toBe(GOLDEN);
  });

  it('parses with CommonMark into the title and exactly the plan\'s sections, in order', () => {
    const parsed = sections(pirMarkdown(buildPir(pirFixture().state(), defaultPlan, min(80)), defaultPlan));
    expect(parsed[0]).toMatchObject({ level: 1, title: 'Post-Incident Review: Checkout errors' });
    expect(parsed.slice(1).map((s) => [s.level, s.title])).toEqual(defaultPlan.pir.sections.map((s) => [2, s.title]));
    const byTitle = new Map(parsed.map((s) => [s.title, s.body.join('\n')]));
    expect(byTitle.get('Root Cause Analysis')).toContain('halved the database connection pool');
    expect(byTitle.get('Impact')).toContain('Duration: 36 minutes');
    expect(byTitle.get('Response Effectiveness')).toContain('Resolution time: 50 minutes');
  });

  it('an unwritten review shows the template\'s placeholders and the computed values', () => {
    const md = pirMarkdown(buildPir(pirFixture('resolved').state(), defaultPlan, min(55)), defaultPlan);
    expect(md).toContain('## Root Cause Analysis\n\n[Describe root cause]\n');
    expect(md).toContain('## Lessons Learned\n\n[What did we learn?]\n');
    expect(md).toContain('- Revenue impact: not recorded');
    expect(md).toContain('- Duration: 36 minutes');
    expect(md).toContain('Review status: draft');
    expect(md).toContain('## Action Items\n\nNo action items.\n');
  });

  it('reviewers\' text cannot add or break sections (headings and setext underlines are escaped)', () => {
    const inc = pirFixture();
    inc.add(min(90), 'pir.edited', { field: 'rootCause', value: 'Pool halved.\n## Extra section\nline\n---\n# Another title' });
    inc.add(min(90), 'pir.edited', { field: 'usersAffected', value: 'many\n## not a heading' });
    const md = pirMarkdown(buildPir(inc.state(), defaultPlan, min(95)), defaultPlan);
    const parsed = sections(md);
    expect(parsed.map((s) => s.title)).toEqual(['Post-Incident Review: Checkout errors', ...defaultPlan.pir.sections.map((s) => s.title)]);
    expect(parsed.find((s) => s.title === 'Root Cause Analysis')?.body.join('\n')).toContain('## Extra section');
  });

  it('a target without its milestone is pending while the incident runs, not recorded once it is resolved', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    expect(pirMarkdown(buildPir(inc.state(), defaultPlan, min(5)), defaultPlan)).toContain('- Response target (P1): pending (target 15 minutes)\n');
    inc.add(min(40), 'status.changed', { to: 'resolved' });
    const md = pirMarkdown(buildPir(inc.state(), defaultPlan, min(45)), defaultPlan);
    expect(md).toContain('- Response target (P1): not recorded (target 15 minutes)\n');
    expect(md).toContain('- Resolution target (P1): met (target 60 minutes, took 40 minutes)\n');
  });

  it('the breach record appears under Impact for a data breach', () => {
    const inc = pirFixture();
    inc.add(min(80), 'breach.recorded', { discoveredAt: new Date(min(5)).toISOString(), authority: 'CNIL', authorityNotifiedAt: new Date(min(600)).toISOString(), evidencePreserved: true });
    const md = pirMarkdown(buildPir(inc.state(), defaultPlan, min(700)), defaultPlan);
    expect(md).toContain('- GDPR breach discovered: 2026-03-02 10:05 UTC\n- Authority notified (CNIL): 2026-03-02 20:00 UTC\n- Individuals notified: not yet\n- Evidence preserved: yes\n');
  });

  it('writes times in the zone asked for', () => {
    const md = pirMarkdown(buildPir(pirFixture().state(), defaultPlan, min(80)), defaultPlan, { timeZone: 'Europe/Berlin' });
    expect(md).toContain('- 2026-03-02 11:00 Europe/Berlin: Incident detected');
  });
});

describe('command handovers in the review', () => {
  it('carry each ICS-201 briefing into the timeline and a fenced appendix no briefing text can break out of', () => {
    const b = new IncidentBuilder(undefined, 'Dana');
    b.open('P1');
    const handoverId = '0190a000-0000-7000-8000-0000000000b1';
    const briefing = 'COMMAND HANDOVER BRIEFING (ICS-201)\n## not a heading\n```\nWatch the EU region.';
    b.add(min(5), 'command.handover-offered', { handoverId, from: 'Dana', to: 'Sam', briefing });
    b.add(min(6), 'command.handover-accepted', { handoverId, to: 'Sam' }, undefined, { name: 'Sam', deviceId: 'device-sam' });
    const pir = buildPir(b.state(), defaultPlan, min(30));
    expect(pir.handovers.map((h) => [h.from, h.to, h.acceptedAt])).toEqual([['Dana', 'Sam', min(6)]]);
    expect(pir.timeline.map((t) => t.label)).toContain('Command handed over from Dana to Sam');
    const md = pirMarkdown(pir, defaultPlan);
    expect(md).toContain('## Command Handover Briefings (ICS-201)\n\n### Dana to Sam: offered 2026-03-02 10:05 UTC, accepted 2026-03-02 10:06 UTC\n\n````text\n');
    expect(md).toContain('Watch the EU region.\n````\n');
    // The briefing's own "##" line and fence stay inside the code block: the document's headings are unchanged.
    const headings: string[] = [];
    const walker = new Parser().parse(md).walker();
    for (let step = walker.next(); step; step = walker.next()) {
      const node: Node = step.node;
      if (step.entering && node.type === 'heading' && node.level === 2) headings.push(node.firstChild?.literal ?? '');
    }
    expect(headings.at(-1)).toBe('Command Handover Briefings (ICS-201)');
    expect(headings).not.toContain('not a heading');
  });

  it('say so when the record has command accepted on the incoming commander\'s behalf (made before the rule)', () => {
    const b = new IncidentBuilder(undefined, 'Dana');
    b.open('P1');
    const handoverId = '0190a000-0000-7000-8000-0000000000b2';
    b.add(min(5), 'command.handover-offered', { handoverId, from: 'Dana', to: 'Casey', briefing: 'Brief' });
    b.addRecorded(min(6), 'command.handover-accepted', { handoverId, to: 'Dana' }, { handoverId, to: 'Casey' });
    const pir = buildPir(b.state(), defaultPlan, min(30));
    expect(pir.timeline.map((t) => t.label)).toContain(
      "Command handed over from Dana to Casey (accepted on Casey's behalf by Dana, recorded before acceptance was bound to the incoming commander)");
    expect(pirMarkdown(pir, defaultPlan)).toContain(
      "### Dana to Casey: offered 2026-03-02 10:05 UTC, accepted 2026-03-02 10:06 UTC on Casey's behalf by Dana (recorded before acceptance was bound to the incoming commander)");
  });
});
