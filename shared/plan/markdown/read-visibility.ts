// Reads "### Restricted Incidents" under Compliance & Legal: which incidents start restricted, who the security
// officers are, where a restricted incident's updates may go, and its name on the public status page. A document
// without it gets no restricted categories, no officers and no destinations (said in a warning, with where to add them).
import { EMPTY_VISIBILITY, type VisibilitySection } from '../schema-visibility';
import type { Plan } from '../schema';
import type { ReadContext } from './context';
import { child, fieldsOf, type Line, type Section } from './tree';
import { slug, splitList } from './values';

const HEADING = /restricted incidents|restricted access|access restrictions/i;

/** Names ("Security", "Security Officer") to the plan's ids, by name or id; an unknown name is warned about and kept as its slug. */
function idsOf(line: Line, path: string, known: ReadonlyArray<{ id: string; name: string }>, what: string, ctx: ReadContext): string[] {
  return splitList(line.value).map((name, k) => {
    const hit = known.find((x) => x.name.toLowerCase() === name.toLowerCase() || x.id.toLowerCase() === name.toLowerCase());
    if (!hit) ctx.warn(line.line, `"${name}" is not one of the plan's ${what}; it was kept as "${slug(name)}"`, `Use the name of one of the plan's ${what}.`);
    return ctx.at(`${path}[${k}]`, line.line, hit?.id ?? slug(name));
  });
}

export function readVisibility(compliance: Section | undefined, ctx: ReadContext, plan: Pick<Plan, 'categories' | 'scenarios' | 'roles'>): VisibilitySection {
  const section = compliance && child(compliance, HEADING);
  if (!section) {
    ctx.warn(compliance?.line ?? 1, 'the document does not say which incidents are restricted to the people working them: none will start restricted, no security officer sees every restricted one, and a restricted incident\'s updates go nowhere',
      'Add "### Restricted Incidents" under Compliance & Legal with "- **Restricted categories**: Security" and "- **Security officers**: Security Officer" (yours).');
    return { ...EMPTY_VISIBILITY };
  }
  const f = fieldsOf(section.blocks);
  const get = (label: string) => f.get(label);
  const categories = get('restricted categories');
  const scenarios = get('restricted scenarios');
  const officers = get('security officers');
  const deliveries = get('restricted deliveries');
  const title = get('public title');
  const scenarioNames = plan.scenarios.map((s) => ({ id: s.id, name: s.title }));
  return {
    restrictedCategories: categories ? idsOf(categories, 'visibility.restrictedCategories', plan.categories, 'categories', ctx) : [],
    restrictedScenarios: scenarios ? idsOf(scenarios, 'visibility.restrictedScenarios', scenarioNames, 'scenarios', ctx) : [],
    securityOfficerRoles: officers ? idsOf(officers, 'visibility.securityOfficerRoles', plan.roles, 'roles', ctx) : [],
    restrictedDeliveries: deliveries
      ? deliveries.value.split(/,\s*/).map((d) => d.trim()).filter(Boolean).map((d, k) => ctx.at(`visibility.restrictedDeliveries[${k}]`, deliveries.line, d))
      : [],
    publicTitle: title ? ctx.at('visibility.publicTitle', title.line, title.value) : EMPTY_VISIBILITY.publicTitle,
  };
}
