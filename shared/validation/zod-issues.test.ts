// Path-named zod problems: indexes in brackets, keys after dots, under the name of what was parsed.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeFirstIssue, describeIssue, describeIssues, issuePath } from './zod-issues';

const schema = z.object({ severities: z.array(z.object({ id: z.string(), every: z.string().regex(/^\d+m$/, 'expected a duration like "15m"') })) });

describe('zod issues', () => {
  it('writes array indices in brackets and keys with dots, under what was parsed', () => {
    expect(issuePath(['severities', 2, 'updateCadences', 0, 'every'])).toBe('severities[2].updateCadences[0].every');
    expect(issuePath(['injects', 0], '[3]')).toBe('[3].injects[0]');
    expect(issuePath([0, 'id'], 'events')).toBe('events[0].id');
    expect(issuePath([])).toBe('');
  });

  it('names each problem by its path, and a problem with the whole value by its root name', () => {
    const bad = schema.safeParse({ severities: [{ id: 'P0', every: '15m' }, { id: 1, every: 'soon' }] });
    expect(bad.success).toBe(false);
    if (bad.success) return;
    expect(describeIssues(bad.error, { at: 'plan' })).toEqual([
      'plan.severities[1].id: Invalid input: expected string, received number',
      'plan.severities[1].every: expected a duration like "15m"',
    ]);
    const root = schema.safeParse('nope');
    if (root.success) return;
    expect(describeFirstIssue(root.error, { root: 'archive' })).toBe('archive: Invalid input: expected object, received string');
    expect(describeFirstIssue(root.error, { at: 'body' })).toBe('body: Invalid input: expected object, received string');
    expect(describeIssue(root.error.issues[0]!)).toBe('Invalid input: expected object, received string');
  });
});
