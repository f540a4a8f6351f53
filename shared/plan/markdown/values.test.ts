// The short phrases a plan states values in, read as the plan's own data types.
import { describe, expect, it } from 'vitest';
import { calendarPeriodOf, durationRange, handoffOf, ifLongerThan, oneDuration, periodText, placeholderIn, splitList, withinDuration } from './values';

describe('reading values from phrases', () => {
  it('durations', () => {
    expect(oneDuration('Immediate (< 5 minutes)')).toEqual({ value: '5m' });
    expect(oneDuration('< 1 week')).toEqual({ value: '1w' });
    expect(oneDuration('< 24 hours')).toEqual({ value: '24h' });
    expect(oneDuration('5 minutes or 1 hour')).toEqual({ ambiguous: ['5m', '1h'] });
    expect(oneDuration('as soon as possible')).toEqual({});
    expect(durationRange('1-2 hours')).toEqual(['1h', '2h']);
    expect(durationRange('2 hours')).toEqual(['2h', '2h']);
    expect(withinDuration('Page on-call engineer within 15 minutes')).toBe('15m');
    expect(withinDuration('Page on-call engineer immediately')).toBeUndefined();
    expect(ifLongerThan('Notify stakeholders if > 1 hour to resolve')).toBe('1h');
  });

  it('calendar cadences, and written back so they read the same', () => {
    expect(calendarPeriodOf('Quarterly')).toEqual({ count: 3, unit: 'month' });
    expect(calendarPeriodOf('Annually for patterns')).toEqual({ count: 1, unit: 'year' });
    expect(calendarPeriodOf('3 years minimum')).toEqual({ count: 3, unit: 'year' });
    expect(calendarPeriodOf('Every 6 weeks')).toEqual({ count: 6, unit: 'week' });
    expect(calendarPeriodOf('now and then')).toBeUndefined();
    for (const p of [{ count: 3, unit: 'month' }, { count: 5, unit: 'day' }, { count: 1, unit: 'week' }] as const) expect(calendarPeriodOf(periodText(p))).toEqual(p);
  });

  it('a handoff', () => {
    expect(handoffOf('Every Monday at 9 AM UTC')).toEqual({ weekday: 'monday', time: '09:00', timeZone: 'UTC' });
    expect(handoffOf('Fridays 17:30 Europe/Berlin')).toEqual({ weekday: 'friday', time: '17:30', timeZone: 'Europe/Berlin' });
    expect(handoffOf('Every week')).toEqual({ weekday: undefined, time: undefined, timeZone: undefined });
  });

  it('lists of names', () => {
    expect(splitList('Infrastructure, Application, Security, Data')).toEqual(['Infrastructure', 'Application', 'Security', 'Data']);
    expect(splitList('P0, P1, P2, or P3')).toEqual(['P0', 'P1', 'P2', 'P3']);
  });
});

describe('placeholderIn', () => {
  it('finds a template\'s placeholder in the styles templates use, and nothing in a real title', () => {
    expect(placeholderIn('Incident Response Plan for `COMPANY_NAME`')).toBe('`COMPANY_NAME`');
    expect(placeholderIn('[Company Name] Security Incident Response Plan')).toBe('[Company Name]');
    expect(placeholderIn('Incident plan of <Your Organisation>')).toBe('<Your Organisation>');
    expect(placeholderIn('{{ org }} incident process')).toBe('{{ org }}');
    for (const real of ['How to manage technical incidents', 'Security Incident Response Guide', 'PagerDuty Incident Response', 'NHS UK P1 process', 'Incident Response Policy (ISO 27001)']) {
      expect(placeholderIn(real), real).toBeUndefined();
    }
  });
});
