// Finds the response steps wherever the document keeps them: the section whose sub-sections read most like the
// phases of a response ("Step 1: ...", "I - Identification", "Triage", "Steps for Incident Commander"), or, in a
// page that is itself the procedure, its top-level sections. Sections other readers took (severities, roles,
// scenarios) and sections about the document (purpose, scope, references) are never steps.
import type { Section } from './tree';

/** "Step 1: Detect", "Phase 2 - Contain", "3. Prioritise", "IV - Recovery": the number and the title. */
export function stepTitle(title: string): { number?: number; title: string } {
  const m = /^(?:(?:step|phase|stage)\s+(\d+)|(\d+)(?:\.\d+)*|([IVX]+))\s*[:.)–—-]\s*(.+)$/i.exec(title.trim());
  if (!m) return { title: title.trim() };
  const roman = m[3] ? romanValue(m[3]) : undefined;
  return { number: Number(m[1] ?? m[2] ?? roman), title: (m[4] as string).trim() };
}

function romanValue(r: string): number {
  const v: Record<string, number> = { I: 1, V: 5, X: 10 };
  let n = 0;
  const s = r.toUpperCase();
  for (let i = 0; i < s.length; i++) {
    const a = v[s[i] as string] as number;
    const b = v[s[i + 1] as string] ?? 0;
    n += a < b ? -a : a;
  }
  return n;
}

export const ABOUT = /^(purpose|scope|overview|introduction|about|background|summary|policy|policy statements|exceptions?|references?|further reading|related( documents| links)?|see also|glossary|definitions?|terms|what is an incident\??|contacts?\b.*|revision history|document control|change log|appendix\b.*|tl;?dr|license|licence|contributing)(\s+(and|&)\s+(purpose|scope))?$/i;
const SCENARIO = /\b(cat(egory)?\s*\d|playbooks?|scenario|runbook \d|special cases)\b/i;
const STEP_WORDS = /\b(triage|detect\w*|identif\w*|assess\w*|declar\w*|rais\w*|initiat\w*|acknowledg\w*|respon\w*|contain\w*|eradicat\w*|recover\w*|resolv\w*|resolution|remediat\w*|mitigat\w*|investigat\w*|escalat\w*|notif\w*|communicat\w*|inform\w*|report\w*|review|retrospective|post-?incident|post-?mortem|lessons|follow-?up|fix|release\w*|disclos\w*|publish\w*|analy\w*|clos\w*|end|during|after|prepar\w*|steps for|handover|monitor\w*)\b/i;
const PROCESS_TITLE = /procedure|process|phases|steps|workflow|response|lifecycle|playbook/i;

export interface StepSet {
  parent: Section;
  sections: Section[];
}

/** `taken`: sections other readers consumed. */
export function findSteps(top: Section, taken: Set<Section>): StepSet | undefined {
  const usable = (s: Section) => !taken.has(s) && !ABOUT.test(s.title) && !SCENARIO.test(s.title) && (s.blocks.length > 0 || s.children.some((c) => !taken.has(c)));
  let best: { set: StepSet; score: number } | undefined;
  const visit = (s: Section) => {
    const kids = s.children.filter(usable);
    if (kids.length >= 2 && !taken.has(s)) {
      const score = kids.reduce((n, c) => n + (stepTitle(c.title).number !== undefined ? 2 : STEP_WORDS.test(c.title) ? 1 : 0), 0) + (s.title && PROCESS_TITLE.test(s.title) ? 2 : 0);
      if (score >= 2 && (!best || score > best.score)) best = { set: { parent: s, sections: kids }, score };
    }
    for (const c of s.children) if (!taken.has(c)) visit(c);
  };
  visit(top);
  if (best) return best.set;
  // A page that is itself the procedure: its top-level sections (under the title, if it has one).
  const title = top.children.length === 1 && top.children[0]?.depth === 1 ? top.children[0] : undefined;
  const parent = title ?? top;
  const sections = parent.children.filter(usable);
  return sections.length ? { parent, sections } : undefined;
}
