// Takes the detection and classification values out of the steps: monitors with thresholds, manual sources, categories.
import type { Plan } from '../schema';
import type { ReadContext } from './context';
import type { ReadStep } from './read-steps';
import { oneDuration, slug, splitList } from './values';

type Monitor = Plan['monitoring'][number];

const UNITS: Record<string, string> = { '%': '%', s: 's', sec: 's', second: 's', seconds: 's', ms: 'ms' };

/** "**Error Rate Monitoring**: Triggers if > 1%" -> a monitor with its threshold. */
function monitorOf(name: string, rule: string, id: string): Monitor {
  const every = /\bevery\s+(.+)$/i.exec(rule);
  const threshold = /(>=|>)\s*(\d+(?:\.\d+)?)\s*(%|ms|seconds?|sec|s)?/i.exec(rule);
  const checkEvery = every ? oneDuration(every[1] as string).value : undefined;
  return {
    id,
    name,
    rule,
    ...(threshold ? { op: threshold[1] as '>' | '>=', threshold: Number(threshold[2]), ...(threshold[3] ? { unit: UNITS[(threshold[3] as string).toLowerCase()] ?? threshold[3] } : {}) } : {}),
    ...(checkEvery && !threshold ? { checkEvery } : {}),
  };
}

export function readDetection(steps: ReadStep[], ctx: ReadContext) {
  const lists = steps.flatMap((s) => s.lists);
  const automated = lists.find((l) => /automated|monitor|alert/i.test(l.title) && l.items.some((i) => i.label));
  const manual = lists.find((l) => /manual/i.test(l.title));
  const ids = new Set<string>();
  const monitoring = (automated?.items ?? []).filter((i) => i.label).map((item, k) => {
    const p = `monitoring[${k}]`;
    const base = slug((item.label as string).replace(/\s*monitoring$/i, ''));
    const id = ids.has(base) ? `${base}-${k + 1}` : base;
    ids.add(id);
    const m = monitorOf(item.label as string, item.value, id);
    ctx.usedTime(item.line);
    for (const key of Object.keys(m)) ctx.at(`${p}.${key}`, item.line, true);
    return m;
  });
  const manualDetection = manual ? ctx.texts('manualDetection', manual.items) : [];

  const classify = steps.find((s) => /classif|triage|assess/i.test(s.step.title));
  const questions = classify?.lists.flatMap((l) => l.items) ?? [];
  const categoryLine = questions.find((q) => /^categor(y|ies)$/i.test(q.label ?? ''));
  const categories = categoryLine
    ? splitList(categoryLine.value).map((name, k) => ({ id: ctx.at(`categories[${k}].id`, categoryLine.line, slug(name)), name: ctx.at(`categories[${k}].name`, categoryLine.line, name) }))
    : ctx.missing('categories', classify?.heading.line ?? 1, [] as Plan['categories'], 'incident categories', 'Add "**Category**: Infrastructure, Application, Security" (your categories) to the classification step, or fill them here.');
  return { monitoring, manualDetection, categories, classificationQuestions: ctx.texts('classificationQuestions', questions) };
}
