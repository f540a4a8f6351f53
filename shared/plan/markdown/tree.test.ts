// The document's sections and "**Label**: value" lines, each with its line number.
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './parse';
import { fieldsOf, labelledLists, sectionsOf } from './tree';

const doc = `# Plan

## Levels

### P1 - High

**Response Time**: < 15 minutes  
**Resolution Time**: < 1 hour

**Examples**:
- Error rate > 5%
- ✅ Feature broken
`;

describe('the document tree', () => {
  const parsed = parseMarkdown(doc);
  if (!parsed.ok) throw new Error('parse');
  const top = sectionsOf(parsed.root);
  const level = top.children[0]?.children[0]?.children[0];

  it('nests sections by heading depth, with their lines', () => {
    expect(top.children.map((s) => [s.title, s.line])).toEqual([['Plan', 1]]);
    expect([level?.title, level?.line]).toEqual(['P1 - High', 5]);
  });

  it('reads labelled lines across hard breaks, and labelled lists', () => {
    const fields = fieldsOf(level?.blocks ?? []);
    expect(fields.get('response time')).toMatchObject({ value: '< 15 minutes', line: 7 });
    expect(fields.get('resolution time')).toMatchObject({ value: '< 1 hour', line: 8 });
    expect(labelledLists(level?.blocks ?? []).get('examples')?.items.map((i) => [i.text, i.line])).toEqual([['Error rate > 5%', 11], ['Feature broken', 12]]);
  });
});
