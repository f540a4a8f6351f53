// The plan's recurrence watch quoted in words, and status labels as the status form shows them.
import { describe, expect, it } from 'vitest';
import { spellDuration, statusLabel } from './status-words';

describe('status words', () => {
  it('spells plan durations out', () => {
    expect(spellDuration('30m')).toBe('30 minutes');
    expect(spellDuration('1h')).toBe('1 hour');
    expect(spellDuration('2d')).toBe('2 days');
    expect(spellDuration('soon')).toBe('soon');
  });
  it('capitalises statuses', () => {
    expect(statusLabel('investigating')).toBe('Investigating');
  });
});
