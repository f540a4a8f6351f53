import { describe, it, expect } from 'vitest';
import { defaultPlan } from './default-plan';
import { suggestSeverity, ruleMatches } from './suggest';
import { type Plan } from './schema';

const suggest = (signals: Parameters<typeof suggestSeverity>[1]) => suggestSeverity(defaultPlan, signals);

describe('suggestSeverity with the default plan', () => {
  it('platform down for 6 minutes is P0, quoting the plan', () => {
    const s = suggest({ serviceDownMinutes: 6 });
    expect(s.severity).toBe('P0');
    expect(s.reasons).toEqual([{ severity: 'P0', signal: 'serviceDownMinutes', quote: 'Platform down (> 5 minutes)' }]);
    expect(s.matchedAll).toBe(true);
  });

  it('platform down for exactly 5 minutes is not P0 (the plan says "> 5 minutes") and is reported as unmatched', () => {
    const s = suggest({ serviceDownMinutes: 5 });
    expect(s.severity).toBeNull();
    expect(s.reasons).toEqual([]);
    expect(s.matchedAll).toBe(false);
    expect(s.unmatched).toEqual(['serviceDownMinutes']);
  });

  it.each([
    [{ errorRatePercent: 7 }, 'P1', 'Error rate > 5%'],
    [{ errorRatePercent: 5 }, 'P2', 'Error rate 1-5%'],
    [{ errorRatePercent: 3 }, 'P2', 'Error rate 1-5%'],
    [{ errorRatePercent: 1 }, 'P2', 'Error rate 1-5%'],
    [{ responseTimeSeconds: 3 }, 'P2', 'Response time > 2 seconds'],
    [{ responseTimeSeconds: 6 }, 'P1', 'Response time > 5 seconds'],
    [{ performanceDegradationPercent: 60 }, 'P1', 'Performance degradation > 50%'],
    [{ performanceDegradationPercent: 30 }, 'P2', 'Performance degradation 20-50%'],
    [{ performanceDegradationPercent: 10 }, 'P3', 'Minor performance issue'],
    [{ confirmedDataBreach: true }, 'P0', 'Data breach (confirmed)'],
    [{ databaseCorruption: true }, 'P0', 'Database corruption'],
    [{ paymentProcessingFailure: true }, 'P0', 'Payment processing failure'],
    [{ authenticationFailure: true }, 'P0', 'Authentication system failure'],
    [{ emailDeliveryFailure: true }, 'P1', 'Email delivery failure'],
    [{ featureBroken: 'completely' }, 'P1', 'Feature completely broken'],
    [{ featureBroken: 'single' }, 'P2', 'Single feature broken'],
    [{ cosmeticOnly: true }, 'P3', 'Cosmetic bug'],
    [{ documentationError: true }, 'P3', 'Documentation error'],
  ] as const)('%o suggests %s because "%s"', (signals, severity, quote) => {
    const s = suggest(signals);
    expect(s.severity).toBe(severity);
    expect(s.reasons[0]).toMatchObject({ severity, quote });
  });

  it('an error rate below 1% matches nothing', () => {
    expect(suggest({ errorRatePercent: 0.5 }).severity).toBeNull();
  });

  it('nothing reported suggests nothing', () => {
    const s = suggest({});
    expect(s).toEqual({ severity: null, reasons: [], matchedAll: true, unmatched: [] });
  });

  it('false booleans, zero numbers and "none" are not reports', () => {
    const s = suggest({ confirmedDataBreach: false, errorRatePercent: 0, featureBroken: 'none' });
    expect(s.severity).toBeNull();
    expect(s.matchedAll).toBe(true);
  });

  it('several signals: the highest severity wins and every matched rule is quoted, highest first', () => {
    const s = suggest({ errorRatePercent: 3, performanceDegradationPercent: 60, confirmedDataBreach: true });
    expect(s.severity).toBe('P0');
    expect(s.reasons).toEqual([
      { severity: 'P0', signal: 'confirmedDataBreach', quote: 'Data breach (confirmed)' },
      { severity: 'P1', signal: 'performanceDegradationPercent', quote: 'Performance degradation > 50%' },
      { severity: 'P2', signal: 'errorRatePercent', quote: 'Error rate 1-5%' },
      { severity: 'P3', signal: 'performanceDegradationPercent', quote: 'Minor performance issue' },
    ]);
    expect(s.matchedAll).toBe(true);
  });

  it('orders by rank, not by the order severities are listed in the plan', () => {
    const reversed: Plan = { ...defaultPlan, severities: [...defaultPlan.severities].reverse() };
    const s = suggestSeverity(reversed, { errorRatePercent: 7, cosmeticOnly: true });
    expect(s.severity).toBe('P1');
    expect(s.reasons.map((r) => r.severity)).toEqual(['P1', 'P3']);
  });
});

describe('ruleMatches', () => {
  const rule = { signal: 'errorRatePercent', quote: 'q' } as const;
  it('implements >, >=, <, between (inclusive) and is', () => {
    expect(ruleMatches({ ...rule, op: '>', value: 5 }, 5)).toBe(false);
    expect(ruleMatches({ ...rule, op: '>=', value: 5 }, 5)).toBe(true);
    expect(ruleMatches({ ...rule, op: '<', value: 5 }, 4.9)).toBe(true);
    expect(ruleMatches({ ...rule, op: '<', value: 5 }, 5)).toBe(false);
    expect(ruleMatches({ ...rule, op: 'between', min: 1, max: 5 }, 1)).toBe(true);
    expect(ruleMatches({ ...rule, op: 'between', min: 1, max: 5 }, 5)).toBe(true);
    expect(ruleMatches({ ...rule, op: 'between', min: 1, max: 5 }, 5.01)).toBe(false);
    expect(ruleMatches({ ...rule, op: 'is', value: true }, true)).toBe(true);
    expect(ruleMatches({ ...rule, op: 'is', value: true }, 'true')).toBe(false);
  });
  it('never matches a missing, non-numeric or non-finite value against a numeric rule', () => {
    expect(ruleMatches({ ...rule, op: '>', value: 5 }, undefined)).toBe(false);
    expect(ruleMatches({ ...rule, op: '>', value: 5 }, '7')).toBe(false);
    expect(ruleMatches({ ...rule, op: '>', value: 5 }, Number.NaN)).toBe(false);
  });
});
