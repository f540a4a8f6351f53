// The importer against real documents nobody here wrote: every one is read (none refused), nothing is invented, and
// at least 85 % of the stated facts are right, the rest flagged for the user (none wrong, none silently missing).
import { describe, expect, it } from 'vitest';
import { importPlanMarkdown } from '@shared/plan/markdown/import';
import { corpusSlugs, loadCorpusDocument } from './corpus-facts';
import { scoreImport, tally, type Row } from './corpus-score';

const results = corpusSlugs().map((slug) => {
  const doc = loadCorpusDocument(slug);
  const result = importPlanMarkdown(doc.text);
  return { slug, result, rows: scoreImport(doc.facts, result) };
});

const list = (rows: Row[], outcome: Row['outcome']) => rows.filter((r) => r.outcome === outcome).map((r) => `${r.what}${r.detail ? `: ${r.detail}` : ''}`);

describe('importing the corpus of real incident response documents', () => {
  it('reports, per document, what was right, wrong, flagged, silently missing and invented', () => {
    const table = results.map(({ slug, rows }) => ({ document: slug, ...tally(rows) }));
    console.table(table);
    expect(table.length).toBeGreaterThanOrEqual(10);
  });

  describe.each(results)('$slug', ({ result, rows }) => {
    it('is read, not refused', () => {
      expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([]);
    });
    it('invents nothing', () => expect(list(rows, 'invented')).toEqual([]));
    it('gets nothing wrong', () => expect(list(rows, 'wrong')).toEqual([]));
    it('misses nothing silently (what it cannot read is flagged)', () => expect(list(rows, 'missing')).toEqual([]));
  });

  it('gets at least 85 % of the stated facts right, the rest flagged', () => {
    const all = tally(results.flatMap((r) => r.rows));
    const stated = all.right + all.wrong + all.flagged + all.missing;
    console.log(`corpus: ${all.right} of ${stated} stated facts right (${((100 * all.right) / stated).toFixed(1)} %), ${all.flagged} flagged`);
    expect(all.right / stated).toBeGreaterThanOrEqual(0.85);
    expect(all.right + all.flagged).toBe(stated);
  });
});
