// Cross-references of the plan's intake rules: unique rule ids, and severities, categories and scenarios that exist.
import type { Plan } from './schema';

export function checkIntakeReferences(plan: Plan): string[] {
  if (!plan.intake) return [];
  const errors: string[] = [];
  const has = (list: { id: string }[], ref: string) => list.some((x) => x.id === ref);
  const seen = new Set<string>();
  plan.intake.rules.forEach((rule, i) => {
    const at = `intake.rules[${i}]`;
    if (seen.has(rule.id)) errors.push(`${at}.id: duplicate id "${rule.id}"`);
    seen.add(rule.id);
    if (rule.severity && !has(plan.severities, rule.severity)) errors.push(`${at}.severity: unknown severity "${rule.severity}"`);
    if (rule.category && !has(plan.categories, rule.category)) errors.push(`${at}.category: unknown category "${rule.category}"`);
    if (rule.scenario && !has(plan.scenarios, rule.scenario)) errors.push(`${at}.scenario: unknown scenario "${rule.scenario}"`);
  });
  return errors;
}
