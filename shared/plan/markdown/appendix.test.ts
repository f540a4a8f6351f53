// The appendix edits: diff then apply gives the target back; bad pointers are refused, never half-applied.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPENDIX_FORMAT, applyAppendix, diffPlans, pointerToPath } from './appendix';

describe('appendix edits', () => {
  it('diff then apply gives the target, for any JSON', () => {
    const key = fc.string().filter((k) => !['__proto__', 'prototype', 'constructor'].includes(k));
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(key, tie('value'), { maxKeys: 3 })),
    })).value;
    fc.assert(fc.property(fc.dictionary(key, json), fc.dictionary(key, json), (target, base) => {
      const applied = applyAppendix(base, diffPlans(target, base));
      expect(applied.ok && applied.value).toEqual(target);
    }), { numRuns: 300 });
  });

  it('edits by key and index, whole arrays when lengths differ', () => {
    const d = diffPlans({ a: [1, 2], b: { c: 'x' }, e: [1] }, { a: [1, 3], b: { c: 'y', d: 1 }, e: [1, 2] });
    expect(d).toEqual({ format: APPENDIX_FORMAT, set: { '/a/1': 2, '/b/c': 'x', '/e': [1] }, unset: ['/b/d'] });
    expect(pointerToPath('/severities/0/a~1b')).toBe('severities[0].a/b');
    // Keys that name Object.prototype members are data like any other.
    expect(applyAppendix({ toString: 1 }, diffPlans({}, { toString: 1 }))).toEqual({ ok: true, value: {} });
    expect(applyAppendix({}, diffPlans({ valueOf: { x: 1 } }, {}))).toEqual({ ok: true, value: { valueOf: { x: 1 } } });
  });

  it('refuses pointers that lead nowhere, and does not touch the base', () => {
    const base = { list: [1] };
    expect(applyAppendix(base, { format: APPENDIX_FORMAT, set: { '/list/5': 1 }, unset: [] })).toEqual({ ok: false, pointer: '/list/5', reason: 'index out of range' });
    expect(applyAppendix(base, { format: APPENDIX_FORMAT, set: { '/x/y/z': 1 }, unset: [] })).toMatchObject({ ok: false, pointer: '/x/y/z' });
    expect(applyAppendix(base, { format: APPENDIX_FORMAT, set: { '/constructor/prototype/x': 1 }, unset: [] })).toMatchObject({ ok: false, reason: 'not a plan field' });
    expect(base).toEqual({ list: [1] });
  });
});
