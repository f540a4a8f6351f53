import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays, daysBetween, formatLocalDate, isValidTimeZone, parseLocalDate, parseLocalTime, weekdayOf,
  zoneOffsetMs, zonedParts, zonedTimeToInstant,
} from './zoned';

const utc = (iso: string) => Date.parse(iso);

describe('zonedParts', () => {
  it('reads the wall clock of an instant in UTC, Berlin and New York', () => {
    expect(zonedParts(utc('2026-01-05T09:00:00Z'), 'UTC')).toEqual({ year: 2026, month: 1, day: 5, hour: 9, minute: 0, second: 0, millisecond: 0, weekday: 'monday' });
    expect(zonedParts(utc('2026-01-05T08:00:00Z'), 'Europe/Berlin')).toMatchObject({ day: 5, hour: 9, minute: 0 });
    expect(zonedParts(utc('2026-07-06T07:00:00Z'), 'Europe/Berlin')).toMatchObject({ day: 6, hour: 9, weekday: 'monday' });
    expect(zonedParts(utc('2026-01-01T04:30:15.250Z'), 'America/New_York')).toEqual({ year: 2025, month: 12, day: 31, hour: 23, minute: 30, second: 15, millisecond: 250, weekday: 'wednesday' });
  });

  it('shows midnight as hour 0, never 24', () => {
    expect(zonedParts(utc('2026-06-01T22:00:00Z'), 'Europe/Berlin')).toMatchObject({ day: 2, hour: 0 });
  });

  it('throws for an unknown zone', () => {
    expect(() => zonedParts(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
  });
});

describe('zoneOffsetMs', () => {
  it('follows daylight saving time', () => {
    expect(zoneOffsetMs(utc('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(3_600_000);
    expect(zoneOffsetMs(utc('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(7_200_000);
    expect(zoneOffsetMs(utc('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-5 * 3_600_000);
    expect(zoneOffsetMs(utc('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-4 * 3_600_000);
    expect(zoneOffsetMs(utc('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
  });
});

describe('zonedTimeToInstant', () => {
  it('converts ordinary wall times in and out of summer time', () => {
    expect(zonedTimeToInstant({ year: 2026, month: 1, day: 5, hour: 9, minute: 0 }, 'UTC')).toBe(utc('2026-01-05T09:00:00Z'));
    expect(zonedTimeToInstant({ year: 2026, month: 1, day: 5, hour: 9, minute: 0 }, 'Europe/Berlin')).toBe(utc('2026-01-05T08:00:00Z'));
    expect(zonedTimeToInstant({ year: 2026, month: 7, day: 6, hour: 9, minute: 0 }, 'Europe/Berlin')).toBe(utc('2026-07-06T07:00:00Z'));
    expect(zonedTimeToInstant({ year: 2026, month: 11, day: 2, hour: 9, minute: 0 }, 'America/New_York')).toBe(utc('2026-11-02T14:00:00Z'));
    expect(zonedTimeToInstant({ year: 2026, month: 7, day: 1, hour: 0, minute: 0, second: 30 }, 'Asia/Kolkata')).toBe(utc('2026-06-30T18:30:30Z'));
  });

  it('moves a wall time inside a spring-forward gap past the gap', () => {
    // Berlin 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00Z). 02:30 does not exist; 03:30 CEST is 01:30Z.
    expect(zonedTimeToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin')).toBe(utc('2026-03-29T01:30:00Z'));
    // New York 2026-03-08: 02:00 EST jumps to 03:00 EDT.
    expect(zonedTimeToInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York')).toBe(utc('2026-03-08T07:30:00Z'));
  });

  it('takes the earlier instant of a wall time repeated when clocks go back', () => {
    // Berlin 2026-10-25: 03:00 CEST goes back to 02:00 CET; 02:30 happens at 00:30Z and 01:30Z.
    expect(zonedTimeToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin')).toBe(utc('2026-10-25T00:30:00Z'));
    // New York 2026-11-01: 01:30 happens at 05:30Z (EDT) and 06:30Z (EST).
    expect(zonedTimeToInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York')).toBe(utc('2026-11-01T05:30:00Z'));
  });

  it('round-trips: the instant for an instant\'s wall time shows the same wall time (any zone, any date)', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Sao_Paulo', 'Pacific/Chatham'];
    fc.assert(
      fc.property(
        fc.integer({ min: utc('1990-01-01T00:00:00Z') / 1000, max: utc('2040-01-01T00:00:00Z') / 1000 }),
        fc.constantFrom(...zones),
        (seconds, zone) => {
          const instant = seconds * 1000;
          const wall = zonedParts(instant, zone);
          const back = zonedTimeToInstant(wall, zone);
          expect(zonedParts(back, zone)).toEqual(wall);
          // Only a repeated (fall-back) hour may map to a different, earlier instant.
          expect(back).toBeLessThanOrEqual(instant);
          expect(instant - back).toBeLessThanOrEqual(3_600_000);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('local date helpers', () => {
  it('parse, add, count and name days', () => {
    expect(parseLocalDate('2026-01-05')).toEqual({ year: 2026, month: 1, day: 5 });
    expect(() => parseLocalDate('2026-02-30')).toThrow('not a real date');
    expect(() => parseLocalDate('5.1.2026')).toThrow('expected a date');
    expect(parseLocalTime('09:00')).toEqual({ hour: 9, minute: 0 });
    expect(() => parseLocalTime('9am')).toThrow('expected a time');
    expect(formatLocalDate(addDays({ year: 2026, month: 1, day: 5 }, -7))).toBe('2025-12-29');
    expect(formatLocalDate(addDays({ year: 2028, month: 2, day: 28 }, 1))).toBe('2028-02-29');
    expect(daysBetween({ year: 2025, month: 1, day: 6 }, { year: 2026, month: 1, day: 5 })).toBe(364);
    expect(weekdayOf({ year: 2026, month: 1, day: 5 })).toBe('monday');
  });
});
