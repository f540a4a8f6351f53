// The editor's form state round-trips every default script and keeps bad input for the validator to name.
import { describe, expect, it } from 'vitest';
import { defaultScripts } from '@shared/drills/default-scripts';
import { parseScript } from '@shared/drills/script';
import { defaultPlan } from '@shared/plan/default-plan';
import { fromDraft, toDraft } from './script-draft';

describe('script editor draft', () => {
  it('round-trips every default script through the form', () => {
    for (const script of defaultScripts) expect(parseScript(fromDraft(toDraft(script, '', '')), defaultPlan)).toEqual({ ok: true, script });
  });

  it('leaves an empty or non-numeric minute for the validator to refuse by path', () => {
    const draft = toDraft(defaultScripts[0]!, '', '');
    draft.injects[1]!.atMinute = '';
    draft.injects[2]!.checklist = 'classification classify.nothing';
    const result = parseScript(fromDraft(draft), defaultPlan);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatch(/^injects\[1\]\.atMinute: /);
  });

  it('starts a new script empty, on the given scenario and severity', () => {
    expect(toDraft(null, 'memory-leak', 'P2')).toEqual({ id: '', title: '', scenarioId: 'memory-leak', expectedSeverity: 'P2', openingSituation: '', injects: [] });
  });
});
