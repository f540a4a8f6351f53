// Cross-references of the plan's restricted-incidents section: the categories, scenarios and roles it names exist.
import type { Plan } from './schema';

export function checkVisibilityReferences(plan: Plan): string[] {
  const errors: string[] = [];
  const check = (field: 'restrictedCategories' | 'restrictedScenarios' | 'securityOfficerRoles', known: Set<string>, what: string) => {
    plan.visibility[field].forEach((id, i) => {
      if (!known.has(id)) errors.push(`visibility.${field}[${i}]: unknown ${what} "${id}"`);
    });
  };
  check('restrictedCategories', new Set(plan.categories.map((c) => c.id)), 'category');
  check('restrictedScenarios', new Set(plan.scenarios.map((s) => s.id)), 'scenario');
  check('securityOfficerRoles', new Set(plan.roles.map((r) => r.id)), 'role');
  return errors;
}
