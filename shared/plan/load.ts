// Loading a plan from untrusted input: every problem is reported with its path; nothing is half-applied.
import { describeIssues } from '../validation/zod-issues';
import { checkIntakeReferences } from './intake-references';
import { checkVisibilityReferences } from './visibility-references';
import { planSchema, type Plan } from './schema';
import { isValidTimeZone, parseLocalDate, weekdayOf, type LocalDate } from '../time/zoned';

export type PlanLoadResult = { ok: true; plan: Plan } | { ok: false; errors: string[] };

/** Cross-references a schema cannot express: ids that must exist and must be unique. */
function checkReferences(plan: Plan): string[] {
  const errors: string[] = [];
  const unique = (label: string, ids: string[]) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) errors.push(`${label}[${i}].id: duplicate id "${id}"`);
      seen.add(id);
    });
  };
  unique('severities', plan.severities.map((s) => s.id));
  unique('steps', plan.steps.map((s) => s.id));
  unique('scenarios', plan.scenarios.map((s) => s.id));
  unique('roles', plan.roles.map((r) => r.id));
  unique('categories', plan.categories.map((c) => c.id));
  unique('audiences', plan.audiences.map((a) => a.id));
  unique('rotations', plan.rotations.map((r) => r.id));
  const audiences = new Set(plan.audiences.map((a) => a.id));
  const severities = new Set(plan.severities.map((s) => s.id));
  const categories = new Set(plan.categories.map((c) => c.id));
  const roles = new Set(plan.roles.map((r) => r.id));
  plan.severities.forEach((s, i) =>
    s.updateCadences.forEach((c, j) => {
      if (!audiences.has(c.audience)) errors.push(`severities[${i}].updateCadences[${j}].audience: unknown audience "${c.audience}"`);
    }),
  );
  plan.severities.forEach((s, i) =>
    s.signals.forEach((rule, j) => {
      const at = `severities[${i}].signals[${j}]`;
      if (rule.op === 'between') {
        if (rule.min === undefined || rule.max === undefined || rule.min > rule.max) errors.push(`${at}: "between" needs numbers min <= max`);
      } else if (rule.op === 'is') {
        if (rule.value === undefined) errors.push(`${at}.value: "is" needs a value`);
      } else if (typeof rule.value !== 'number') {
        errors.push(`${at}.value: "${rule.op}" needs a number`);
      }
    }),
  );
  plan.scenarios.forEach((s, i) => {
    if (!categories.has(s.category)) errors.push(`scenarios[${i}].category: unknown category "${s.category}"`);
    if (s.likelySeverity && !severities.has(s.likelySeverity)) errors.push(`scenarios[${i}].likelySeverity: unknown severity "${s.likelySeverity}"`);
  });
  plan.rotations.forEach((r, i) => {
    if (!roles.has(r.roleId)) errors.push(`rotations[${i}].roleId: unknown role "${r.roleId}"`);
    if (!isValidTimeZone(r.handoff.timeZone)) errors.push(`rotations[${i}].handoff.timeZone: unknown time zone "${r.handoff.timeZone}"`);
    let anchor: LocalDate | undefined;
    try {
      anchor = parseLocalDate(r.anchorDate);
    } catch {
      errors.push(`rotations[${i}].anchorDate: not a real date`);
    }
    if (anchor && weekdayOf(anchor) !== r.handoff.weekday) errors.push(`rotations[${i}].anchorDate: ${r.anchorDate} is not a ${r.handoff.weekday}`);
  });
  plan.compliance.breachNotification?.appliesToCategories.forEach((c, i) => {
    if (!categories.has(c)) errors.push(`compliance.breachNotification.appliesToCategories[${i}]: unknown category "${c}"`);
  });
  errors.push(...checkIntakeReferences(plan));
  errors.push(...checkVisibilityReferences(plan));
  return errors;
}

/** Validate untrusted plan data (already parsed from JSON). */
export function parsePlan(input: unknown): PlanLoadResult {
  const parsed = planSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: describeIssues(parsed.error, { root: '(root)' }) };
  const errors = checkReferences(parsed.data);
  return errors.length ? { ok: false, errors } : { ok: true, plan: parsed.data };
}

/** Validate a plan file's text (JSON). A syntax error is reported as such, with its position. */
export function parsePlanText(textContent: string): PlanLoadResult {
  let data: unknown;
  try {
    data = JSON.parse(textContent);
  } catch (error) {
    return { ok: false, errors: [`(file): not valid JSON: ${(error as Error).message}`] };
  }
  return parsePlan(data);
}

/** Keep the current plan when the candidate is invalid; report why. */
export function replacePlan(current: Plan, candidate: unknown): { plan: Plan; errors: string[] } {
  const result = parsePlan(candidate);
  return result.ok ? { plan: result.plan, errors: [] } : { plan: current, errors: result.errors };
}
