// Markdown response plan -> a draft plan, in stages: the tree (mdast, front matter set aside), the sections that hold
// the plan (severity scale, steps, roles, ...), the values read from them with their source lines, and the gaps: what
// the document does not state is flagged empty for the user, never filled from a default. Only unreadable input
// (empty, binary, not UTF-8, too big) is refused.
import type { Code, RootContent } from 'mdast';
import { planSchema, type Plan, type Severity } from '../schema';
import { parseDuration } from '../../time/duration';
import { EMPTY_STATUS_PAGE } from '../schema-outbound';
import { describeIssue } from '../../validation/zod-issues';
import { ReadContext } from './context';
import { parseMarkdown } from './parse';
import type { FlaggedValue, ImportProblem } from './problems';
import { sectionsOf, type Section } from './tree';
import { readHeader } from './read-header';
import { readSeverities } from './read-severities';
import { findScale, planId } from './find-levels';
import { findSteps, type StepSet } from './find-steps';
import { findRoles, rolesTableSection, toRoles } from './find-roles';
import { readTimings, type DocumentCadence } from './read-timings';
import { frontMatterTitle, type FrontMatter } from './front-matter';
import type { Item } from './tree';
import { readSteps } from './read-steps';
import { readDetection } from './read-detection';
import { readCadences, readCommunication } from './read-communication';
import { readTimers } from './read-timers';
import { readRoles, readRotations } from './read-team';
import { COMMANDER_ROLE_ID, withCommander } from '../commander';
import { readScenarios } from './read-scenarios';
import { readContacts, readTools } from './read-resources';
import { readExercises } from './read-exercises';
import { readReviewStep, readReviewTemplate } from './read-review';
import { readCompliance } from './read-compliance';
import { readVisibility } from './read-visibility';
import { slug } from './values';
import { APPENDIX_HEADING, appendixSchema, applyAppendix, parsePointer, pointerToPath } from './appendix';

export interface PlanDraft {
  /** Plan-shaped; flagged values are empty ("" or []) until the user fills them. Validate before publishing. */
  plan: Plan;
  /** Plan path -> source line. */
  sources: Record<string, number>;
  flags: FlaggedValue[];
  /** Warnings only: nothing in a readable document refuses it. */
  problems: ImportProblem[];
  /** Update cadences the document states for every level ("status updates every 30 minutes to the executive team"). */
  cadences: DocumentCadence[];
}

export type ImportResult = { ok: true; draft: PlanDraft } | { ok: false; problems: ImportProblem[] };

/** Sections other than the severities and steps, by title; the first section (shallowest first) that matches wins. */
const ROUTES = [
  ['appendix', new RegExp(`^${APPENDIX_HEADING}$`, 'i')],
  ['review', /review template|pir template|retrospective template|post-?mortem template/i],
  ['contacts', /contacts/i],
  ['scenarios', /scenarios?\b|runbooks/i],
  ['exercises', /^(training|drills?|exercises?)\b|training &|drills? &/i],
  ['compliance', /compliance|legal|regulat/i],
  ['tools', /^tools|resources$/i],
  ['team', /team|roles/i],
  ['overview', /^(overview|purpose|introduction|about)/i],
] as const;
type Route = (typeof ROUTES)[number][0];
const ASSIGNS_ROLES = /^(?:ensure|assign|appoint|designate|confirm)\b/i;

