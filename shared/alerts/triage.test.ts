import { describe, expect, it } from 'vitest';
import { defaultPlan } from '../plan/default-plan';
import { parseMatcher } from '../plan/intake-schema';
import { parsePlan } from '../plan/load';
import { matcherHolds, readNumber, triageAlert } from './triage';

describe('label matchers (Alertmanager syntax)', () => {
  it.each([
    ['severity=critical', { severity: 'critical' }, true],
    ['severity=critical', { severity: 'warning' }, false],
    ['severity!=critical', { severity: 'warning' }, true],
    ['alertname=~HighErrorRate', { alertname: 'HighErrorRate' }, true],
    ['alertname=~HighErrorRate', { alertname: 'HighErrorRateCheckout' }, false], // anchored, as in Alertmanager
    ['alertname=~.*ErrorRate.*', { alertname: 'CheckoutErrorRateHigh' }, true],
    ['alertname!~.*Disk.*', { alertname: 'DiskFull' }, false],
    ['team=""', {}, true], // a missing label is the empty string
    ['team="db"', { team: 'db' }, true],
  ])('%s on %j -> %s', (text, labels, expected) => {
    const m = parseMatcher(text);
    expect(m).toBeDefined();
    expect(matcherHolds(m!, labels as Record<string, string>)).toBe(expected);
  });

  it('refuses text that is not a matcher, or a broken regex', () => {
    expect(parseMatcher('severity')).toBeUndefined();
    expect(parseMatcher('alertname=~(')).toBeUndefined();
  });
});

describe('triage by the default plan', () => {
  it('an error-rate alert at 7 % is P1, quoting the plan', () => {
    const t = triageAlert(defaultPlan, { alertname: 'HighErrorRate', severity: 'warning' }, { value: '7' });
    expect(t).toMatchObject({ ruleId: 'error-rate', severity: 'P1', reason: 'Error rate > 5%', category: 'application', action: 'triage', value: 7 });
  });

  it('at 3 % it is P2 (the plan\'s 1-5% band); the error_rate annotation counts as the value too', () => {
    expect(triageAlert(defaultPlan, { alertname: 'HighErrorRate' }, { error_rate: '3%' })).toMatchObject({ severity: 'P2', reason: 'Error rate 1-5%' });
  });

  it('without a value the rule\'s own severity applies, naming the rule', () => {
    expect(triageAlert(defaultPlan, { alertname: 'HighErrorRate' }, {})).toMatchObject({ severity: 'P2', reason: 'Intake rule: Error Rate Monitoring (> 1%)' });
  });

  it('a disk alert brings its runbook; a payment failure declares at once', () => {
    expect(triageAlert(defaultPlan, { alertname: 'DiskSpaceLow' }, {})).toMatchObject({ severity: 'P1', scenario: 'disk-space-full', action: 'triage' });
    expect(triageAlert(defaultPlan, { alertname: 'PaymentFailures' }, {})).toMatchObject({ severity: 'P0', scenario: 'payment-processing-failure', action: 'declare' });
  });

  it('falls back to the severity label by the plan\'s level names; nothing matched waits in triage without a suggestion', () => {
    expect(triageAlert(defaultPlan, { alertname: 'Foo', severity: 'critical' }, {})).toMatchObject({ severity: 'P0', ruleId: 'severity-critical' });
    expect(triageAlert(defaultPlan, { alertname: 'Foo' }, {})).toEqual({ action: 'triage' });
  });

  it('reads values with units', () => {
    expect(readNumber('7')).toBe(7);
    expect(readNumber(' 7.5 % ')).toBe(7.5);
    expect(readNumber('1500ms')).toBe(1.5);
    expect(readNumber('high')).toBeUndefined();
  });
});

describe('intake rules are validated with the plan', () => {
  it('names a bad matcher and an unknown scenario by path', () => {
    const rules = [{ id: 'x', name: 'X', match: ['alertname=~('], action: 'triage' }, { id: 'y', name: 'Y', match: ['a=b'], scenario: 'nope' }];
    const bad = parsePlan({ ...defaultPlan, intake: { valueAnnotations: ['value'], rules: [rules[0]] } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toMatch(/^intake\.rules\[0\]\.match\[0\]: expected a label matcher/);
    const unknown = parsePlan({ ...defaultPlan, intake: { valueAnnotations: ['value'], rules: [rules[1]] } });
    expect(unknown).toEqual({ ok: false, errors: ['intake.rules[0].scenario: unknown scenario "nope"'] });
  });

  it('the default plan\'s rules are valid and reference only what the plan has', () => {
    expect(parsePlan(defaultPlan).ok).toBe(true);
  });
});
