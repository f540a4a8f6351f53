// The user's answers to the flagged values, put into the draft: the plan to validate and publish. Each flagged value
// has an input of its shape (text, a duration, a list, rows of roles/names/sections/levels/steps, a period); a
// suggestion is offered where the built-in plan or the document's own words give one, and is used only when the
// user accepts it. Validation errors are placed on the flag they belong to.
import { defaultPlan } from '../default-plan';
import { parsePlan, type PlanLoadResult } from '../load';
import type { Plan } from '../schema';
import { isDuration } from '../../time/duration';
import { APPENDIX_FORMAT, applyAppendix, pathToPointer } from './appendix';
import type { PlanDraft } from './import';
import type { FlaggedValue } from './problems';
import { timesIn } from './times';
import { withCommander } from '../commander';
import { slug } from './values';

export type FlagKind = 'text' | 'duration' | 'list' | 'period' | 'names' | 'roles' | 'sections' | 'levels' | 'steps';

export type Row = Record<string, string>;
/** text/duration: a string; list: one item a line; period: { count, unit }; the row kinds: rows of strings. */
export type Answer = string | Row[] | { count: string; unit: string };
export type Answers = Record<string, Answer>;

/** The fields of each row kind, in order, with their labels. */
export const ROW_FIELDS: Record<'names' | 'roles' | 'sections' | 'levels' | 'steps', { key: string; label: string; duration?: true; multiline?: true }[]> = {
  names: [{ key: 'name', label: 'name' }],
  roles: [{ key: 'name', label: 'name' }, { key: 'responsibilities', label: 'responsibilities' }, { key: 'coverage', label: 'on-call coverage' }, { key: 'within', label: 'response time', duration: true }],
  sections: [{ key: 'title', label: 'title' }, { key: 'prompt', label: 'question it answers' }],
  levels: [{ key: 'id', label: 'id' }, { key: 'name', label: 'name' }, { key: 'definition', label: 'definition' }, { key: 'response', label: 'response time', duration: true }, { key: 'resolution', label: 'resolution time', duration: true }, { key: 'escalation', label: 'escalation' }],
  steps: [{ key: 'title', label: 'title' }, { key: 'items', label: 'checklist (one item a line)', multiline: true }],
};

const valueAt = (plan: unknown, path: string): unknown =>
  path.split(/\.|\[|\]/).filter(Boolean).reduce<unknown>((node, seg) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined), plan);

export function flagKind(draft: PlanDraft, path: string): FlagKind {
  if (/(^timers\.|\.responseTarget$|\.resolutionTarget$|\.window$|\.dueWithin$|\.pageWithin$|\.responseTargets$|\.updateCadences$)/.test(path)) return 'duration';
  if (/^(categories|audiences)$/.test(path)) return 'names';
  if (path === 'roles') return 'roles';
  if (path === 'pir.sections') return 'sections';
  if (path === 'severities') return 'levels';
  if (path === 'steps') return 'steps';
  if (/retention\.(minimum|review)$/.test(path)) return 'period';
  return Array.isArray(valueAt(draft.plan, path)) ? 'list' : 'text';
}

const clean = (s: string | undefined) => (s ?? '').trim();
const lines = (s: string | undefined) => (s ?? '').split('\n').map((l) => l.trim()).filter(Boolean);

/** One answer as the plan holds it at the flag's path. */
function planValue(draft: PlanDraft, flag: FlaggedValue, answer: Answer): unknown {
  const kind = flagKind(draft, flag.path);
  const text = typeof answer === 'string' ? answer.trim() : '';
  const rows = Array.isArray(answer) ? answer.filter((r) => Object.values(r).some((v) => v.trim())) : [];
  switch (kind) {
    case 'text': return text;
    case 'list': return lines(typeof answer === 'string' ? answer : '');
    case 'duration':
      if (flag.path.endsWith('.responseTargets')) return text ? [{ within: text }] : [];
      if (flag.path.endsWith('.updateCadences')) return text ? [{ audience: draft.plan.audiences[0]?.id ?? 'updates', every: text }] : [];
      return text;
    case 'period': {
      const p = answer as { count: string; unit: string };
      return { count: Number(p.count), unit: p.unit };
    }
    case 'names': return rows.map((r) => ({ id: slug(clean(r.name)), name: clean(r.name) }));
    case 'roles': return withCommander(rows.map((r) => ({ id: slug(clean(r.name)), name: clean(r.name), responsibilities: clean(r.responsibilities), coverage: clean(r.coverage), responseTargets: clean(r.within) ? [{ within: clean(r.within) }] : [], assignable: true })));
    case 'sections': return rows.map((r) => ({ id: slug(clean(r.title)), title: clean(r.title), prompt: clean(r.prompt), fields: [] }));
    case 'levels': return rows.map((r, i) => ({
      id: clean(r.id), rank: i, name: clean(r.name), label: clean(r.name) && clean(r.id) !== clean(r.name) ? `${clean(r.id)} - ${clean(r.name)}` : clean(r.id),
      definition: clean(r.definition), examples: [], responseTarget: clean(r.response), responseTargetText: clean(r.response) ? `< ${clean(r.response)}` : '',
      resolutionTarget: clean(r.resolution), escalation: clean(r.escalation), escalationChecklist: clean(r.escalation) ? [clean(r.escalation)] : [],
      // What the document says holds at every level ("updates every 30 minutes to the executive team") holds at the levels the user adds.
      updateCadences: draft.cadences.map((c) => ({ audience: slug(c.audience), every: c.every })), signals: [],
    }));
    case 'steps': return rows.map((r, i) => ({
      id: slug(clean(r.title)) || `step-${i + 1}`, number: i + 1, title: clean(r.title), summary: clean(r.title), usesSeverityEscalation: false,
      sections: [{ id: 'checklist', title: clean(r.title), items: lines(r.items).map((t, k) => ({ id: `${slug(t).slice(0, 40) || 'item'}-${k + 1}`, text: t })) }],
    }));
  }
}

