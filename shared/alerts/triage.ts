// What the plan says about an incoming alert: the first intake rule whose matchers hold, the alert's value,
// and the severity suggestion with the plan's own words as the reason.
import { parseMatcher, type IntakeRule, type IntakeSection, type LabelMatcher } from '../plan/intake-schema';
import type { Plan } from '../plan/schema';
import { suggestSeverity } from '../plan/suggest';

export interface AlertTriage {
  ruleId?: string;
  severity?: string;
  /** Why: the plan's quote ("Error rate > 5%") or the rule's name. */
  reason?: string;
  category?: string;
  scenario?: string;
  action: 'declare' | 'triage';
  /** The alert's value as read from its annotations (in the rule signal's unit). */
  value?: number;
  /** The status-page components the alert is about (shared/alerts/maintenance.ts). */
  components?: string[];
  /** Set when an active maintenance window covered one of them on receipt: never declared; `suppressed` per the plan. */
  maintenance?: { id: string; title: string; suppressed: boolean };
  /** The rule's own action when maintenance changed it to `triage`. */
  ruleAction?: 'declare' | 'triage';
}

/**
 * A plan runs only the intake rules it states: one without an intake section (an imported document, a plan from
 * before intake existed) matches no rule, so every alert waits in triage for a person. Never the built-in rules.
 */
export const NO_INTAKE_RULES: IntakeSection = { valueAnnotations: ['value'], rules: [], componentLabels: ['component', 'service'], duringMaintenance: 'mark' };

export function intakeOf(plan: Plan): IntakeSection {
  return plan.intake ?? NO_INTAKE_RULES;
}

export function matcherHolds(m: LabelMatcher, labels: Record<string, string>): boolean {
  const actual = labels[m.name] ?? ''; // Alertmanager: a missing label matches the empty string
  switch (m.op) {
    case '=': return actual === m.value;
    case '!=': return actual !== m.value;
    case '=~': return new RegExp(`^(?:${m.value})$`).test(actual);
    case '!~': return !new RegExp(`^(?:${m.value})$`).test(actual);
  }
}

export function ruleHolds(rule: IntakeRule, labels: Record<string, string>): boolean {
  return rule.match.every((text) => {
    const m = parseMatcher(text);
    return m !== undefined && matcherHolds(m, labels);
  });
}

/** "7", "7%", "7.2 %", "0.5s" -> the number; anything else -> undefined. */
export function readNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)\s*(%|s|ms)?\s*$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return undefined;
  return m[2]?.toLowerCase() === 'ms' ? n / 1000 : n;
}

export function alertValue(intake: IntakeSection, annotations: Record<string, string>, reported?: number): number | undefined {
  for (const name of intake.valueAnnotations) {
    const n = readNumber(annotations[name]);
    if (n !== undefined) return n;
  }
  return reported;
}

export function triageAlert(plan: Plan, labels: Record<string, string>, annotations: Record<string, string>, reported?: number): AlertTriage {
  const intake = intakeOf(plan);
  const value = alertValue(intake, annotations, reported);
  const rule = intake.rules.find((r) => ruleHolds(r, labels));
  const known = (list: { id: string }[], ref: string | undefined) => (ref && list.some((x) => x.id === ref) ? ref : undefined);
  if (!rule) return { action: 'triage', ...(value !== undefined ? { value } : {}) };
  const out: AlertTriage = { ruleId: rule.id, action: rule.action };
  if (value !== undefined) out.value = value;
  const category = known(plan.categories, rule.category);
  const scenario = known(plan.scenarios, rule.scenario);
  if (category) out.category = category;
  if (scenario) out.scenario = scenario;
  if (rule.signal && value !== undefined) {
    const suggestion = suggestSeverity(plan, { [rule.signal]: value });
    const first = suggestion.reasons[0];
    if (suggestion.severity && first) {
      out.severity = suggestion.severity;
      out.reason = first.quote;
      return out;
    }
  }
  const severity = known(plan.severities, rule.severity);
  if (severity) {
    out.severity = severity;
    out.reason = `Intake rule: ${rule.name}`;
  }
  return out;
}
