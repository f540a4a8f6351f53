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

  field('Compliance', 'breach notification window', before.compliance.breachNotification?.window ?? '(none)', after.compliance.breachNotification?.window ?? '(none)');
  field('Post-incident review', 'due', before.pir.dueAfterResolutionText, after.pir.dueAfterResolutionText);
  return out;
}
