// Drill scripts: the shipped defaults are valid for the default plan; imports refuse bad scripts by path.
import { describe, expect, it } from 'vitest';
import { defaultPlan } from '../plan/default-plan';
import { defaultScripts } from './default-scripts';
import { checkScriptAgainstPlan, exportScriptsJson, injectsInOrder, parseScript, parseScriptsText } from './script';

describe('default scripts', () => {
  it('cover the plan\'s six scenarios, each with timed injects, and refer only to what the plan has', () => {
    expect(defaultScripts.map((s) => s.scenarioId).sort()).toEqual(defaultPlan.scenarios.map((s) => s.id).sort());
    for (const script of defaultScripts) {
      expect(checkScriptAgainstPlan(script, defaultPlan)).toEqual([]);
      expect(script.injects.length).toBeGreaterThanOrEqual(3);
      expect(script.expectedSeverity).toBe(defaultPlan.scenarios.find((s) => s.id === script.scenarioId)?.likelySeverity);
    }
    const pool = defaultScripts.find((s) => s.title === 'Database Connection Pool Exhausted');
    expect(injectsInOrder(pool!).slice(0, 2).map((i) => [i.atMinute, i.title])).toEqual([[5, 'Error rate 7% and rising'], [10, 'Connection pool exhausted on db-2']]);
  });
});

describe('import and export', () => {
  it('round-trips through the export file', () => {
    const parsed = parseScriptsText(exportScriptsJson(defaultScripts), defaultPlan);
    expect(parsed).toEqual({ ok: true, scripts: defaultScripts });
  });

  it('accepts a single script or an array of scripts', () => {
    expect(parseScriptsText(JSON.stringify(defaultScripts[1]), defaultPlan)).toEqual({ ok: true, scripts: [defaultScripts[1]] });
    expect(parseScriptsText(JSON.stringify(defaultScripts.slice(0, 2)), defaultPlan)).toMatchObject({ ok: true, scripts: defaultScripts.slice(0, 2) });
  });

  it('refuses a schema violation with its path and reason', () => {
    const bad = structuredClone(defaultScripts[0]!) as unknown as { injects: Array<Record<string, unknown>> };
    bad.injects[1]!.atMinute = 'ten';
    const result = parseScriptsText(JSON.stringify({ format: 'incident-console.drill-scripts', version: 1, scripts: [bad] }), defaultPlan);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatch(/^scripts\[0\]\.injects\[1\]\.atMinute: /);
  });

  it('refuses references the plan does not know, naming each', () => {
    const bad = structuredClone(defaultScripts[0]!);
    bad.scenarioId = 'volcano';
    bad.injects[0]!.expected.checklistItems.push({ stepId: 'classification', itemId: 'classify.colour' });
    bad.injects[1]!.expected.updatesDue.push('press');
    const result = parseScript(bad, defaultPlan);
    expect(result).toEqual({ ok: false, errors: [
      'scenarioId: no scenario "volcano" in the plan',
      'injects[0].expected.checklistItems[3].itemId: no item "classify.colour" in step "classification"',
      'injects[1].expected.updatesDue[1]: no audience "press" in the plan',
    ] });
  });

  it('refuses duplicate inject ids, duplicate script ids and broken JSON', () => {
    const dup = structuredClone(defaultScripts[0]!);
    dup.injects[1]!.id = dup.injects[0]!.id;
    expect(parseScript(dup, defaultPlan)).toEqual({ ok: false, errors: ['injects[1].id: duplicate inject id "error-rate-7"'] });
    const twice = parseScriptsText(JSON.stringify([defaultScripts[0], defaultScripts[0]]), defaultPlan);
    expect(twice).toEqual({ ok: false, errors: ['[1].id: duplicate script id "db-connection-pool-exhausted"'] });
    const broken = parseScriptsText('{"id": ', defaultPlan);
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.errors[0]).toMatch(/^file: not valid JSON/);
  });
});