/** Answers by flagged path, put into the draft (unanswered flags keep their empty value). */
export function fillDraft(draft: PlanDraft, answers: Answers): Plan {
  const set: Record<string, unknown> = {};
  for (const flag of draft.flags) {
    const answer = answers[flag.path];
    if (answer !== undefined) set[pathToPointer(flag.path)] = planValue(draft, flag, answer);
  }
  const filled = applyAppendix(draft.plan, { format: APPENDIX_FORMAT, set, unset: [] });
  // Flags always name places the draft has, so this cannot fail; keep the draft if it somehow does.
  return filled.ok ? filled.value : draft.plan;
}

/** The filled draft, validated as any plan is before it may become active. */
export function validateFilled(draft: PlanDraft, answers: Answers): PlanLoadResult {
  return parsePlan(fillDraft(draft, answers));
}

/** Each validation error on the flag it belongs to (the flag whose path holds it); the rest stand on their own. */
export function errorsByFlag(draft: PlanDraft, errors: string[]): { byFlag: Record<string, string[]>; other: string[] } {
  const byFlag: Record<string, string[]> = {};
  const other: string[] = [];
  for (const e of errors) {
    const path = e.split(':')[0] ?? '';
    const flag = [...draft.flags].sort((a, b) => b.path.length - a.path.length).find((f) => path === f.path || path.startsWith(`${f.path}.`) || path.startsWith(`${f.path}[`));
    if (flag) (byFlag[flag.path] ??= []).push(e.slice(path.length + 1).trim() || e);
    else other.push(e);
  }
  return { byFlag, other };
}

export interface Suggestion {
  answer: Answer;
  /** Where it comes from, shown beside it. */
  from: string;
  /** The answer as words, for the button's name. */
  text: string;
}

/** What the document says ("1 business day") as the nearest duration, or the built-in plan's value at the same place. */
export function suggestionFor(draft: PlanDraft, flag: FlaggedValue): Suggestion | undefined {
  const kind = flagKind(draft, flag.path);
  if (kind === 'duration' && flag.stated && /(Target|Targets)$/.test(flag.path)) {
    const phrase = timesIn(flag.stated.replace(/\b(business|working)\s+/gi, ''))[0];
    if (phrase?.value) return { answer: phrase.value, from: `nearest duration to "${flag.stated}"`, text: phrase.value };
  }
  const builtIn = valueAt(defaultPlan, flag.path);
  if (builtIn === undefined || builtIn === null) return undefined;
  const from = 'the built-in plan';
  if (kind === 'duration' && typeof builtIn === 'string' && isDuration(builtIn)) return { answer: builtIn, from, text: builtIn };
  if (kind === 'list' && Array.isArray(builtIn) && builtIn.every((x) => typeof x === 'string') && /updateChannels$/.test(flag.path)) return { answer: builtIn.join('\n'), from, text: builtIn.join(', ') };
  if (kind === 'names' && Array.isArray(builtIn)) return { answer: (builtIn as { name: string }[]).map((x) => ({ name: x.name })), from, text: (builtIn as { name: string }[]).map((x) => x.name).join(', ') };
  if (kind === 'sections' && Array.isArray(builtIn)) return { answer: (builtIn as { title: string; prompt: string }[]).map((x) => ({ title: x.title, prompt: x.prompt })), from, text: (builtIn as { title: string }[]).map((x) => x.title).join(', ') };
  if (kind === 'period' && typeof builtIn === 'object') {
    const p = builtIn as { count: number; unit: string };
    return { answer: { count: String(p.count), unit: p.unit }, from, text: `${p.count} ${p.unit}${p.count === 1 ? '' : 's'}` };
  }
  return undefined;
}
