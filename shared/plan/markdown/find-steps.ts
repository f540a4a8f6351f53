// Finds the response steps wherever the document keeps them: the section whose sub-sections read most like the
// phases of a response ("Step 1: ...", "I - Identification", "Triage", "Steps for Incident Commander", a section that
// says when it must be done), or, in a page that is itself the procedure, its top-level sections, or a numbered list
// of bold step titles with their actions nested under them. Sections other readers took (severities, roles,
// scenarios), sections named for a role or a team, and sections about the document (purpose, scope, references,
// "What is ...?") are never steps.
import type { List, RootContent } from 'mdast';
import { clean, inlineText, lineOf, paragraphLines, type Section } from './tree';

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

export const ABOUT = /^(purpose|scope|overview|introduction|about|background|summary|policy|policy statements|exceptions?|references?|further reading|related( documents| links)?|see also|glossary|definitions?|terms|what (?:is|are)\b.*|contacts?\b.*|revision history|document control|change log|appendix\b.*|tl;?dr|license|licence|contributing)(\s+(and|&)\s+(purpose|scope))?$/i;
const SCENARIO = /\b(cat(egory)?\s*\d|playbooks?|scenario|runbook \d|special cases)\b/i;
const STEP_WORDS = /\b(triage|detect\w*|identif\w*|assess\w*|declar\w*|rais\w*|initiat\w*|acknowledg\w*|respon\w*|contain\w*|eradicat\w*|recover\w*|resolv\w*|resolution|remediat\w*|mitigat\w*|investigat\w*|escalat\w*|notif\w*|communicat\w*|inform\w*|report\w*|review|retrospective|post-?incident|post-?mortem|lessons|follow-?up|fix|release\w*|disclos\w*|publish\w*|analy\w*|clos\w*|end|during|after|prepar\w*|steps for|handover|monitor\w*)\b/i;
const PROCESS_TITLE = /procedure|process|phases|steps|workflow|response|lifecycle|playbook/i;
/** A section named for a role or team ("Security release stewards", "Security Response Committee (SRC)") says who, not what to do. */
const NAMES_ROLE = /\b(?:team|lead|commander|manager|officer|liaison|coordinator|scribe|deputy|responder|committee|steward)s?(?:\s*\([A-Z]{2,6}\))?$/i;
const ACTS = /^(?:steps? for|assemble|form|assign|appoint|establish|build|page|contact|notify|engage|call|inform|ensure)\b/i;
/** A section about the severity scale itself ("Severity", "Severity Thresholds - How We Do Vulnerability Scoring"). */
const ABOUT_SEVERITY = /^(?:incident\s+)?(?:severity|severities|priority|priorities)\b/i;
/** "These steps should be completed within the first 24 hours", "(Completed within 1-7 days)": a step's deadline. */
export const DUE = /\b(?:complete[ds]?|completed|done|finish(?:ed)?|carried out)\b[^.]*?\bwithin\b/i;
/** The review that closes a procedure, often kept beside it rather than in it ("## Retrospective"). */
const REVIEW = /^(?:retrospective|post-?incident( review| analysis)?|post-?mortem|lessons learned|incident review|review)\b/i;

const namesRole = (title: string) => {
  const bare = stepTitle(title).title;
  return NAMES_ROLE.test(bare) && !ACTS.test(bare);
};
/** The section's own paragraphs say when it must be done. */
const statesDue = (s: Section) => s.blocks.some((b) => b.type === 'paragraph' && b.children[0]?.type !== 'strong' && paragraphLines(b).some((l) => DUE.test(l.text)));
const stepScore = (s: Section) => (statesDue(s) ? 3 : stepTitle(s.title).number !== undefined ? 2 : STEP_WORDS.test(s.title) ? 1 : 0);

export interface StepSet {
  parent: Section;
  sections: Section[];
}

/** `taken`: sections other readers consumed. */
export function findSteps(top: Section, taken: Set<Section>): StepSet | undefined {
  const usable = (s: Section) => !taken.has(s) && !ABOUT.test(s.title) && !SCENARIO.test(s.title) && !ABOUT_SEVERITY.test(s.title) && !namesRole(s.title) && (s.blocks.length > 0 || s.children.some((c) => !taken.has(c)));
  let best: { set: StepSet; score: number } | undefined;
  const visit = (s: Section, siblings: Section[]) => {
    const kids = s.children.filter(usable);
    if (kids.length >= 2 && !taken.has(s)) {
      const score = kids.reduce((n, c) => n + stepScore(c), 0) + (s.title && PROCESS_TITLE.test(s.title) ? 2 : 0);
      if (score >= 2 && (!best || score > best.score)) {
        // The review the procedure ends with, kept after it at the parent's level, is its last step.
        const review = siblings.slice(siblings.indexOf(s) + 1).find((x) => REVIEW.test(x.title) && usable(x));
        best = { set: { parent: s, sections: review ? [...kids, review] : kids }, score };
      }
    }
    for (const c of s.children) if (!taken.has(c)) visit(c, s.children);
  };
  visit(top, []);
  if (best) return best.set;
  // A page that is itself the procedure: its top-level sections (under the title, if it has one), when some of them
  // read as steps at all (a page of "What is incident response?" and "Guidance for products" has none).
  const title = top.children.length === 1 && top.children[0]?.depth === 1 ? top.children[0] : undefined;
  const parent = title ?? top;
  const sections = parent.children.filter(usable);
  if (sections.some((x) => stepScore(x) > 0)) return { parent, sections };
  return listSteps(parent);
}

/** "1. **Intake**" with the step's actions as a nested list under it: a numbered list whose every item is one. */
function listSteps(parent: Section): StepSet | undefined {
  const list = parent.blocks.find((b): b is List => b.type === 'list' && b.ordered === true && b.children.length >= 2 && b.children.every((item) => {
    const [first, ...rest] = item.children;
    return first?.type === 'paragraph' && first.children.length === 1 && first.children[0]?.type === 'strong' && rest.some((r) => r.type === 'list');
  }));
  if (!list) return undefined;
  const sections = list.children.map((item): Section => {
    const [first, ...rest] = item.children as RootContent[];
    return { title: clean(inlineText(first as RootContent)), depth: parent.depth + 1, line: lineOf(first), blocks: rest, children: [] };
  });
  return { parent, sections };
}
