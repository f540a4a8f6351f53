// Export as Markdown, import again: the same plan, for the built-in plan, a differently written plan, plans with
// sections this code does not know, and generated plans (fast-check).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPlan } from '@shared/plan/default-plan';
import { parsePlan } from '@shared/plan/load';
import type { Plan } from '@shared/plan/schema';
import { parseDuration } from '@shared/time/duration';
import { exportPlanMarkdown } from '@shared/plan/markdown/export';
import { importPlanMarkdown, type PlanDraft } from '@shared/plan/markdown/import';
import { APPENDIX_HEADING, appendixSchema } from '@shared/plan/markdown/appendix';
import { repoRoot } from './seed-document';

function draftOf(text: string): PlanDraft {
  const result = importPlanMarkdown(text);
  if (!result.ok) throw new Error(result.problems.map((p) => `line ${p.line}: ${p.message}`).join('\n'));
  return result.draft;
}

const roundTrip = (plan: unknown) => draftOf(exportPlanMarkdown(plan as Plan));

function appendixOf(markdown: string) {
  const json = markdown.split(`## ${APPENDIX_HEADING}`)[1]?.split('```json\n')[1]?.split('\n```')[0];
  return appendixSchema.parse(JSON.parse(json ?? '{}'));
}

describe('the built-in plan', () => {
  const markdown = exportPlanMarkdown(defaultPlan);

  it('round-trips exactly, with nothing left to fill', () => {
    const draft = draftOf(markdown);
    expect(draft.plan).toEqual(defaultPlan);
    expect(draft.flags).toEqual([]);
  });

  it('is written in the customer document\'s shape: its values are in the body, not the appendix', () => {
    for (const heading of ['## Incident Severity Levels', '### Severity 2 (High) - P1', '**Response Time**: < 15 minutes', '### Step 3: Escalation & Notification', '#### P0 Incident (Critical)', '- **Every 30 minutes**: Status update to users (if P0/P1)', '### Scenario 6: Security Incident - Data Breach', '- **Response time**: < 5 minutes for P0, < 15 minutes for P1', '- **Week 4**: Engineer D', '| Database Admin | [Name] | [Phone] | [Email] |']) {
      expect(markdown).toContain(heading);
    }
    const keys = Object.keys(appendixOf(markdown).set);
    const documentValues = /\/(responseTarget|resolutionTarget|definition|examples|escalationChecklist|every|text|title|symptoms|members|handoff|window|contacts)(\/|$)/;
    expect(keys.filter((k) => documentValues.test(k))).toEqual([]);
    // The appendix holds the product's additions: ids, notes, signals, summaries, categories, product timers.
    expect(keys).toEqual(expect.arrayContaining(['/id', '/severities/0/signals', '/timers/dueSoonWithin', '/rotations/0/id']));
  });
});

describe('a differently written plan (SEV1-SEV4, phases, other cadences)', () => {
  const text = readFileSync(resolve(repoRoot, 'test/fixtures/plans/sev-plan.md'), 'utf8');
  const draft = draftOf(text);

  it('reads its own names and numbers', () => {
    const { plan } = draft;
    expect(plan.severities.map((s) => [s.id, s.name, s.responseTarget, s.resolutionTarget])).toEqual([
      ['SEV1', 'Critical', '10m', '2h'], ['SEV2', 'Major', '30m', '8h'], ['SEV3', 'Minor', '4h', '3d'], ['SEV4', 'Cosmetic', '', ''],
    ]);
    expect(plan.steps.map((s) => `${s.number} ${s.title}`)).toEqual(['1 Triage', '2 Contain', '3 Communicate', '4 Recover', '5 Learn']);
    expect(plan.audiences.map((a) => a.id)).toEqual(['executives', 'merchants']);
    expect(plan.severities.map((s) => s.updateCadences)).toEqual([
      [{ audience: 'executives', every: '10m' }, { audience: 'merchants', every: '1h' }], [{ audience: 'executives', every: '10m' }], [], [],
    ]);
    expect(plan.timers).toEqual({ immediateMitigation: '30m', recurrenceWatch: '1h', pirDueAfterResolution: '48h', actionItemFollowUp: '2w', dueSoonWithin: '' });
    // The Incident Manager is the role in charge: the console's command features follow it.
    expect(plan.roles.find((r) => r.name === 'Incident Manager')?.id).toBe('incident-commander');
    expect(plan.rotations[0]).toMatchObject({ roleId: 'incident-commander', members: ['Priya', 'Jonas', 'Mei'], handoff: { weekday: 'friday', time: '17:30', timeZone: 'Europe/Berlin' }, anchorDate: '2026-01-02' });
    expect(plan.exercises.map((e) => [e.kind, e.frequency, e.durationMin, e.durationMax])).toEqual([['drill', { count: 6, unit: 'week' }, '3h', '3h'], ['tabletop', { count: 1, unit: 'year' }, '2h', '4h']]);
    expect(plan.compliance.breachNotification).toMatchObject({ regulation: 'PCI DSS', window: '24h', appliesToCategories: ['security'] });
    expect(plan.pir.sections[1]?.fields).toEqual([
      { id: 'duration', label: 'Duration', kind: 'duration' }, { id: 'merchantsAffected', label: 'Merchants affected', kind: 'text' },
      { id: 'severity', label: 'Severity', kind: 'choice', choices: ['SEV1', 'SEV2', 'SEV3', 'SEV4'] },
    ]);
    expect(plan.contacts[0]).toEqual({ roleId: 'incident-commander', roleName: 'Incident Manager', name: 'Priya Shah', phone: '+49 30 1234567', email: 'priya@acme.example' });
  });

  it('flags the level without time targets (and the other unstated values) empty, never filled from our default', () => {
    expect(draft.flags.map((f) => [f.path, f.line])).toEqual([
      // The level's heading; the first phase (timers are stated across the phases); the Communicate phase.
      ['severities[3].responseTarget', 57], ['severities[3].resolutionTarget', 57], ['severities[3].responseTargetText', 57],
      ['timers.dueSoonWithin', 68], ['communication.updateChannels', 91],
    ]);
    expect(parsePlan(draft.plan).ok).toBe(false);
  });

  it('lists the section it could not place, with its line and a fix', () => {
    expect(draft.problems.filter((p) => !p.message.includes('which incidents are restricted'))).toEqual([{ level: 'warning', line: 242, message: 'the section "Glossary" is not part of a response plan the console reads; it was skipped', fix: expect.stringMatching(/^Rename it/) }]);
  });

  it('once the user fills the flagged values, validates and round-trips', () => {
    const plan = structuredClone(draft.plan);
    Object.assign(plan.severities[3] as Plan['severities'][number], { responseTarget: '1d', responseTargetText: 'Next working day', resolutionTarget: '2w' });
    plan.timers.dueSoonWithin = '2m';
    plan.communication.updateChannels = ['Status page', 'Merchant email'];
    const valid = parsePlan(plan);
    if (!valid.ok) throw new Error(valid.errors.join('\n'));
    expect(roundTrip(valid.plan).plan).toEqual(valid.plan);
  });
});

