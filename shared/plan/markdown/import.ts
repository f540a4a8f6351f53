// Markdown response plan -> a draft plan: every value with its source line, the values left for the user to fill,
// and the problems found. A document with errors (or no severities) yields no draft at all.
import type { Code, RootContent } from 'mdast';
import { planSchema, type Plan } from '../schema';
import { EMPTY_STATUS_PAGE } from '../schema-outbound';
import { describeIssue } from '../../validation/zod-issues';
import { ReadContext } from './context';
import { parseMarkdown } from './parse';
import type { FlaggedValue, ImportProblem } from './problems';
import { sectionsOf, type Section } from './tree';
import { readHeader } from './read-header';
import { readSeverities } from './read-severities';
import { readSteps } from './read-steps';
import { readDetection } from './read-detection';
import { readCadences, readCommunication } from './read-communication';
import { readTimers } from './read-timers';
import { readRoles, readRotations } from './read-team';
import { readScenarios } from './read-scenarios';
import { readContacts, readTools } from './read-resources';
import { readExercises } from './read-exercises';
import { readReviewStep, readReviewTemplate } from './read-review';
import { readCompliance } from './read-compliance';
import { slug } from './values';
import { APPENDIX_HEADING, appendixSchema, applyAppendix, parsePointer, pointerToPath } from './appendix';

export interface PlanDraft {
  /** Plan-shaped; flagged values are empty ("" or []) until the user fills them. Validate before publishing. */
  plan: Plan;
  /** Plan path -> source line. */
  sources: Record<string, number>;
  flags: FlaggedValue[];
  /** Warnings only (errors refuse the document). */
  problems: ImportProblem[];
}

export type ImportResult = { ok: true; draft: PlanDraft } | { ok: false; problems: ImportProblem[] };

/** Which top-level section holds what; the first pattern that matches a "## Heading" wins. */
const ROUTES = [
  ['appendix', new RegExp(`^${APPENDIX_HEADING}$`, 'i')],
  ['review', /review template|pir template|retrospective template/i],
  ['contacts', /contacts/i],
  ['severities', /severit|priority levels|incident levels/i],
  ['scenarios', /scenario|runbook/i],
  ['exercises', /training|drill|exercise/i],
  ['compliance', /compliance|legal|regulat/i],
  ['tools', /tools|resources/i],
  ['team', /team|roles/i],
  ['steps', /procedure|phases|steps|process/i],
  ['overview', /^(overview|purpose|introduction|about)/i],
] as const;
type Route = (typeof ROUTES)[number][0];

function route(sections: Section[], ctx: ReadContext): Partial<Record<Route, Section>> {
  const out: Partial<Record<Route, Section>> = {};
  for (const s of sections) {
    const hit = ROUTES.find(([, pattern]) => pattern.test(s.title));
    if (!hit) ctx.warn(s.line, `the section "${s.title}" is not part of a response plan the console reads; it was skipped`, 'Rename it if it holds plan values (e.g. "Incident Severity Levels", "Incident Response Procedures").');
    else if (out[hit[0]]) ctx.warn(s.line, `a second "${s.title}" section; only the first (line ${out[hit[0]]?.line}) was read`, 'Merge the two sections.');
    else out[hit[0]] = s;
  }
  return out;
}

const codeOf = (s: Section | undefined) => s?.blocks.find((b: RootContent): b is Code => b.type === 'code');

/** The body's reading, without the appendix. */
function readBody(top: Section, ctx: ReadContext): Plan {
  const title = top.children.find((c) => c.depth === 1);
  const parts = route(title ? [...top.children.filter((c) => c !== title), ...title.children] : top.children, ctx);
  // The closing block ("**Document Version**: 1.0" at the very end) sits in the last section of the document.
  let closing = title?.children.at(-1);
  while (closing?.children.length) closing = closing.children.at(-1);
  const header = readHeader(title, closing ? [closing] : [], parts.overview, ctx);
  if (!parts.severities || parts.severities.children.length === 0) {
    ctx.error(parts.severities?.line ?? 1, parts.severities ? `"${parts.severities.title}" has no levels under it` : 'the document has no severity levels, so the console could not run a single clock from it',
      'Add a "## Incident Severity Levels" section with one "### <name> - <id>" heading per level (definition, response and resolution time).');
  }
  const { severities, own } = parts.severities ? readSeverities(parts.severities, ctx) : { severities: [], own: [] };
  const steps = parts.steps ? readSteps(parts.steps, ctx) : [];
  if (!steps.length) ctx.missing('steps', 1, [], 'response steps', 'Add a "## Incident Response Procedures" section with one "### Step N: Title" per step.');
  severities.forEach((s, i) => {
    const fromSteps = [...steps.flatMap((st) => [...st.escalation.entries()])].find(([id]) => id.toUpperCase() === s.id.toUpperCase())?.[1];
    const items = own[i] ?? fromSteps?.items;
    if (items?.length) s.escalationChecklist = ctx.texts(`severities[${i}].escalationChecklist`, items);
    else ctx.missing(`severities[${i}].escalationChecklist`, parts.severities?.children[i]?.line ?? 1, [], `escalation checklist of ${s.label}`, `Add "#### ${s.id} Incident" with a numbered list to the escalation step, or "**Escalation checklist**:" and a list under the level.`);
  });
  const audiences = readCadences(steps, severities, ctx);
  if (!audiences.length) ctx.missing('audiences', parts.steps?.line ?? 1, [], 'who gets status updates', 'Add "- **Every 15 minutes**: Status update to stakeholders" (yours) to the communication step.');
  const detection = readDetection(steps, ctx);
  const { timers, pirDue } = readTimers(steps, ctx);
  const tools = parts.tools ? readTools(parts.tools, ctx) : [];
  const bridge = tools.flatMap((g, gi) => g.items.map((item, k) => ({ ...item, line: ctx.sources[`tools[${gi}].items[${k}].value`] ?? 1 }))).find((i) => /bridge/i.test(i.name));
  const roles = parts.team ? readRoles(parts.team, ctx) : ctx.missing('roles', 1, [], 'roles', 'Add a "## Incident Response Team" section with one heading per role.');
  return {
    schemaVersion: 1,
    id: ctx.at('id', 1, slug(header.name.toLowerCase().includes(header.organisation.toLowerCase()) ? header.name : `${header.organisation} ${header.name}`) || 'plan'),
    ...header,
    audiences,
    severities,
    categories: detection.categories,
    classificationQuestions: detection.classificationQuestions,
    steps: steps.map((s) => s.step),
    timers,
    communication: readCommunication(steps, ctx, bridge),
    scenarios: parts.scenarios ? readScenarios(parts.scenarios, ctx, detection.categories) : [],
    roles,
    rotations: parts.team ? readRotations(parts.team, roles, ctx) : [],
    contacts: parts.contacts ? readContacts(parts.contacts, roles, ctx) : [],
    monitoring: detection.monitoring,
    manualDetection: detection.manualDetection,
    tools,
    exercises: parts.exercises ? readExercises(parts.exercises, ctx) : [],
    pir: readReviewStep(steps, ctx, pirDue, parts.review ? readReviewTemplate(parts.review, ctx) : []),
    compliance: readCompliance(parts.compliance, ctx, detection.categories),
    // A plan document lists no status-page components or mailing lists: the page starts empty, lists unset.
    statusPage: EMPTY_STATUS_PAGE, distributionLists: [],
  };
}

