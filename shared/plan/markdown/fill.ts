// The user's answers to the flagged values, put into the draft: the plan to validate and publish.
import type { Plan } from '../schema';
import { parsePlan, type PlanLoadResult } from '../load';
import { APPENDIX_FORMAT, applyAppendix, pathToPointer } from './appendix';
import type { PlanDraft } from './import';

/** What the review form can fill: one line of text, or a list (one item a line). */
export type FlagKind = 'text' | 'list' | 'other';

export function flagKind(draft: PlanDraft, path: string): FlagKind {
  const value = path.split(/\.|\[|\]/).filter(Boolean).reduce<unknown>((node, seg) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined), draft.plan);
  if (typeof value === 'string') return 'text';
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return 'list';
  return 'other';
}

/** Answers by flagged path: text as typed (trimmed), lists one item a line (blank lines dropped). */
export function fillDraft(draft: PlanDraft, answers: Record<string, string>): Plan {
  const set: Record<string, unknown> = {};
  for (const flag of draft.flags) {
    const answer = answers[flag.path];
    if (answer === undefined) continue;
    const kind = flagKind(draft, flag.path);
    if (kind === 'text') set[pathToPointer(flag.path)] = answer.trim();
    if (kind === 'list') set[pathToPointer(flag.path)] = answer.split('\n').map((l) => l.trim()).filter(Boolean);
  }
  const filled = applyAppendix(draft.plan, { format: APPENDIX_FORMAT, set, unset: [] });
  // Flags always name places the draft has, so this cannot fail; keep the draft if it somehow does.
  return filled.ok ? filled.value : draft.plan;
}

/** The filled draft, validated as any plan is before it may become active. */
export function validateFilled(draft: PlanDraft, answers: Record<string, string>): PlanLoadResult {
  return parsePlan(fillDraft(draft, answers));
}
