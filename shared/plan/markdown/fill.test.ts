// Filling the flagged values of a draft, then validating it as a plan.
import { describe, expect, it } from 'vitest';
import { exportPlanMarkdown } from './export';
import { fillDraft, flagKind, validateFilled } from './fill';
import { importPlanMarkdown } from './import';
import { defaultPlan } from '../default-plan';

describe('filling a draft', () => {
  // The built-in plan without its dueSoonWithin and update channels: the export carries them in the appendix, so
  // drop those two edits and they come back flagged.
  const markdown = exportPlanMarkdown(defaultPlan).replace(/\n\s*"\/timers\/dueSoonWithin": "5m",/, '');
  const result = importPlanMarkdown(markdown);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const draft = result.draft;

  it('knows which flagged values are text and which are lists', () => {
    expect(draft.flags.map((f) => f.path)).toEqual(['timers.dueSoonWithin']);
    expect(flagKind(draft, 'timers.dueSoonWithin')).toBe('text');
    expect(flagKind(draft, 'communication.updateChannels')).toBe('list');
    expect(flagKind(draft, 'timers')).toBe('other');
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
});
