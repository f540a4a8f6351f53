// Impact start checks: future and over-a-year-old starts are refused; another day's date is spelled out.
import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '@shared/time/duration';
import { impactDateNote, impactStartProblem } from './impact-start';

const NOW = new Date(2026, 2, 4, 10, 0).getTime();

describe('impact start', () => {
  it('accepts a back-dated start within the year', () => {
    expect(impactStartProblem(NOW - 2 * HOUR, NOW)).toBeNull();
    expect(impactStartProblem(NOW - 300 * DAY, NOW)).toBeNull();
  });
  it('refuses the future, invalid input and more than a year ago', () => {
    expect(impactStartProblem(NOW + HOUR, NOW)).toMatch(/future/);
    expect(impactStartProblem(Number.NaN, NOW)).toMatch(/not a valid time/);
    expect(impactStartProblem(NOW - 366 * DAY, NOW)).toMatch(/more than a year ago/);
  });
  it('spells the date out only when it is not today', () => {
    expect(impactDateNote(NOW - HOUR, NOW)).toBeNull();
    const note = impactDateNote(new Date(2025, 2, 3, 23, 59).getTime(), NOW);
    expect(note).toContain('2025');
  });
});
