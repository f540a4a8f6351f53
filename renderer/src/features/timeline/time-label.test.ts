// Timeline time labels: the date appears for entries on another day; back-dated times name their day.
import { describe, expect, it } from 'vitest';
import { backdateDayLabel, entryTimeLabel, shortText } from './time-label';

const NOW = new Date(2026, 2, 2, 0, 10).getTime();

describe('timeline time labels', () => {
  it('shows only the time for today and the date with the time otherwise', () => {
    expect(entryTimeLabel(new Date(2026, 2, 2, 0, 5, 7).getTime(), NOW)).toMatch(/^00:05:07$/);
    const other = entryTimeLabel(new Date(2026, 2, 1, 23, 59).getTime(), NOW);
    expect(other).toMatch(/1/);
    expect(other).toMatch(/Mar/);
    expect(other).toMatch(/23:59$/);
  });
  it('names the day a back-dated time lands on', () => {
    expect(backdateDayLabel(new Date(2026, 2, 2, 0, 1).getTime(), NOW)).toBe('today 00:01');
    expect(backdateDayLabel(new Date(2026, 2, 1, 23, 59).getTime(), NOW)).toBe('yesterday 23:59');
  });
  it('shortens long text for button names', () => {
    expect(shortText('DB at 100% CPU')).toBe('DB at 100% CPU');
    expect(shortText('x'.repeat(60))).toHaveLength(40);
  });
});
