import { describe, it, expect } from 'vitest';
import { defaultPlan } from './default-plan';
import { parsePlan, parsePlanText, replacePlan } from './load';
import { type Plan } from './schema';

/** A deep, mutable copy of the default plan as untrusted JSON-like data. */
function draft(): Plan {
  return structuredClone(defaultPlan);
}

function errorsOf(input: unknown): string[] {
  const result = parsePlan(input);
  if (result.ok) throw new Error('expected the plan to be rejected');
  return result.errors;
}

describe('parsePlan', () => {
  it('accepts the default plan and its JSON text', () => {
    expect(parsePlan(draft())).toEqual({ ok: true, plan: defaultPlan });
    expect(parsePlanText(JSON.stringify(defaultPlan))).toEqual({ ok: true, plan: defaultPlan });
  });

  it('names the path and the problem of a malformed duration', () => {
    const plan = draft();
    (plan.severities[2] as { responseTarget: string }).responseTarget = 'an hour';
    expect(errorsOf(plan)).toEqual(['severities[2].responseTarget: expected a duration like "15m"']);
  });

  it('reports every problem, each with its own path', () => {
    const plan = draft() as unknown as Record<string, unknown> & Plan;
    (plan.severities[0] as { resolutionTarget: string }).resolutionTarget = '15 minutes';
    (plan.timers as { recurrenceWatch: string }).recurrenceWatch = '';
    (plan.rotations[0] as { handoff: { time: string } }).handoff.time = '9am';
    (plan.scenarios[5] as { symptoms: string[] }).symptoms = [];
    const errors = errorsOf(plan);
    expect(errors).toContain('severities[0].resolutionTarget: expected a duration like "15m"');
    expect(errors).toContain('timers.recurrenceWatch: expected a duration like "15m"');
    expect(errors).toContain('rotations[0].handoff.time: expected a time like "09:00"');
    expect(errors.some((e) => e.startsWith('scenarios[5].symptoms: '))).toBe(true);
    expect(errors).toHaveLength(4);
  });

  it('names a missing field and a wrong type', () => {
    const plan = draft() as unknown as { severities: Record<string, unknown>[]; roles: Record<string, unknown>[] };
    delete plan.severities[1]?.definition;
    (plan.roles[3] as Record<string, unknown>).name = 42;
    const errors = errorsOf(plan);
    expect(errors.some((e) => e.startsWith('severities[1].definition: '))).toBe(true);
    expect(errors.some((e) => e.startsWith('roles[3].name: '))).toBe(true);
  });

  it('rejects input that is not a plan at all, naming the root', () => {
    expect(errorsOf(null)[0]).toMatch(/^\(root\): /);
    expect(errorsOf({ schemaVersion: 2 }).some((e) => e.startsWith('schemaVersion: '))).toBe(true);
  });

  it('reports an update cadence for an audience the plan does not define', () => {
    const plan = draft();
    (plan.severities[1]?.updateCadences[1] as { audience: string }).audience = 'press';
    expect(errorsOf(plan)).toEqual(['severities[1].updateCadences[1].audience: unknown audience "press"']);
  });

  it('reports duplicate ids', () => {
    const plan = draft();
    (plan.severities[3] as { id: string }).id = 'P2';
    (plan.roles[4] as { id: string }).id = 'incident-commander';
    const errors = errorsOf(plan);
    expect(errors).toContain('severities[3].id: duplicate id "P2"');
    expect(errors).toContain('roles[4].id: duplicate id "incident-commander"');
  });

  it('reports unknown categories, severities and roles that scenarios, rotations and compliance refer to', () => {
    const plan = draft();
    (plan.scenarios[0] as { category: string }).category = 'network';
    (plan.scenarios[1] as { likelySeverity: string }).likelySeverity = 'P9';
    (plan.rotations[0] as { roleId: string }).roleId = 'janitor';
    (plan.compliance.breachNotification?.appliesToCategories as string[]).push('privacy');
    expect(errorsOf(plan)).toEqual([
      'scenarios[0].category: unknown category "network"',
      'scenarios[1].likelySeverity: unknown severity "P9"',
      'rotations[0].roleId: unknown role "janitor"',
      'compliance.breachNotification.appliesToCategories[1]: unknown category "privacy"',
    ]);
  });

  it('reports an unknown time zone', () => {
    const plan = draft();
    (plan.rotations[0] as { handoff: { timeZone: string } }).handoff.timeZone = 'Europe/Atlantis';
    expect(errorsOf(plan)).toEqual(['rotations[0].handoff.timeZone: unknown time zone "Europe/Atlantis"']);
  });

  it('reports an anchor date that is not on the handoff weekday, or not a real date', () => {
    const plan = draft();
    (plan.rotations[0] as { anchorDate: string }).anchorDate = '2026-01-06';
    expect(errorsOf(plan)).toEqual(['rotations[0].anchorDate: 2026-01-06 is not a monday']);
    // 2026-02-30 would roll over to Monday 2026-03-02 in Date; it must still be refused.
    (plan.rotations[0] as { anchorDate: string }).anchorDate = '2026-02-30';
    expect(errorsOf(plan)).toEqual(['rotations[0].anchorDate: not a real date']);
  });
});

describe('parsePlanText', () => {
  it('reports malformed JSON as such', () => {
    const result = parsePlanText('{"schemaVersion": 1,');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatch(/^\(file\): not valid JSON: /);
    }
  });

  it('validates well-formed JSON like any plan', () => {
    const plan = draft();
    (plan.severities[2] as { responseTarget: string }).responseTarget = '1 hour';
    expect(parsePlanText(JSON.stringify(plan))).toEqual({ ok: false, errors: ['severities[2].responseTarget: expected a duration like "15m"'] });
  });
});

describe('replacePlan', () => {
  it('keeps the current plan and reports why when the candidate is invalid', () => {
    const candidate = draft();
    (candidate.severities[0] as { responseTarget: string }).responseTarget = 'now';
    (candidate as { name: string }).name = 'Broken plan';
    const { plan, errors } = replacePlan(defaultPlan, candidate);
    expect(plan).toBe(defaultPlan);
    expect(errors).toEqual(['severities[0].responseTarget: expected a duration like "15m"']);
  });

  it('switches to a valid candidate', () => {
    const candidate = draft();
    (candidate as { name: string }).name = 'Revised plan';
    (candidate.severities[0] as { resolutionTarget: string }).resolutionTarget = '30m';
    const { plan, errors } = replacePlan(defaultPlan, candidate);
    expect(errors).toEqual([]);
    expect(plan.name).toBe('Revised plan');
    expect(plan.severities[0]?.resolutionTarget).toBe('30m');
  });
});


describe('severity signal rules', () => {
  it('reports rules that could never match', () => {
    const plan = draft();
    const rules = plan.severities[2]?.signals as Record<string, unknown>[];
    rules[0] = { signal: 'responseTimeSeconds', op: '>', value: '2', quote: 'Response time > 2 seconds' };
    rules[1] = { signal: 'errorRatePercent', op: 'between', min: 5, max: 1, quote: 'Error rate 1-5%' };
    rules[2] = { signal: 'featureBroken', op: 'is', quote: 'Single feature broken' };
    expect(errorsOf(plan)).toEqual([
      'severities[2].signals[0].value: ">" needs a number',
      'severities[2].signals[1]: "between" needs numbers min <= max',
      'severities[2].signals[2].value: "is" needs a value',
    ]);
  });
});
