// Every corpus document, imported and its flags answered, publishes a valid plan; exported as Markdown and imported
// again it is the same plan with nothing left to fill, and exporting that gives the same text.
import { describe, expect, it } from 'vitest';
import { validateFilled } from '@shared/plan/markdown/fill';
import { exportPlanMarkdown } from '@shared/plan/markdown/export';
import { importPlanMarkdown } from '@shared/plan/markdown/import';
import { corpusSlugs, loadCorpusDocument } from './corpus-facts';
import { answerEveryFlag } from './corpus-answers';

describe.each(corpusSlugs())('%s, published then exported', (slug) => {
  const imported = importPlanMarkdown(loadCorpusDocument(slug).text);
  if (!imported.ok) throw new Error(`${slug} was refused`);
  const published = validateFilled(imported.draft, answerEveryFlag(imported.draft));

  it('publishes once every flag is answered', () => {
    expect(published.ok ? [] : published.errors).toEqual([]);
  });

  it('exports and imports again as the same plan, nothing to fill, the same text', () => {
    if (!published.ok) return;
    const markdown = exportPlanMarkdown(published.plan);
    const again = importPlanMarkdown(markdown);
    if (!again.ok) throw new Error(again.problems.map((p) => p.message).join('; '));
    expect(again.draft.plan).toEqual(published.plan);
    expect(again.draft.flags).toEqual([]);
    expect(exportPlanMarkdown(again.draft.plan)).toBe(markdown);
  });
});
