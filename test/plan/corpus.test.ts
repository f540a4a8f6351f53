// The corpus itself: every document is kept with its source and a licence that allows it, and every fact written
// about it is quoted from the line it names (so the facts are the document's, not anyone's guess).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusDir, corpusSlugs, loadCorpusDocument, quotesOf } from './corpus-facts';

const slugs = corpusSlugs();

describe('the corpus of real incident response documents', () => {
  it('holds at least ten documents, each with its source and its facts (and nothing else)', () => {
    expect(slugs.length).toBeGreaterThanOrEqual(10);
    const files = readdirSync(corpusDir).filter((f) => f !== 'README.md').sort();
    expect(files).toEqual(slugs.flatMap((s) => [`${s}.facts.json`, `${s}.md`, `${s}.source.json`]).sort());
  });

  it('comes from different organisations', () => {
    const organisations = new Set(slugs.map((s) => loadCorpusDocument(s).source.organisation.split(' (')[0]));
    expect(organisations.size).toBeGreaterThanOrEqual(9);
  });

  describe.each(slugs)('%s', (slug) => {
    const doc = loadCorpusDocument(slug);
    const lines = doc.text.split('\n');

    it('is the document as fetched: same name, same length (in characters, as the source counted them)', () => {
      expect(doc.source.document).toBe(`${slug}.md`);
      expect(doc.facts.document).toBe(`${slug}.md`);
      expect([...doc.text].length).toBe(doc.source.characters);
    });

    it('says every fact on the line its facts file names', () => {
      const wrong = quotesOf(doc.facts).filter((q) => !(lines[q.line - 1] ?? '').includes(q.quote));
      expect(wrong.map((q) => `${q.what}: line ${q.line} does not say "${q.quote}"`)).toEqual([]);
    });

    it('names each fact once', () => {
      const ids = (doc.facts.severities?.levels ?? []).map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
      const steps = (doc.facts.steps ?? []).map((s) => s.title);
      expect(new Set(steps).size).toBe(steps.length);
      if (doc.facts.severities) expect(ids).toContain(doc.facts.severities.mostSevere);
    });
  });
});
