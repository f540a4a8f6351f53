// Writes "### Restricted Incidents" (read back by read-visibility.ts): it closes the Compliance & Legal section.
import type { Plan } from '../schema';
import { esc } from './markdown-text';

const field = (label: string, value: string) => `- **${label}**: ${esc(value)}`;
const names = (ids: string[], known: ReadonlyArray<{ id: string; name: string }>) => ids.map((id) => known.find((x) => x.id === id)?.name ?? id).join(', ');

export function writeVisibility(plan: Plan): string {
  const v = plan.visibility;
  const lines = [
    ...(v.restrictedCategories.length ? [field('Restricted categories', names(v.restrictedCategories, plan.categories))] : []),
    ...(v.restrictedScenarios.length ? [field('Restricted scenarios', names(v.restrictedScenarios, plan.scenarios.map((s) => ({ id: s.id, name: s.title }))))] : []),
    ...(v.securityOfficerRoles.length ? [field('Security officers', names(v.securityOfficerRoles, plan.roles))] : []),
    ...(v.restrictedDeliveries.length ? [field('Restricted deliveries', v.restrictedDeliveries.join(', '))] : []),
    field('Public title', v.publicTitle),
  ];
  return `### Restricted Incidents\n\nA restricted incident is seen only by the people working it: its role holders, the people invited to it and the security officers.\n\n${lines.join('\n')}`;
}
