// Drill scenario scripts as data: the zod schema, JSON import (path-named errors) and export.
import { z } from 'zod';
import type { Plan } from '../plan/schema';
import { stepChecklist } from './checklist';
import { describeIssues, issuePath } from '../validation/zod-issues';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'expected an id of letters, digits and dashes').max(100);
const text = z.string().trim().min(1, 'must not be empty').max(20_000);
const title = z.string().trim().min(1, 'must not be empty').max(200);
const itemId = z.string().regex(/^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)?$/i, 'expected a checklist item id like "classify.severity" or "p1-3"').max(201);

export const checklistRefSchema = z.object({ stepId: id, itemId });

export const injectExpectationSchema = z.object({
  /** The severity the team should have declared once this inject is in. */
  severity: id.optional(),
  checklistItems: z.array(checklistRefSchema).default([]),
  /** Audiences owed an update after this inject. */
  updatesDue: z.array(id).default([]),
});

export const injectSchema = z.object({
  id,
  /** Minutes of exercise time after the start (T+N). */
  atMinute: z.number().min(0, 'must be 0 or more').max(24 * 60, 'must be within 24 hours'),
  title,
  text,
  expected: injectExpectationSchema.default({ checklistItems: [], updatesDue: [] }),
});

export const drillScriptSchema = z.object({
  id,
  title,
  /** The plan scenario this script rehearses. */
  scenarioId: id,
  /** What the participants are told when the drill opens. */
  openingSituation: text,
  expectedSeverity: id,
  injects: z.array(injectSchema).max(200).superRefine((injects, ctx) => {
    const seen = new Set<string>();
    injects.forEach((inject, i) => {
      if (seen.has(inject.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate inject id "${inject.id}"` });
      seen.add(inject.id);
    });
  }),
});

export type DrillScript = z.infer<typeof drillScriptSchema>;
export type DrillScriptInput = z.input<typeof drillScriptSchema>;
export type Inject = z.infer<typeof injectSchema>;
export type InjectExpectation = z.infer<typeof injectExpectationSchema>;

export const SCRIPT_FILE_FORMAT = 'incident-console.drill-scripts';

const scriptFileSchema = z.object({
  format: z.literal(SCRIPT_FILE_FORMAT),
  version: z.literal(1),
  scripts: z.array(drillScriptSchema),
});

export type ScriptParseResult = { ok: true; scripts: DrillScript[] } | { ok: false; errors: string[] };

/** Every reference of a script that the plan does not know, as path-named errors. */
export function checkScriptAgainstPlan(script: DrillScript, plan: Plan, prefix = ''): string[] {
  const at = (path: Array<string | number>) => issuePath(path, prefix);
  const errors: string[] = [];
  const severities = new Set(plan.severities.map((s) => s.id));
  const audiences = new Set(plan.audiences.map((a) => a.id));
  if (!plan.scenarios.some((s) => s.id === script.scenarioId)) errors.push(`${at(['scenarioId'])}: no scenario "${script.scenarioId}" in the plan`);
  if (!severities.has(script.expectedSeverity)) errors.push(`${at(['expectedSeverity'])}: no severity "${script.expectedSeverity}" in the plan`);
  script.injects.forEach((inject, i) => {
    const expected = inject.expected;
    if (expected.severity && !severities.has(expected.severity)) errors.push(`${at(['injects', i, 'expected', 'severity'])}: no severity "${expected.severity}" in the plan`);
    expected.updatesDue.forEach((audience, j) => {
      if (!audiences.has(audience)) errors.push(`${at(['injects', i, 'expected', 'updatesDue', j])}: no audience "${audience}" in the plan`);
    });
    expected.checklistItems.forEach((ref, j) => {
      const step = plan.steps.find((s) => s.id === ref.stepId);
      if (!step) { errors.push(`${at(['injects', i, 'expected', 'checklistItems', j, 'stepId'])}: no step "${ref.stepId}" in the plan`); return; }
      const known = step.usesSeverityEscalation
        ? plan.severities.some((s) => stepChecklist(plan, step, s.id).some((item) => item.itemId === ref.itemId))
        : stepChecklist(plan, step, null).some((item) => item.itemId === ref.itemId);
      if (!known) errors.push(`${at(['injects', i, 'expected', 'checklistItems', j, 'itemId'])}: no item "${ref.itemId}" in step "${ref.stepId}"`);
    });
  });
  return errors;
}

/** Validate one script (e.g. from the editor) against the schema and the plan. */
export function parseScript(input: unknown, plan: Plan): { ok: true; script: DrillScript } | { ok: false; errors: string[] } {
  const result = drillScriptSchema.safeParse(input);
  if (!result.success) return { ok: false, errors: describeIssues(result.error, { root: 'script' }) };
  const errors = checkScriptAgainstPlan(result.data, plan);
  return errors.length ? { ok: false, errors } : { ok: true, script: result.data };
}

/**
 * Parse an import file: the export format, a bare array of scripts, or one script. All-or-nothing:
 * any problem refuses the whole file, with every problem named by its path.
 */
export function parseScriptsText(json: string, plan: Plan): ScriptParseResult {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return { ok: false, errors: [`file: not valid JSON (${error instanceof Error ? error.message : String(error)})`] };
  }
  let scripts: DrillScript[];
  let prefix: (i: number) => string;
  if (Array.isArray(data)) {
    const result = z.array(drillScriptSchema).safeParse(data);
    if (!result.success) return { ok: false, errors: describeIssues(result.error, { root: 'file' }) };
    scripts = result.data;
    prefix = (i) => `[${i}]`;
  } else if (data !== null && typeof data === 'object' && 'format' in data) {
    const result = scriptFileSchema.safeParse(data);
    if (!result.success) return { ok: false, errors: describeIssues(result.error, { root: 'script' }) };
    scripts = result.data.scripts;
    prefix = (i) => `scripts[${i}]`;
  } else {
    const result = drillScriptSchema.safeParse(data);
    if (!result.success) return { ok: false, errors: describeIssues(result.error, { root: 'script' }) };
    scripts = [result.data];
    prefix = () => '';
  }
  const errors: string[] = [];
  const ids = new Set<string>();
  scripts.forEach((script, i) => {
    errors.push(...checkScriptAgainstPlan(script, plan, prefix(i)));
    if (ids.has(script.id)) errors.push(`${prefix(i) ? `${prefix(i)}.` : ''}id: duplicate script id "${script.id}"`);
    ids.add(script.id);
  });
  return errors.length ? { ok: false, errors } : { ok: true, scripts };
}

/** The export file: stable key order, pretty-printed, re-importable with parseScriptsText. */
export function exportScriptsJson(scripts: DrillScript[]): string {
  return `${JSON.stringify({ format: SCRIPT_FILE_FORMAT, version: 1, scripts }, null, 2)}\n`;
}

/** Injects in firing order: by T+N, ties kept in script order. */
export function injectsInOrder(script: DrillScript): Inject[] {
  return script.injects.map((inject, index) => ({ inject, index }))
    .sort((a, b) => a.inject.atMinute - b.inject.atMinute || a.index - b.index)
    .map((x) => x.inject);
}
