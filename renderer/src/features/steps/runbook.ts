// A scenario runbook's checkable parts (investigation, mitigation) as step items under "scenario-<id>", and which
// runbooks the picker offers first.
import { SCENARIO_STEP_PREFIX } from '@shared/incident/describe';
import type { AlertGroup } from '@shared/alerts/group';
import type { IncidentState } from '@shared/incident/state';
import type { Plan, Scenario } from '@shared/plan/schema';
import type { StepSection } from './items';

export const runbookStepId = (scenarioId: string) => `${SCENARIO_STEP_PREFIX}${scenarioId}`;

export function runbookSections(scenario: Scenario): StepSection[] {
  return (['investigation', 'mitigation'] as const).map((part) => ({
    id: part,
    title: part === 'investigation' ? 'Investigation' : 'Mitigation',
    items: scenario[part].map((text, i) => ({ itemId: `${part}.${i + 1}`, text })),
  }));
}

export interface RunbookChoices {
  /** The incident's category's runbooks, in the plan's order (empty without a category). */
  matching: Scenario[];
  /** Every other runbook not attached yet, in the plan's order. */
  others: Scenario[];
  /** The runbook the picker starts on, or null: nothing is preselected without a reason to. */
  suggested: Scenario | null;
  /** Why it is suggested, in words, shown beside the picker. */
  reason: string | null;
}

/** Words of a text for matching an alert to a runbook's symptoms: camelCase split, lower case, simple plurals off. */
function words(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/)) {
    const stem = w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w;
    if (stem.length >= 3 && !STOP.has(stem)) out.add(stem);
  }
  return out;
}
const STOP = new Set(['the', 'and', 'for', 'high', 'low', 'alert', 'firing', 'above', 'below', 'than', 'over', 'with', 'from', 'too', 'many']);
/** Labels and annotations an alert names its runbook with. */
const RUNBOOK_KEYS = ['runbook', 'scenario', 'playbook', 'runbook_url'];
const slug = (s: string) => s.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** `reason` continues "Suggested because it …". */
interface Suggestion { scenario: Scenario; reason: string }

/**
 * From the incident's alerts, strongest evidence first: the runbook the plan's intake rule names for it; a runbook
 * its labels or annotations name (`runbook: disk-space-full`, a runbook URL ending in the scenario); a runbook whose
 * symptoms share the alert's words (the incident's category, then severity, breaking a tie).
 */
function fromAlerts(plan: Plan, available: Scenario[], state: Pick<IncidentState, 'category' | 'severity'>, alerts: readonly AlertGroup[]): Suggestion | null {
  const byId = (id: string | undefined) => (id ? available.find((s) => s.id === id) : undefined);
  for (const g of alerts) {
    for (const a of g.alerts) {
      const scenario = byId(a.triage.scenario);
      const rule = plan.intake?.rules.find((r) => r.id === a.triage.ruleId);
      if (scenario) return { scenario, reason: `is the one the plan's intake rule${rule ? ` "${rule.name}"` : ''} names for the alert ${g.title}` };
    }
  }
  for (const g of alerts) {
    for (const a of g.alerts) {
      for (const key of RUNBOOK_KEYS) {
        const value = a.labels[key] ?? a.annotations[key];
        if (!value) continue;
        const last = slug(value.split(/[/#?]/).filter(Boolean).pop() ?? value);
        const scenario = available.find((s) => s.id === slug(value) || s.id === last || slug(s.title) === slug(value) || slug(s.title) === last || String(s.number) === value.trim());
        if (scenario) return { scenario, reason: `is named by the alert ${g.title} (${key}: ${value})` };
      }
    }
  }
  const alertWords = new Set<string>();
  for (const g of alerts) {
    for (const w of words(g.title)) alertWords.add(w);
    for (const a of g.alerts) for (const t of [a.name, a.annotations.summary ?? '', a.annotations.description ?? '']) for (const w of words(t)) alertWords.add(w);
  }
  let best: { scenario: Scenario; shared: string[] }[] = [];
  for (const scenario of available) {
    const mine = words([scenario.title, ...scenario.symptoms].join(' '));
    const shared = [...alertWords].filter((w) => mine.has(w));
    if (shared.length < 2) continue;
    if (best.length === 0 || shared.length > (best[0]?.shared.length ?? 0)) best = [{ scenario, shared }];
    else if (shared.length === best[0]?.shared.length) best.push({ scenario, shared });
  }
  if (best.length === 0) return null;
  const inCategory = best.filter((b) => b.scenario.category === state.category);
  const pool = inCategory.length ? inCategory : best;
  const pick = pool.find((b) => b.scenario.likelySeverity === state.severity) ?? pool[0] as { scenario: Scenario; shared: string[] };
  const category = plan.categories.find((c) => c.id === state.category)?.name ?? state.category;
  return { scenario: pick.scenario, reason: `matches the alert's symptoms (${pick.shared.join(', ')})${inCategory.length && best.length > 1 ? ` and the incident's category (${category})` : ''}` };
}

/**
 * The runbooks still to attach, in the plan's own order (its numbering), the incident's category's first. One is
 * suggested only for a reason the commander can read: what the incident's alerts say (fromAlerts), else its category
 * (and, when several match, the severity).
 */
export function runbookChoices(plan: Plan, state: Pick<IncidentState, 'scenarioIds' | 'category' | 'severity'>, alerts: readonly AlertGroup[] = []): RunbookChoices {
  const available = plan.scenarios.filter((s) => !state.scenarioIds.includes(s.id)).sort((a, b) => a.number - b.number);
  const matching = state.category ? available.filter((s) => s.category === state.category) : [];
  const others = available.filter((s) => !matching.includes(s));
  const alerted = fromAlerts(plan, available, state, alerts);
  if (alerted) return { matching, others, suggested: alerted.scenario, reason: alerted.reason };
  const bySeverity = matching.find((s) => s.likelySeverity !== undefined && s.likelySeverity === state.severity);
  const suggested = bySeverity ?? matching[0] ?? null;
  const category = plan.categories.find((c) => c.id === state.category)?.name ?? state.category;
  const reason = suggested === null ? null
    : bySeverity && matching.length > 1 ? `matches the incident's category (${category}) and severity (${state.severity})`
      : `matches the incident's category (${category})`;
  return { matching, others, suggested, reason };
}
