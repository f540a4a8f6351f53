// What a database cannot store is found with the path a person can follow to it (the error names it), whatever the
// shape: checked against a plain recursive reading of the rule on generated values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnstorable, MAX_NESTING, textProblem, type UnstorableFound } from './storable-text';

/** The rule read plainly: depth first, keys before values of an object, in key order; arrays by index. */
function reference(value: unknown, path = '', depth = 0): UnstorableFound | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { path, problem } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_NESTING) return { path, problem: 'depth' };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = reference(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const problem = textProblem(key);
    if (problem) return { path: path ? `${path}.${JSON.stringify(key)}` : JSON.stringify(key), problem };
  }
  for (const [key, child] of Object.entries(value)) {
    const found = reference(child, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

const text = fc.oneof(fc.string(), fc.constantFrom('a\u0000b', '\uD800', 'x\uDC00', 'ok \uD83D\uDE00'));

describe('findUnstorable', () => {
  it('names the first unstorable text by its path, as the rule says', () => {
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.constant(null), fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(text, tie('tree'), { maxKeys: 4 })),
    }));
    fc.assert(fc.property(tree, (value) => {
      expect(findUnstorable(value)).toEqual(reference(value));
    }), { numRuns: 500 });
  });

  it('refuses nesting past the bound at the first value too deep, without walking further', () => {
    let deep: unknown = 'end';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorable({ payload: deep })).toEqual({ path: `payload${'[0]'.repeat(MAX_NESTING - 1)}`, problem: 'depth' });
    expect(findUnstorable({ payload: { items: [{ text: 'fine' }, { text: 'bad\u0000' }] } })).toEqual({ path: 'payload.items[1].text', problem: 'nul' });
  });
});
