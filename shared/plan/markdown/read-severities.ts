// Reads "Incident Severity Levels": one sub-heading per level with its definition, examples, targets and escalation.
import type { Severity } from '../schema';
import { parseDuration } from '../../time/duration';
import type { ReadContext } from './context';
import { allFields, clean, labelledLists, type Item, type Section, type Line } from './tree';
import { oneDuration, slug, withinDuration } from './values';

/** The level's id as the document writes it: "P0", "SEV1", "S2" (the last such token of the heading). */
export function severityIdIn(text: string): string | undefined {
  return [...text.matchAll(/\b(P\d+|SEV-?\d+|S\d+)\b/gi)].at(-1)?.[1];
}

function nameOf(title: string, id: string | undefined): string {
  const paren = /\(([^)]+)\)/.exec(title)?.[1];
  if (paren) return clean(paren);
  const rest = id ? title.replace(id, '') : title;
  return clean(rest.replace(/^[\s\-–—:|]+|[\s\-–—:|]+$/g, ''));
}

/** One value per label; the same label stated twice with different values is a conflict the user must settle. */
function fieldMap(section: Section, ctx: ReadContext, what: string): Map<string, Line> {
  const out = new Map<string, Line>();
  for (const f of allFields(section.blocks)) {
    const key = (f.label as string).toLowerCase();
    const seen = out.get(key);
    if (seen && seen.value !== f.value) {
      ctx.error(f.line, `${what} states "${f.label}" twice with different values: "${seen.value}" (line ${seen.line}) and "${f.value}" (line ${f.line})`, `Keep one "${f.label}" line for ${what}.`);
    }
    if (!seen) out.set(key, f);
  }
  return out;
}

const pick = (fields: Map<string, Line>, pattern: RegExp) => [...fields.entries()].find(([k]) => pattern.test(k))?.[1];

/** Read a target: one duration, stated; anything else is flagged empty with the reason. */
function target(ctx: ReadContext, path: string, field: Line | undefined, section: Section, label: string): string {
  if (!field) return ctx.missing(path, section.line, '', `${label} of ${section.title}`, `Add "**${label}**: < 15 minutes" (your number) under the heading, or fill in a duration such as "15m", "4h" or "1d".`);
  const d = oneDuration(field.value);
  if (d.value) return ctx.at(path, field.line, d.value);
  if (d.ambiguous) ctx.warn(field.line, `"${field.value}" states several durations (${d.ambiguous.join(', ')}) for the ${label.toLowerCase()}`, 'Write one duration, e.g. "< 15 minutes".');
  else ctx.warn(field.line, `"${field.value}" has no duration for the ${label.toLowerCase()}`, 'Write it as a number and unit, e.g. "< 15 minutes".');
  return ctx.missing(path, field.line, '', `${label} of ${section.title}`, 'Fill in a duration such as "15m".');
}

/** The levels, and the escalation checklists written under a level itself ("**Escalation checklist**:" and a list). */
export function readSeverities(parent: Section, ctx: ReadContext): { severities: Severity[]; own: (Item[] | undefined)[] } {
  const out: Severity[] = [];
  const own: (Item[] | undefined)[] = [];
  parent.children.forEach((section) => {
    const i = out.length;
    const p = `severities[${i}]`;
    if (section.blocks.length === 0 && section.children.length === 0) {
      ctx.error(section.line, `the severity heading "${section.title}" has no content`, 'Add its Definition, Response Time and Resolution Time under the heading, or remove the heading.');
      return;
    }
    const id = severityIdIn(section.title);
    const fields = fieldMap(section, ctx, `the severity "${section.title}"`);
    const lists = labelledLists(section.blocks);
    const definition = pick(fields, /^definition$/);
    const response = pick(fields, /^response( time| target)?$/);
    const resolution = pick(fields, /^resolution( time| target)?$/);
    const escalation = pick(fields, /^escalation$/);
    const examples = lists.get('examples');
    const responseTarget = target(ctx, `${p}.responseTarget`, response, section, 'Response Time');
    const resolutionTarget = target(ctx, `${p}.resolutionTarget`, resolution, section, 'Resolution Time');
    if (responseTarget && resolutionTarget && parseDuration(resolutionTarget) < parseDuration(responseTarget)) {
      ctx.error(resolution?.line ?? section.line, `the severity "${section.title}" must be resolved (${resolution?.value}) before it must be responded to (${response?.value})`, 'Check the two targets: the resolution target is normally the longer one.');
    }
    const pageWithin = escalation ? withinDuration(escalation.value) : undefined;
    if (escalation && !pageWithin && /immediate/i.test(escalation.value)) {
      ctx.warn(escalation.line, `"${escalation.value}" gives no number, so no paging deadline is set for ${section.title}`, 'Write "within 5 minutes" (your number) if paging has a deadline.');
    }
    out.push({
      id: id ? ctx.at(`${p}.id`, section.line, id) : ctx.at(`${p}.id`, section.line, slug(section.title)),
      rank: i,
      name: nameOf(section.title, id) ? ctx.at(`${p}.name`, section.line, nameOf(section.title, id)) : ctx.missing(`${p}.name`, section.line, '', `name of ${section.title}`, 'Write the name in the heading, e.g. "SEV1 - Critical".'),
      label: ctx.at(`${p}.label`, section.line, section.title),
      definition: definition ? ctx.at(`${p}.definition`, definition.line, definition.value) : ctx.missing(`${p}.definition`, section.line, '', `definition of ${section.title}`, 'Add "**Definition**: ..." under the heading.'),
      examples: examples ? ctx.texts(`${p}.examples`, examples.items) : [],
      responseTarget,
      responseTargetText: response ? ctx.at(`${p}.responseTargetText`, response.line, response.value) : ctx.missing(`${p}.responseTargetText`, section.line, '', `response time wording of ${section.title}`, 'Fill in how the plan words the response time, e.g. "< 15 minutes".'),
      resolutionTarget,
      escalation: escalation ? ctx.at(`${p}.escalation`, escalation.line, escalation.value) : ctx.missing(`${p}.escalation`, section.line, '', `escalation of ${section.title}`, 'Add "**Escalation**: ..." under the heading.'),
      ...(pageWithin ? { pageWithin: ctx.at(`${p}.pageWithin`, (escalation as Line).line, pageWithin) } : {}),
      // Filled from the escalation checklists (in the steps or under the level itself) by readEscalation.
      escalationChecklist: [],
      updateCadences: [],
      signals: [],
    });
    own.push(lists.get('escalation checklist')?.items);
  });
  return { severities: out, own };
}
