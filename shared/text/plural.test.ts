import { describe, expect, it } from 'vitest';
import { plural } from './plural';

describe('plural', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(plural(1, 'incident')).toBe('1 incident');
    expect(plural(0, 'incident')).toBe('0 incidents');
    expect(plural(2, 'incident')).toBe('2 incidents');
  });
  it('takes an irregular plural', () => {
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
  });
});
