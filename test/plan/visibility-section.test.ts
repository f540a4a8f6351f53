// The plan's restricted-incidents section: older published plans parse without it, its references are checked, and
// it goes out as a readable "### Restricted Incidents" section that imports back to the same values.
import { describe, expect, it } from 'vitest';
import { defaultPlan } from '@shared/plan/default-plan';
import { parsePlan } from '@shared/plan/load';
import type { Plan } from '@shared/plan/schema';
import { EMPTY_VISIBILITY } from '@shared/plan/schema-visibility';
import { exportPlanMarkdown } from '@shared/plan/markdown/export';
import { importPlanMarkdown } from '@shared/plan/markdown/import';
import { APPENDIX_HEADING } from '@shared/plan/markdown/appendix';

describe('the restricted-incidents section of a plan', () => {
  it('is absent from plans published before it existed: they parse, nothing starts restricted, no officers', () => {
    const { visibility: _dropped, ...older } = structuredClone(defaultPlan);
    const parsed = parsePlan(older);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.plan.visibility).toEqual(EMPTY_VISIBILITY);
    expect(EMPTY_VISIBILITY).toMatchObject({ restrictedCategories: [], restrictedScenarios: [], securityOfficerRoles: [] });
  });

  it('restricts Security and the data breach scenario in the built-in plan, seen by the Security Officer', () => {
    expect(defaultPlan.visibility).toMatchObject({ restrictedCategories: ['security'], restrictedScenarios: ['data-breach'], securityOfficerRoles: ['security-officer'] });
  });

  it('refuses names of categories, scenarios and roles the plan does not have, by path', () => {
    const plan = structuredClone(defaultPlan);
    plan.visibility = { ...plan.visibility, restrictedCategories: ['secrity'], securityOfficerRoles: ['ciso'] };
    const parsed = parsePlan(plan);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors).toEqual(['visibility.restrictedCategories[0]: unknown category "secrity"', 'visibility.securityOfficerRoles[0]: unknown role "ciso"']);
    expect(parsePlan({ ...defaultPlan, visibility: { ...defaultPlan.visibility, restrictedDeliveries: ['pigeon'] } }).ok).toBe(false);
  });

  it('is written as a readable section and read back exactly, not carried in the appendix', () => {
    const plan: Plan = structuredClone(defaultPlan);
    plan.visibility = {
      restrictedCategories: ['security', 'data'], restrictedScenarios: ['data-breach', 'payment-processing-failure'],
      securityOfficerRoles: ['security-officer', 'incident-commander'], restrictedDeliveries: ['email', 'slack:security-bridge', 'page'],
      publicTitle: 'Degraded service', note: defaultPlan.visibility.note,
    };
    const markdown = exportPlanMarkdown(plan);
    expect(markdown).toContain('### Restricted Incidents');
    expect(markdown).toContain('- **Restricted categories**: Security, Data');
    expect(markdown).toContain('- **Restricted scenarios**: Security Incident - Data Breach, Payment Processing Failure');
    expect(markdown).toContain('- **Security officers**: Security Officer, Incident Commander');
    expect(markdown).toContain('- **Restricted deliveries**: email, slack:security-bridge, page');
    // Ids are the product's (the importer makes them from names; the appendix carries them), the values are the body's.
    const appendix = markdown.split(`## ${APPENDIX_HEADING}`)[1] ?? '';
    expect(appendix).not.toMatch(/"\/visibility\/(publicTitle|restrictedDeliveries|restrictedCategories|securityOfficerRoles)/);
    const read = importPlanMarkdown(markdown);
    if (!read.ok) throw new Error(read.problems.map((p) => p.message).join('\n'));
    expect(read.draft.plan.visibility).toEqual(plan.visibility);
    expect(read.draft.sources['visibility.securityOfficerRoles[1]']).toBeGreaterThan(0);
  });

  it('warns about a name it does not know and says where', () => {
    const markdown = exportPlanMarkdown(defaultPlan).replace('- **Security officers**: Security Officer', '- **Security officers**: Chief Security Officer');
    const read = importPlanMarkdown(markdown);
    if (!read.ok) throw new Error('refused');
    const warning = read.draft.problems.find((p) => p.message.includes('Chief Security Officer'));
    expect(warning?.message).toBe('"Chief Security Officer" is not one of the plan\'s roles; it was kept as "chief-security-officer"');
    expect(markdown.split('\n')[(warning?.line ?? 0) - 1]).toContain('Chief Security Officer');
  });
});
