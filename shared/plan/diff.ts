// What changed between two plan versions, in words an IC reads at a glance: which targets, cadences and
// steps changed, old → new. Pure; the Plan page shows it for the current version against the previous one.
import type { Plan, Severity, Step } from './schema';
import { plural } from '../text/plural';

export interface PlanChange {
  /** The plan area: "Severities", "Response steps", "Timers", ... */
  area: string;
  /** What changed, e.g. "P1 response target". */
  what: string;
  /** Old and new value as text; null when added / removed. */
  from: string | null;
  to: string | null;
}

const json = (v: unknown) => JSON.stringify(v);
const list = (items: readonly string[]) => (items.length ? items.join('; ') : '(none)');

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [i.id, i]));
}

/** Items added, removed, and present in both (in the new order), for lists keyed by id. */
function pairs<T extends { id: string }>(before: readonly T[], after: readonly T[]) {
  const old = byId(before);
  const now = byId(after);
  return {
    added: after.filter((i) => !old.has(i.id)),
    removed: before.filter((i) => !now.has(i.id)),
    both: after.filter((i) => old.has(i.id)).map((i) => [old.get(i.id) as T, i] as const),
  };
}

function severityChanges(a: Severity, b: Severity, out: PlanChange[]): void {
  const add = (what: string, from: string, to: string) => { if (from !== to) out.push({ area: 'Severities', what: `${b.id} ${what}`, from, to }); };
  add('response target', a.responseTarget, b.responseTarget);
  add('resolution target', a.resolutionTarget, b.resolutionTarget);
  add('name', a.name, b.name);
  add('definition', a.definition, b.definition);
  add('escalation', a.escalation, b.escalation);
  add('escalation checklist', list(a.escalationChecklist), list(b.escalationChecklist));
  const cadences = pairs(a.updateCadences.map((c) => ({ ...c, id: c.audience })), b.updateCadences.map((c) => ({ ...c, id: c.audience })));
  const cadenceText = (c: { every: string; firstAfter?: string }) => `every ${c.every}${c.firstAfter ? `, first after ${c.firstAfter}` : ''}`;
  for (const c of cadences.added) out.push({ area: 'Update cadences', what: `${b.id} updates to ${c.audience}`, from: null, to: cadenceText(c) });
  for (const c of cadences.removed) out.push({ area: 'Update cadences', what: `${b.id} updates to ${c.audience}`, from: cadenceText(c), to: null });
  for (const [x, y] of cadences.both) {
    if (cadenceText(x) !== cadenceText(y)) out.push({ area: 'Update cadences', what: `${b.id} updates to ${y.audience}`, from: cadenceText(x), to: cadenceText(y) });
  }
  if (json(a.signals) !== json(b.signals)) out.push({ area: 'Severities', what: `${b.id} detection signals`, from: plural(a.signals.length, 'rule'), to: plural(b.signals.length, 'rule') });
}

function stepItems(step: Step): string[] {
  return step.sections.flatMap((s) => s.items.map((i) => i.text));
}

function stepChanges(a: Step, b: Step, out: PlanChange[]): void {
  const what = `Step ${b.number} (${b.title})`;
  if (a.title !== b.title) out.push({ area: 'Response steps', what: `Step ${b.number} title`, from: a.title, to: b.title });
  if (a.number !== b.number) out.push({ area: 'Response steps', what: `${what} number`, from: String(a.number), to: String(b.number) });
  if (a.summary !== b.summary) out.push({ area: 'Response steps', what: `${what} summary`, from: a.summary, to: b.summary });
  if (a.dueWithin !== b.dueWithin) out.push({ area: 'Response steps', what: `${what} due`, from: a.dueWithin ?? null, to: b.dueWithin ?? null });
  const before = stepItems(a);
  const after = stepItems(b);
  for (const item of after.filter((i) => !before.includes(i))) out.push({ area: 'Response steps', what: `${what} checklist item`, from: null, to: item });
  for (const item of before.filter((i) => !after.includes(i))) out.push({ area: 'Response steps', what: `${what} checklist item`, from: item, to: null });
}

