// Scores an import of a corpus document against the facts a person read in it. Each stated fact is right (the draft
// holds it), flagged (left for the user, or reported as a time the plan has no clock for), wrong (a different value),
// or silently missing (neither held nor flagged); each value the draft holds where the facts say the document states
// nothing is invented.
import type { Plan } from '@shared/plan/schema';
import { COMMANDER_ROLE_ID } from '@shared/plan/commander';
import type { ImportResult, PlanDraft } from '@shared/plan/markdown/import';
import { parseDuration } from '@shared/time/duration';
import type { DurationFact, Facts } from './corpus-facts';

export type Outcome = 'right' | 'wrong' | 'flagged' | 'missing' | 'invented';
export interface Row { what: string; outcome: Outcome; detail?: string }

const norm = (s: string) => s.replace(/[*_`]/g, '').replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim().replace(/[.:;]$/, '').toLowerCase();
/** Ids compared as the plan can hold them (letters, digits and dashes): "~severity::1" is "severity-1". */
const normId = (s: string) => s.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').toUpperCase();
const ms = (d: string) => parseDuration(d);
/** A role is the same with or without its abbreviation: "Incident Commander (IC)". */
const normRole = (s: string) => norm(s.replace(/\s*\([A-Z]{2,6}\)\s*$/, ''));

export function scoreImport(facts: Facts, result: ImportResult): Row[] {
  const rows: Row[] = [];
  const add = (what: string, outcome: Outcome, detail?: string) => rows.push({ what, outcome, ...(detail ? { detail } : {}) });
  if (!result.ok) {
    add('document', 'missing', `refused: ${result.problems.map((p) => p.message).join('; ')}`);
    return rows;
  }
  const { plan, flags, problems } = result.draft;
  const flagged = (path: string) => flags.some((f) => f.path === path || path.startsWith(`${f.path}.`) || path.startsWith(`${f.path}[`));
  const noted = (lines: number[]) => problems.some((p) => p.time !== undefined && lines.includes(p.line));

  /** A stated duration (or words) against what the draft holds at `path`. */
  const timed = (what: string, fact: { value: DurationFact } | null, got: string | undefined, path: string, lines: number[] = []) => {
    if (fact === null) {
      if (got && !flagged(path)) add(what, 'invented', got);
      return;
    }
    const v = fact.value;
    if (typeof v === 'object' && v !== null) {
      if (flagged(path) || noted(lines)) add(what, 'flagged');
      else add(what, got ? 'wrong' : 'missing', got ? `${got} for "${v.stated}"` : `"${v.stated}"`);
      return;
    }
    if (got && ms(got) === ms(v as string)) add(what, 'right');
    else if (flagged(path) || (!got && noted(lines))) add(what, 'flagged');
    else add(what, got ? 'wrong' : 'missing', `${got ?? '(nothing)'}, expected ${v as string}`);
  };

  // Name
  if (facts.name === null) {
    if (plan.name && !flagged('name')) add('name', 'invented', plan.name);
  } else {
    const ok = [facts.name.value, ...(facts.name.also ?? [])].map(norm);
    if (ok.includes(norm(plan.name))) add('name', 'right');
    else if (flagged('name')) add('name', 'flagged');
    else add('name', plan.name ? 'wrong' : 'missing', plan.name);
  }

  // Severities
  const levels = facts.severities?.levels ?? [];
  const matched = new Set<number>();
  for (const f of levels) {
    const i = plan.severities.findIndex((s, k) => !matched.has(k) && normId(s.id) === normId(f.id));
    const at = `severity ${f.id}`;
    const fields = ['id', 'name', 'definition', 'response', 'resolution', 'updates'] as const;
    if (i < 0) {
      for (const field of fields) if (field === 'id' || field === 'name' || f[field as 'definition'] !== null) add(`${at} ${field}`, flagged('severities') ? 'flagged' : 'missing');
      continue;
    }
    matched.add(i);
    const s = plan.severities[i] as Plan['severities'][number];
    const p = `severities[${i}]`;
    add(`${at} id`, 'right');
    if (norm(s.name) === norm(f.name)) add(`${at} name`, 'right');
    else add(`${at} name`, flagged(`${p}.name`) ? 'flagged' : s.name ? 'wrong' : 'missing', s.name);
    if (f.definition === null) {
      if (s.definition && !flagged(`${p}.definition`)) add(`${at} definition`, 'invented', s.definition);
    } else if (s.definition && norm(s.definition).includes(norm(f.definition.value))) add(`${at} definition`, 'right');
    else add(`${at} definition`, flagged(`${p}.definition`) ? 'flagged' : s.definition ? 'wrong' : 'missing', s.definition);
    timed(`${at} response`, f.response, s.responseTarget || undefined, `${p}.responseTarget`, f.response ? [f.response.line] : []);
    timed(`${at} resolution`, f.resolution, s.resolutionTarget || undefined, `${p}.resolutionTarget`, f.resolution ? [f.resolution.line] : []);
    const documentWide = new Set(result.draft.cadences.map((c) => ms(c.every)));
    const own = s.updateCadences.filter((c) => !documentWide.has(ms(c.every)));
    const want = f.updates;
    if (want === null) {
      for (const c of own) add(`${at} updates`, 'invented', `every ${c.every}`);
    } else if (typeof want.value === 'object') {
      timed(`${at} updates`, want, own[0]?.every, `${p}.updateCadences`, [want.line]);
    } else {
      timed(`${at} updates`, want, own.find((c) => ms(c.every) === ms(want.value as string))?.every ?? own[0]?.every, `${p}.updateCadences`, [want.line]);
    }
  }
  plan.severities.forEach((s, i) => { if (!matched.has(i)) add(`severity ${s.id}`, 'invented', s.label); });
  if (facts.severities && plan.severities.length) {
    const worst = [...plan.severities].sort((a, b) => a.rank - b.rank)[0];
    add('most severe level', worst && normId(worst.id) === normId(facts.severities.mostSevere) ? 'right' : 'wrong', worst?.id);
  } else if (facts.severities) add('most severe level', flagged('severities') ? 'flagged' : 'missing');

  // Steps
  const stepFacts = facts.steps ?? [];
  const used = new Set<number>();
  let last = -1;
  for (const f of stepFacts) {
    const i = plan.steps.findIndex((s, k) => !used.has(k) && norm(s.title) === norm(f.title));
    if (i < 0) {
      if (!f.optional) add(`step "${f.title}"`, flagged('steps') ? 'flagged' : 'missing');
      continue;
    }
    used.add(i);
    add(`step "${f.title}"`, i > last ? 'right' : 'wrong', i > last ? undefined : 'out of order');
    last = Math.max(last, i);
    timed(`step "${f.title}" due`, f.due, plan.steps[i]?.dueWithin, `steps[${i}].dueWithin`, f.due ? [f.due.line] : []);
  }
  plan.steps.forEach((s, i) => { if (!used.has(i)) add(`step "${s.title}"`, 'invented'); });

  // Roles
  const roleFacts = facts.roles ?? [];
  const usedRoles = new Set<number>();
  for (const f of roleFacts) {
    const i = plan.roles.findIndex((r, k) => !usedRoles.has(k) && normRole(r.name) === normRole(f.name));
    if (i < 0) {
      if (!f.optional) add(`role "${f.name}"`, flagged('roles') ? 'flagged' : 'missing');
      continue;
    }
    usedRoles.add(i);
    add(`role "${f.name}"`, 'right');
    // The role in charge is the one the console's command features follow; no other role is given command.
    const commands = plan.roles[i]?.id === COMMANDER_ROLE_ID;
    if (f.commands || commands) add(`role "${f.name}" in charge`, commands === Boolean(f.commands) ? 'right' : 'wrong', commands ? 'given command the document does not give' : 'not the role in charge');
    timed(`role "${f.name}" response`, f.response, plan.roles[i]?.responseTargets[0]?.within, `roles[${i}].responseTargets`, f.response ? [f.response.line] : []);
  }
  plan.roles.forEach((r, i) => { if (!usedRoles.has(i)) add(`role "${r.name}"`, 'invented'); });

  // Cadences stated for every level
  const cadences = [...result.draft.cadences];
  for (const f of facts.cadences ?? []) {
    if (typeof f.every === 'object') {
      // Words or a placeholder where a number would be ("every `UPDATE_FREQUENCY`"): right only if flagged for the user.
      add(`cadence "${f.every.stated}"`, noted([f.line]) ? 'flagged' : 'missing');
      continue;
    }
    const k = cadences.findIndex((c) => ms(c.every) === ms(f.every as string) && (f.audience === null || norm(c.audience).includes(norm(f.audience))));
    if (k >= 0) {
      cadences.splice(k, 1);
      add(`cadence every ${f.every as string}`, 'right');
    } else add(`cadence every ${f.every as string}`, noted([f.line]) ? 'flagged' : 'missing');
  }
  for (const c of cadences) add(`cadence every ${c.every} to ${c.audience}`, 'invented');

  // Deadlines
  const deadlines = facts.deadlines ?? [];
  const notification = deadlines.find((d) => d.kind === 'notification');
  const window = plan.compliance.breachNotification?.window;
  if (notification) timed(`deadline "${notification.what}"`, { value: notification.within }, window, 'compliance.breachNotification.window', [notification.line, ...(notification.alsoLines ?? [])]);
  else if (window && !flagged('compliance.breachNotification.window')) add('notification deadline', 'invented', window);
  const review = deadlines.find((d) => d.kind === 'review');
  if (review) timed(`deadline "${review.what}"`, { value: review.within }, plan.timers.pirDueAfterResolution || undefined, 'timers.pirDueAfterResolution', [review.line]);
  else if (plan.timers.pirDueAfterResolution && !flagged('timers.pirDueAfterResolution')) add('review deadline', 'invented', plan.timers.pirDueAfterResolution);
  for (const d of deadlines.filter((x) => x.kind === 'other')) add(`deadline "${d.what}"`, noted([d.line, ...(d.alsoLines ?? [])]) ? 'flagged' : 'missing');
  return rows;
}

export const tally = (rows: Row[]) => {
  const t = { right: 0, wrong: 0, flagged: 0, missing: 0, invented: 0 };
  for (const r of rows) t[r.outcome]++;
  return t;
};

export type { PlanDraft };
