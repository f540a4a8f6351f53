// Filling the flagged values of a draft, then validating it as a plan.
import { describe, expect, it } from 'vitest';
import { exportPlanMarkdown } from './export';
import { errorsByFlag, fillDraft, flagKind, suggestionFor, validateFilled } from './fill';
import { importPlanMarkdown } from './import';
import { defaultPlan } from '../default-plan';

describe('filling a draft', () => {
  // The built-in plan without its dueSoonWithin and update channels: the export carries them in the appendix, so
  // drop those two edits and they come back flagged.
  const markdown = exportPlanMarkdown(defaultPlan).replace(/\n\s*"\/timers\/dueSoonWithin": "5m",/, '');
  const result = importPlanMarkdown(markdown);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const draft = result.draft;

  it('gives each flagged value an input of its shape', () => {
    expect(draft.flags.map((f) => f.path)).toEqual(['timers.dueSoonWithin']);
    expect(flagKind(draft, 'timers.dueSoonWithin')).toBe('duration');
    expect(flagKind(draft, 'communication.updateChannels')).toBe('list');
    expect(flagKind(draft, 'organisation')).toBe('text');
    expect(flagKind(draft, 'roles')).toBe('roles');
    expect(flagKind(draft, 'categories')).toBe('names');
    expect(flagKind(draft, 'pir.sections')).toBe('sections');
    expect(flagKind(draft, 'compliance.retention.minimum')).toBe('period');
  });

  it('an unfilled draft does not validate; a filled one does and is the plan', () => {
    const empty = validateFilled(draft, {});
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.errors).toEqual(['timers.dueSoonWithin: expected a duration like "15m"']);
    const filled = validateFilled(draft, { 'timers.dueSoonWithin': ' 5m ' });
    expect(filled.ok && filled.plan).toEqual(defaultPlan);
    expect(fillDraft(draft, { 'timers.dueSoonWithin': '3m' }).timers.dueSoonWithin).toBe('3m');
    expect(draft.plan.timers.dueSoonWithin).toBe('');
  });

  it('fills structured flags from rows, never from a suggestion the user did not accept', () => {
    const runbook = importPlanMarkdown('# Runbook\n\n## Severity\n\n- **Critical** – everything is down\n- **Minor** – one user is affected\n');
    if (!runbook.ok) throw new Error('refused');
    const d = runbook.draft;
    const roles = d.flags.find((f) => f.path === 'roles');
    const categories = d.flags.find((f) => f.path === 'categories');
    if (!roles || !categories) throw new Error('expected roles and categories to be flagged');
    expect(flagKind(d, 'roles')).toBe('roles');
    // Nothing filled yet: the suggestion for categories is offered, not applied.
    expect(suggestionFor(d, categories)?.from).toBe('the built-in plan');
    expect(fillDraft(d, {}).categories).toEqual([]);
    const plan = fillDraft(d, {
      roles: [{ name: 'Incident Commander', responsibilities: 'Runs the incident', coverage: '24/7', within: '15m' }, {}],
      categories: [{ name: 'Security' }],
    });
    expect(plan.roles).toEqual([{ id: 'incident-commander', name: 'Incident Commander', responsibilities: 'Runs the incident', coverage: '24/7', responseTargets: [{ within: '15m' }], assignable: true }]);
    expect(plan.categories).toEqual([{ id: 'security', name: 'Security' }]);
  });

  it('places each validation error on the flag it belongs to', () => {
    const runbook = importPlanMarkdown('# Runbook\n\n## Severity\n\n- **Critical** – everything is down\n- **Minor** – one user is affected\n');
    if (!runbook.ok) throw new Error('refused');
    const result = validateFilled(runbook.draft, { roles: [{ name: 'Incident Commander', responsibilities: 'Runs it', coverage: '24/7', within: 'soon' }] });
    if (result.ok) throw new Error('expected errors');
    const { byFlag } = errorsByFlag(runbook.draft, result.errors);
    expect(byFlag.roles).toEqual(['expected a duration like "15m"']);
    expect(byFlag['severities[0].responseTarget']).toEqual(['expected a duration like "15m"']);
  });

  it('levels the user adds get the update cadences the document states for every level', () => {
    const d = importPlanMarkdown('# During\n\n## Steps for Deputy\n\n1. Provide status updates (roughly every 30mins) to the executive team.\n');
    if (!d.ok) throw new Error('refused');
    expect(d.draft.flags.map((f) => f.path)).toContain('severities');
    const plan = fillDraft(d.draft, { severities: [{ id: 'SEV-1', name: 'Critical', definition: 'Down', response: '5m', resolution: '1h', escalation: 'Page the IC' }] });
    expect(plan.severities[0]?.updateCadences).toEqual([{ audience: 'executive-team', every: '30m' }]);
    expect(plan.audiences.map((a) => a.id)).toContain('executive-team');
  });
});