export function diffPlans(before: Plan, after: Plan): PlanChange[] {
  const out: PlanChange[] = [];
  const field = (area: string, what: string, from: string, to: string) => { if (from !== to) out.push({ area, what, from, to }); };
  field('Plan', 'name', before.name, after.name);
  field('Plan', 'version', before.version, after.version);

  const sev = pairs(before.severities, after.severities);
  for (const s of sev.added) out.push({ area: 'Severities', what: s.id, from: null, to: `${s.label}: respond ${s.responseTarget}, resolve ${s.resolutionTarget}` });
  for (const s of sev.removed) out.push({ area: 'Severities', what: s.id, from: `${s.label}: respond ${s.responseTarget}, resolve ${s.resolutionTarget}`, to: null });
  for (const [a, b] of sev.both) severityChanges(a, b, out);

  const steps = pairs(before.steps, after.steps);
  for (const s of steps.added) out.push({ area: 'Response steps', what: `Step ${s.number}`, from: null, to: s.title });
  for (const s of steps.removed) out.push({ area: 'Response steps', what: `Step ${s.number}`, from: s.title, to: null });
  for (const [a, b] of steps.both) stepChanges(a, b, out);

  for (const key of Object.keys(after.timers) as Array<keyof Plan['timers']>) field('Timers', key, before.timers[key], after.timers[key]);

  const roles = pairs(before.roles, after.roles);
  const targets = (r: Plan['roles'][number]) => r.responseTargets.map((t) => `${t.within}${t.severity ? ` (${t.severity})` : ''}`).join(', ');
  for (const r of roles.added) out.push({ area: 'Roles', what: r.name, from: null, to: `responds within ${targets(r)}` });
  for (const r of roles.removed) out.push({ area: 'Roles', what: r.name, from: `responds within ${targets(r)}`, to: null });
  for (const [a, b] of roles.both) field('Roles', `${b.name} response`, targets(a), targets(b));

  const rotations = pairs(before.rotations, after.rotations);
  for (const [a, b] of rotations.both) field('On-call rotations', `${b.roleId} members`, a.members.join(' → '), b.members.join(' → '));
  for (const r of rotations.added) out.push({ area: 'On-call rotations', what: r.roleId, from: null, to: r.members.join(' → ') });
  for (const r of rotations.removed) out.push({ area: 'On-call rotations', what: r.roleId, from: r.members.join(' → '), to: null });

  const scenarios = pairs(before.scenarios, after.scenarios);
  for (const s of scenarios.added) out.push({ area: 'Scenarios', what: `Scenario ${s.number}`, from: null, to: s.title });
  for (const s of scenarios.removed) out.push({ area: 'Scenarios', what: `Scenario ${s.number}`, from: s.title, to: null });
  for (const [a, b] of scenarios.both) if (json(a) !== json(b)) out.push({ area: 'Scenarios', what: `Scenario ${b.number} (${b.title})`, from: 'previous runbook', to: 'runbook changed' });

  const aud = pairs(before.audiences, after.audiences);
  for (const x of aud.added) out.push({ area: 'Audiences', what: x.name, from: null, to: 'added' });
  for (const x of aud.removed) out.push({ area: 'Audiences', what: x.name, from: 'listed', to: null });

  const notice = (p: Plan) => (p.compliance.breachNotification ? `${p.compliance.breachNotification.regulation}: within ${p.compliance.breachNotification.window}` : '(none: no notification clock)');
  field('Compliance', 'notification deadline', notice(before), notice(after));
  field('Post-incident review', 'due', before.pir.dueAfterResolutionText, after.pir.dueAfterResolutionText);
  outboundChanges(before, after, out);
  // Every other section: named when it changed at all, so no change to a plan goes unreviewed.
  const covered = new Set(['name', 'version', 'severities', 'steps', 'timers', 'roles', 'rotations', 'scenarios', 'audiences', 'compliance', 'pir', 'intake', 'statusPage', 'distributionLists']);
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (covered.has(key)) continue;
    const [a, b] = [(before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key]];
    if (json(a) !== json(b)) out.push({ area: SECTION_NAMES[key] ?? key, what: 'changed', from: summary(a), to: summary(b) });
  }
  if (json(before.compliance.retention) !== json(after.compliance.retention)) out.push({ area: 'Compliance', what: 'record retention', from: summary(before.compliance.retention), to: summary(after.compliance.retention) });
  return out;
}

const SECTION_NAMES: Record<string, string> = {
  organisation: 'Plan', lastUpdated: 'Plan', scope: 'Plan', overview: 'Plan', id: 'Plan', schemaVersion: 'Plan',
  categories: 'Categories', classificationQuestions: 'Classification', communication: 'Communication', contacts: 'Contact slots',
  monitoring: 'Monitoring', manualDetection: 'Monitoring', tools: 'Tools', exercises: 'Exercises',
};

function summary(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return plural(v.length, 'entry', 'entries');
  if (typeof v === 'object') return 'previous version';
  return String(v);
}

/** Who is told and how: intake rules (what opens an incident), status-page components, email lists. */
function outboundChanges(before: Plan, after: Plan, out: PlanChange[]): void {
  const rules = (p: Plan) => p.intake?.rules ?? [];
  const ruleText = (r: NonNullable<Plan['intake']>['rules'][number]) => `${r.match.join(', ')} -> ${r.action}${r.severity ? ` ${r.severity}` : ''}`;
  if (Boolean(before.intake) !== Boolean(after.intake)) out.push({ area: 'Intake rules', what: 'alert rules', from: before.intake ? plural(rules(before).length, 'rule') : '(none: alerts wait in triage)', to: after.intake ? plural(rules(after).length, 'rule') : '(none: alerts wait in triage)' });
  const r = pairs(rules(before), rules(after));
  for (const x of r.added) out.push({ area: 'Intake rules', what: x.name, from: null, to: ruleText(x) });
  for (const x of r.removed) out.push({ area: 'Intake rules', what: x.name, from: ruleText(x), to: null });
  for (const [x, y] of r.both) if (json(x) !== json(y)) out.push({ area: 'Intake rules', what: y.name, from: ruleText(x), to: ruleText(y) });
  if (before.statusPage.name !== after.statusPage.name) out.push({ area: 'Status page', what: 'page name', from: before.statusPage.name, to: after.statusPage.name });
  const c = pairs(before.statusPage.components, after.statusPage.components);
  for (const x of c.added) out.push({ area: 'Status page', what: `component ${x.name}`, from: null, to: 'added' });
  for (const x of c.removed) out.push({ area: 'Status page', what: `component ${x.name}`, from: 'listed', to: null });
  for (const [x, y] of c.both) if (json(x) !== json(y)) out.push({ area: 'Status page', what: `component ${y.name}`, from: x.name, to: y.name });
  const list = (l: Plan['distributionLists'][number] | undefined) => (l ? [...l.roleIds.map((id) => `role ${id}`), ...l.addresses].join(', ') || '(empty)' : null);
  for (const audience of new Set([...before.distributionLists, ...after.distributionLists].map((l) => l.audience))) {
    const [x, y] = [before.distributionLists.find((l) => l.audience === audience), after.distributionLists.find((l) => l.audience === audience)];
    if (list(x) !== list(y)) out.push({ area: 'Distribution lists', what: `email to ${audience}`, from: list(x), to: list(y) });
  }
}
