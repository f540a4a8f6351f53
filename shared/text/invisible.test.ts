import { describe, expect, it } from 'vitest';
import { neutraliseInvisible } from './invisible';

describe('neutraliseInvisible', () => {
  it('removes bidi overrides, isolates, marks and zero-width characters, keeping what readers see', () => {
    expect(neutraliseInvisible('Invoice \u202Efdp.exe')).toBe('Invoice fdp.exe');
    expect(neutraliseInvisible('\u2066admin\u2069 \u2067x\u2069 \u202Ay\u202C \u200Bz\u200F\uFEFF')).toBe('admin x y z');
    expect(neutraliseInvisible('a\u0000b\u0007c\u001Bd\u007Fe\u0085f')).toBe('abcdef');
    expect(neutraliseInvisible('tag\uDB40\uDC41\uDB40\uDC7F end')).toBe('tag end');
  });
  it('keeps tabs, newlines, emoji sequences and scripts that need joiners', () => {
    expect(neutraliseInvisible('line 1\r\nline 2\u2028line 3\tend')).toBe('line 1\nline 2\nline 3\tend');
    expect(neutraliseInvisible('👩\u200D💻 می\u200Cخواهم עברית')).toBe('👩\u200D💻 می\u200Cخواهم עברית');
  });
});