/** The document's title: its H1, unless the H1 is a template tag ("<%= title %>"); else the front matter's title. */
function nameOf(title: Section | undefined, frontMatter: FrontMatter | undefined): { value: string; line: number } | undefined {
  if (title?.title && !/<%|{{|\$\{/.test(title.title)) return { value: title.title, line: title.line };
  const fm = frontMatterTitle(frontMatter);
  return fm ? { value: fm, line: 2 } : undefined;
}

function route(top: Section, title: Section | undefined): Partial<Record<Route, Section>> {
  const out: Partial<Record<Route, Section>> = {};
  // Top-level sections (under the title), as the customer's plan and most handbooks lay them out.
  const level = title ? [...top.children.filter((c) => c !== title), ...title.children] : top.children;
  for (const s of level) {
    const hit = ROUTES.find(([, pattern]) => pattern.test(s.title));
    if (!hit || out[hit[0]]) continue;
    // A roles section is a container of role headings; a roles table or a single team section is read elsewhere.
    if (hit[0] === 'team' && !s.children.some((c) => c.children.length || c.blocks.length)) continue;
    out[hit[0]] = s;
  }
  return out;
}

const codeOf = (s: Section | undefined) => s?.blocks.find((b: RootContent): b is Code => b.type === 'code');

/** The body's reading, without the appendix. */
/** The document's title section: its one H1 (several H1s are its sections, as in comply's policies). */
const titleOf = (top: Section) => (top.children.filter((c) => c.depth === 1).length === 1 ? top.children.find((c) => c.depth === 1) : undefined);

function readBody(top: Section, ctx: ReadContext, text: string, frontMatter: FrontMatter | undefined): { plan: Plan; cadences: DocumentCadence[] } {
  const title = titleOf(top);
  const parts = route(top, title);
  const taken = new Set<Section>(Object.values(parts).filter((s): s is Section => s !== undefined));
  // The closing block ("**Document Version**: 1.0" at the very end) sits in the last section of the document.
  let closing = title?.children.at(-1);
  while (closing?.children.length) closing = closing.children.at(-1);
  const header = readHeader(title, closing ? [closing] : [], parts.overview, ctx, nameOf(title, frontMatter));

  const found = findScale(top, text);
  const { scale } = found;
  // Headings per level elsewhere ("#### P0 Incident" in an escalation step) are the same scale, not a second one.
  const ids = new Set(scale?.levels.map((l) => planId(l.id).toUpperCase()));
  const others = found.others.filter((s) => !s.levels.every((l) => ids.has(planId(l.id).toUpperCase())));
  for (const s of others) ctx.warn(s.line, `a second scale ("${s.in.title || 'untitled'}": ${s.levels.map((l) => l.id).join(', ')}) was not read: the console runs one severity scale`, 'Its levels are listed here; add what matters (an update habit, a response) to the severities above.');
  for (const s of [scale, ...others]) {
    if (!s) continue;
    for (const l of s.levels) if (l.section) taken.add(l.section);
    if (s.in !== top && s.in !== title && (s.levels.some((l) => l.section) || /severit|priorit|level|classification/i.test(s.in.title))) taken.add(s.in);
  }
  const read = scale ? readSeverities(scale, ctx) : { severities: [] as Severity[], own: [] as (Item[] | undefined)[] };
  const { severities, own } = read;
  if (!scale) ctx.missing('severities', 1, [], 'severity levels', 'The document defines no severity levels: add them (id, name, what each means, response and resolution targets).');

  const rolesTable = rolesTableSection(top);
  if (rolesTable) taken.add(rolesTable);
  // A roles section that is itself an instruction ("Ensure roles have been assigned") is also a step of the procedure.
  const stepSet = findSteps(top, parts.team && ASSIGNS_ROLES.test(parts.team.title) ? new Set([...taken].filter((s) => s !== parts.team)) : taken);
  const steps = stepSet ? readSteps(stepSet.sections, ctx, taken) : [];
  if (!steps.length) ctx.missing('steps', 1, [], 'response steps', 'The document has no response steps the console could find: add the steps (one checklist each).');
  severities.forEach((s, i) => {
    const fromSteps = [...steps.flatMap((st) => [...st.escalation.entries()])].find(([id]) => id.toUpperCase() === s.id.toUpperCase())?.[1];
    const items = own[i] ?? fromSteps?.items;
    if (items?.length) s.escalationChecklist = ctx.texts(`severities[${i}].escalationChecklist`, items);
    else ctx.missing(`severities[${i}].escalationChecklist`, ctx.sources[`severities[${i}].id`] ?? 1, [], `escalation checklist of ${s.label}`, 'List what is done at this level (one item a line), e.g. "Page the on-call engineer".');
  });
  const audiences = readCadences(steps, severities, ctx);
  const detection = readDetection(steps, ctx);
  const { timers, pirDue } = readTimers(steps, ctx);
  const tools = parts.tools ? readTools(parts.tools, ctx) : [];
  const bridge = tools.flatMap((g, gi) => g.items.map((item, k) => ({ ...item, line: ctx.sources[`tools[${gi}].items[${k}].value`] ?? 1 }))).find((i) => /bridge/i.test(i.name));
  const scenarios = parts.scenarios ? readScenarios(parts.scenarios, ctx, detection.categories) : [];
  const roles = withCommander(parts.team ? readRoles(parts.team, ctx) : toRoles(findRoles(top, stepSet?.sections ?? [], taken), ctx));
  if (!roles.length) ctx.missing('roles', 1, [], 'roles', 'The document names no roles: add who does what (incident commander, communications, ...).');
  else if (!roles.some((r) => r.id === COMMANDER_ROLE_ID)) {
    ctx.warn(ctx.sources['roles[0].name'] ?? 1, `no role is in charge of the incident (read: ${roles.map((r) => r.name).join(', ')})`,
      'Taking command, the handover and who opens a restricted incident follow the commanding role: name the role in charge "Incident Commander" (or "Incident Lead" / "Incident Manager") in the document and import it again.');
  }

  const timings = readTimings(top, ctx, taken, new Set(severities.flatMap((s) => s.updateCadences.map((c) => parseDuration(c.every)))));
  // Cadences a level states without saying to whom ("Update frequency", "Sitreps should be sent every hour").
  if (severities.some((s) => s.updateCadences.some((c) => c.audience === 'updates')) && !audiences.some((a) => a.id === 'updates')) {
    const k = audiences.length;
    audiences.push({ id: 'updates', name: ctx.missing(`audiences[${k}].name`, severities.map((s, i) => ctx.sources[`severities[${i}].updateCadences[0]`]).find(Boolean) ?? 1, '', 'who receives the status updates', 'The document says how often updates go out but not to whom: name the audience (e.g. "Stakeholders").') });
  }
  for (const c of timings.cadences) {
    const id = slug(c.audience);
    if (!audiences.some((a) => a.id === id)) {
      const k = audiences.length;
      audiences.push({ id: ctx.at(`audiences[${k}].id`, c.line, id), name: ctx.at(`audiences[${k}].name`, c.line, c.audience.charAt(0).toUpperCase() + c.audience.slice(1)) });
    }
    severities.forEach((s, i) => {
      if (s.updateCadences.some((u) => u.audience === id)) return;
      ctx.at(`severities[${i}].updateCadences[${s.updateCadences.length}]`, c.line, true);
      s.updateCadences.push({ audience: id, every: c.every });
    });
  }
  if (!audiences.length) ctx.missing('audiences', 1, [], 'who gets status updates', 'The document names no one who gets status updates: add the audiences (e.g. "Stakeholders", "Customers").');

  const compliance = readCompliance(parts.compliance, ctx, detection.categories, timings.notification);
  const plan: Plan = {
    schemaVersion: 1,
    id: ctx.at('id', 1, slug(header.name && header.organisation && !header.name.toLowerCase().includes(header.organisation.toLowerCase()) ? `${header.organisation} ${header.name}` : header.name || header.organisation) || 'plan'),
    ...header,
    audiences,
    severities,
    categories: detection.categories,
    classificationQuestions: detection.classificationQuestions,
    steps: steps.map((s) => s.step),
    timers,
    communication: readCommunication(steps, ctx, bridge),
    scenarios,
    roles,
    rotations: parts.team ? readRotations(parts.team, roles, ctx) : [],
    contacts: parts.contacts ? readContacts(parts.contacts, roles, ctx) : [],
    monitoring: detection.monitoring,
    manualDetection: detection.manualDetection,
    tools,
    exercises: parts.exercises ? readExercises(parts.exercises, ctx) : [],
    pir: readReviewStep(steps, ctx, pirDue, parts.review ? readReviewTemplate(parts.review, ctx) : []),
    compliance,
    visibility: readVisibility(parts.compliance, ctx, { categories: detection.categories, scenarios, roles }),
    // A plan document lists no status-page components or mailing lists: the page starts empty, lists unset.
    statusPage: EMPTY_STATUS_PAGE, distributionLists: [],
  };
  warnUnread(top, title, taken, stepSet, ctx);
  return { plan, cadences: timings.cadences };
}

/** Top-level sections no reader used are named, so the user knows what the plan leaves out. */
function warnUnread(top: Section, title: Section | undefined, taken: Set<Section>, steps: StepSet | undefined, ctx: ReadContext): void {
  const used = new Set<Section>([...taken, ...(steps?.sections ?? []), ...(steps ? [steps.parent] : [])]);
  const within = (s: Section): boolean => used.has(s) || s.children.some(within);
  const level = title ? [...top.children.filter((c) => c !== title), ...title.children] : top.children;
  for (const s of level) {
    if (within(s)) continue;
    ctx.warn(s.line, `the section "${s.title}" is not part of a response plan the console reads; it was skipped`, 'Rename it if it holds plan values (e.g. "Incident Severity Levels", "Incident Response Procedures").');
  }
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
    ctx.warn(section.line, `"${section.title}" has no fenced JSON block`, 'Keep the ```json block that the export wrote, or remove the whole appendix section.');
    return plan;
  }
  let data: unknown;
  try {
    data = JSON.parse(code.value);
  } catch (error) {
    const inner = jsonErrorLine(code.value);
    ctx.warn(line + inner, `the appendix is not valid JSON: ${(error as Error).message}`, 'Restore the block from the exported file; it is written by the console, not by hand.');
    return plan;
  }
  const parsed = appendixSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.warn(line, `appendix ${describeIssue(issue, { root: '(root)' })}`, 'Restore the block from the exported file.');
    return plan;
  }
  const applied = applyAppendix(plan, parsed.data);
  if (!applied.ok) {
    ctx.warn(line, `appendix ${applied.pointer}: ${applied.reason}`, 'The appendix belongs to a different version of this document: export the plan again.');
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
      if (mine) ctx.warn(line, `appendix value ${describeIssue(issue, { root: '(root)' })}`, 'Restore the block from the exported file.');
    }
  }
  return applied.value;
}

export function importPlanMarkdown(text: string): ImportResult {
  const parsed = parseMarkdown(text);
  if (!parsed.ok) return parsed;
  const ctx = new ReadContext();
  const top = sectionsOf(parsed.root);
  const source = text.replace(/\r\n?/g, '\n');
  const body = readBody(top, ctx, source, parsed.frontMatter);
  const title = titleOf(top);
  const appendix = (title ? title.children : top.children).find((c) => new RegExp(`^${APPENDIX_HEADING}$`, 'i').test(c.title));
  const plan = readAppendix(appendix, body.plan, ctx);
  return { ok: true, draft: { plan, sources: ctx.sources, flags: ctx.flags, problems: ctx.problems.sort((a, b) => a.line - b.line), cadences: body.cadences } };
}
