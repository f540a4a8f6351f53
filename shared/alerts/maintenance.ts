// Alerts during planned maintenance: which status-page components an alert is about (the matching intake rule's
// `components`, and the plan's component labels), and whether an active window covers one of them. Such an alert
// is marked "in maintenance" on its triage and never declares an incident; the plan says whether it is suppressed.
import type { IntakeRule } from '../plan/intake-schema';
import type { Plan } from '../plan/schema';
import { activeWindowsFor, type MaintenanceWindow } from '../maintenance/windows';
import { intakeOf, ruleHolds, type AlertTriage } from './triage';

/** The components an alert is about, by id, in the plan's order. */
export function alertComponents(plan: Plan, labels: Record<string, string>, rule: IntakeRule | undefined): string[] {
  const intake = intakeOf(plan);
  const known = plan.statusPage.components;
  const found = new Set<string>((rule?.components ?? []).filter((id) => known.some((c) => c.id === id)));
  for (const name of intake.componentLabels) {
    const value = labels[name]?.trim().toLowerCase();
    if (!value) continue;
    for (const c of known) if (c.id.toLowerCase() === value || c.name.trim().toLowerCase() === value) found.add(c.id);
  }
  return known.filter((c) => found.has(c.id)).map((c) => c.id);
}

/**
 * The triage with what maintenance says: the alert's components, and the active window covering one of them at `at`
 * (the receipt). In a window the action is always `triage` (the rule's own action is kept as `ruleAction`).
 */
export function withMaintenance(triage: AlertTriage, plan: Plan, labels: Record<string, string>, windows: MaintenanceWindow[], at: number): AlertTriage {
  const rule = intakeOf(plan).rules.find((r) => ruleHolds(r, labels));
  const components = alertComponents(plan, labels, rule);
  if (components.length === 0) return triage;
  const out: AlertTriage = { ...triage, components };
  const window = activeWindowsFor(windows, components, at)[0];
  if (!window) return out;
  return {
    ...out, action: 'triage', ruleAction: triage.action,
    maintenance: { id: window.id, title: window.title.slice(0, 200), suppressed: intakeOf(plan).duringMaintenance === 'suppress' },
  };
}