/** The line of a JSON syntax error: the first prefix of lines that fails for a reason other than ending early. */
function jsonErrorLine(text: string): number {
  const lines = text.split('\n');
  for (let k = 1; k <= lines.length; k++) {
    const prefix = lines.slice(0, k).join('\n');
    try {
      JSON.parse(prefix);
    } catch (error) {
      const message = (error as Error).message;
      const at = /position (\d+)/.exec(message);
      const early = /end of (JSON )?input|Unterminated/i.test(message) || (at !== null && Number(at[1]) >= prefix.trimEnd().length);
      if (!early) return k;
    }
  }
  return lines.length;
}

/** Apply the appendix block (if any): its values replace the body's reading and settle the flags they fill. */
function readAppendix(section: Section | undefined, plan: Plan, ctx: ReadContext): Plan {
  if (!section) return plan;
  const code = codeOf(section);
  const line = code?.position?.start.line ?? section.line;
  if (!code) {
    ctx.error(section.line, `"${section.title}" has no fenced JSON block`, 'Keep the ```json block that the export wrote, or remove the whole appendix section.');
    return plan;
  }
  let data: unknown;
  try {
    data = JSON.parse(code.value);
  } catch (error) {
    const inner = jsonErrorLine(code.value);
    ctx.error(line + inner, `the appendix is not valid JSON: ${(error as Error).message}`, 'Restore the block from the exported file; it is written by the console, not by hand.');
    return plan;
  }
  const parsed = appendixSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.error(line, `appendix ${describeIssue(issue, { root: '(root)' })}`, 'Restore the block from the exported file.');
    return plan;
  }
  const applied = applyAppendix(plan, parsed.data);
  if (!applied.ok) {
    ctx.error(line, `appendix ${applied.pointer}: ${applied.reason}`, 'The appendix belongs to a different version of this document: export the plan again.');
    return plan;
  }
  const setPaths = Object.keys(parsed.data.set).map(pointerToPath);
  for (const p of setPaths) ctx.sources[p] = line;
  const covered = (path: string) => setPaths.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
  ctx.flags.splice(0, ctx.flags.length, ...ctx.flags.filter((f) => !covered(f.path)));
  // The appendix's own values must be valid where they land (the body's empties are the user's to fill).
  const check = planSchema.safeParse(applied.value);
  if (!check.success) {
    for (const issue of check.error.issues) {
      const mine = Object.keys(parsed.data.set).some((ptr) => parsePointer(ptr).every((seg, i) => String(issue.path[i]) === seg));
      if (mine) ctx.error(line, `appendix value ${describeIssue(issue, { root: '(root)' })}`, 'Restore the block from the exported file.');
    }
  }
  return applied.value;
}

export function importPlanMarkdown(text: string): ImportResult {
  const parsed = parseMarkdown(text);
  if (!parsed.ok) return parsed;
  const ctx = new ReadContext();
  const top = sectionsOf(parsed.root);
  const body = readBody(top, ctx);
  const title = top.children.find((c) => c.depth === 1);
  const appendix = (title ? title.children : top.children).find((c) => new RegExp(`^${APPENDIX_HEADING}$`, 'i').test(c.title));
  const plan = readAppendix(appendix, body, ctx);
  const errors = ctx.problems.filter((p) => p.level === 'error');
  if (errors.length) return { ok: false, problems: errors.sort((a, b) => a.line - b.line) };
  return { ok: true, draft: { plan, sources: ctx.sources, flags: ctx.flags, problems: ctx.problems.sort((a, b) => a.line - b.line) } };
}