describe('plan sections this code does not know', () => {
  it('round-trip through the appendix unchanged (whatever another part of the console adds later)', () => {
    // The exporter and importer carry these without knowing them.
    const plan = {
      ...defaultPlan,
      // A changed intake section (a real section, in its real shape) and two no plan section has yet.
      // (with the maintenance fields of issue #25: a window suppresses its components' alerts, read from `team`)
      intake: {
        valueAnnotations: ['value'], componentLabels: ['team'], duringMaintenance: 'suppress' as const,
        rules: [{ id: 'errors', name: 'Errors', match: ['alertname=~HighErrorRate'], severity: 'P1', signal: 'errorRatePercent' as const, components: ['api'], action: 'triage' as const }],
      },
      laterSection: { rules: [{ match: { alertname: 'HighErrorRate' }, severity: 'P1', dedupeWithin: '10m' }] },
      anotherLaterSection: { components: [{ id: 'api', name: 'Public API' }], lists: [{ id: 'execs', addresses: ['cto@example.com'] }] },
    };
    const markdown = exportPlanMarkdown(plan as Plan);
    expect(Object.keys(appendixOf(markdown).set)).toEqual(expect.arrayContaining(['/intake', '/laterSection', '/anotherLaterSection']));
    expect(draftOf(markdown).plan).toEqual(plan);
  });
});

describe('generated plans', () => {
  // Text with Markdown's special characters, so escaping is exercised; no leading/trailing blanks (the schema trims).
  const words = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 *_#<>[\]|`&:;.,()/-]{0,30}[A-Za-z0-9.)]$/);
  const durations = fc.constantFrom('5m', '10m', '15m', '30m', '1h', '4h', '24h', '1w');
  const severity = fc.record({ name: words, definition: words, examples: fc.array(words, { maxLength: 3 }), response: durations, extra: durations, checklist: fc.array(words, { minLength: 1, maxLength: 3 }) });
  const step = fc.record({ title: words, summary: words, items: fc.array(words, { maxLength: 4 }) });

  it('export -> import gives the same plan', () => {
    fc.assert(
      fc.property(fc.array(severity, { minLength: 1, maxLength: 4 }), fc.array(step, { minLength: 1, maxLength: 4 }), words, (sevs, steps, name) => {
        const plan: Plan = structuredClone(defaultPlan);
        plan.name = name;
        plan.severities = sevs.map((s, i) => ({
          id: `S${i + 1}`, rank: i, name: s.name, label: `S${i + 1} - ${s.name}`, definition: s.definition, examples: s.examples,
          responseTarget: s.response, responseTargetText: `< ${s.response}`, resolutionTarget: parseDuration(s.extra) < parseDuration(s.response) ? s.response : s.extra,
          escalation: s.definition, escalationChecklist: s.checklist, updateCadences: [], signals: [],
        }));
        plan.steps = steps.map((s, i) => ({ id: `step-${i}`, number: i + 1, title: s.title, summary: s.summary, usesSeverityEscalation: i === 0, sections: s.items.length ? [{ id: 'list', title: s.title, items: s.items.map((t, k) => ({ id: `i${k}`, text: t })) }] : [] }));
        plan.scenarios = plan.scenarios.slice(0, 1).map((sc) => ({ ...sc, likelySeverity: undefined }));
        delete plan.intake; // the default intake rules name P0-P3 and the six scenarios, which these plans do not have
        plan.visibility = { ...plan.visibility, restrictedScenarios: [] }; // nor the data breach scenario
        plan.roles = plan.roles.map((r) => ({ ...r, responseTargets: r.responseTargets.filter((t) => !t.severity) })).map((r) => (r.responseTargets.length ? r : { ...r, responseTargets: [{ within: '15m' }] }));
        const valid = parsePlan(plan);
        fc.pre(valid.ok);
        if (!valid.ok) return;
        expect(roundTrip(valid.plan).plan).toEqual(valid.plan);
      }),
      { numRuns: 25 },
    );
  });
});
