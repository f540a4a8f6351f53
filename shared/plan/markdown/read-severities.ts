// Reads each level of the severity scale (find-levels.ts): its definition, targets, update cadence and escalation,
// from "**Label**: value" fields, table columns or prose ("acknowledge within 15 minutes", "every hour"). What a
// level does not state is flagged empty for the user; what it states in words no clock can run is flagged with them.
import type { Severity } from '../schema';
import { parseDuration } from '../../time/duration';
import type { ReadContext } from './context';
import { orderLevels, planId, type LevelSource, type Scale } from './find-levels';
import { column } from './tables';
import { cadenceIn, lineAt, targetIn, timesIn, type TimePhrase } from './times';
import { allFields, clean, inlineText, labelledLists, lineOf, paragraphLines, type Item, type Line, type Section } from './tree';
import { withinDuration } from './values';

/** The level's id as the document writes it: "P0", "SEV1", "S2" (the last such token of the heading). */
export function severityIdIn(text: string): string | undefined {
  return [...text.matchAll(/\b(P\d+|SEV-?\d+|S\d+)\b/gi)].at(-1)?.[1];
}

/** One value per label; the same label stated twice with different values is flagged for the user to settle. */
function fieldMap(section: Section, ctx: ReadContext, what: string): Map<string, Line> {
  const out = new Map<string, Line>();
  const conflicted = new Set<string>();
  for (const f of allFields(section.blocks)) {
    const key = (f.label as string).toLowerCase();
    const seen = out.get(key) ?? allFields(section.blocks).find((g) => (g.label as string).toLowerCase() === key && g !== f && g.line < f.line);
    if (seen && seen.value !== f.value) {
      ctx.warn(f.line, `${what} states "${f.label}" twice with different values: "${seen.value}" (line ${seen.line}) and "${f.value}" (line ${f.line})`, `Keep one "${f.label}" line for ${what}; fill in the one that holds.`);
      conflicted.add(key);
      out.delete(key);
    }
    if (!seen && !conflicted.has(key)) out.set(key, f);
  }
  return out;
}

const pick = (fields: Map<string, Line>, pattern: RegExp) => [...fields.entries()].find(([k]) => pattern.test(k))?.[1];

/** The sentences of a level's own prose (paragraphs and list items), each with its line. */
function prose(section: Section): Line[] {
  const out: Line[] = [];
  for (const b of section.blocks) {
    if (b.type === 'paragraph') out.push(...paragraphLines(b).filter((l) => l.label === undefined));
    if (b.type === 'list') for (const item of b.children) for (const c of item.children) if (c.type === 'paragraph') out.push({ value: clean(inlineText(c)), text: clean(inlineText(c)), line: lineOf(c) });
  }
  return out;
}

interface Stated { text: string; line: number }

/** Read one target: a duration (kept with its words), words that are no duration (flagged with them), or nothing. */
function target(ctx: ReadContext, path: string, stated: Stated | undefined, flagLine: number, label: string, of: string): { value: string; text?: string } {
  if (!stated) return { value: ctx.missing(path, flagLine, '', `${label} of ${of}`, `The document gives no ${label.toLowerCase()} for ${of}: fill in a duration such as "15m", "4h" or "1d".`) };
  const t = targetIn(stated.text);
  if (t.phrase?.value) {
    ctx.usedTime(stated.line, t.phrase.stated);
    return { value: ctx.at(path, stated.line, t.phrase.value), text: stated.text };
  }
  if (t.phrase) {
    ctx.usedTime(stated.line, t.phrase.stated);
    ctx.missing(path, stated.line, '', `${label} of ${of}`, `The document says "${stated.text}", which a clock cannot count: fill in a duration such as "1d" (or the nearest you hold to).`, stated.text);
    return { value: '', text: stated.text };
  }
  if (t.ambiguous) ctx.warn(stated.line, `"${stated.text}" states several times (${t.ambiguous.join(', ')}) for the ${label.toLowerCase()} of ${of}`, 'Fill in the one that holds.');
  return { value: ctx.missing(path, stated.line, '', `${label} of ${of}`, `The document says "${stated.text}", no duration: fill in one such as "15m".`, stated.text), text: stated.text };
}

/** What a level states: its fields (sections), its columns (tables) or its item text (lists). */
interface LevelText {
  definition?: Stated;
  response?: Stated;
  resolution?: Stated;
  updates?: Stated;
  escalation?: Stated;
  checklist?: Item[];
  examples?: Item[];
}

const SENTENCE_RESPONSE = /\b(respon[ds]\w*|acknowledg\w*|ack)\b[^.]*?\b(within|in under|under|<)\s+/i;
const SENTENCE_RESOLUTION = /\b(resol\w+|fix\w*|restor\w+|mitigat\w+)\b[^.]*?\b(within|in under|under|<)\s+/i;
const SENTENCE_UPDATE = /\b(updates?|sitreps?|status reports?|communicat\w*|notif\w+|comms)\b/i;

function fromSection(section: Section, ctx: ReadContext): LevelText {
  const fields = fieldMap(section, ctx, `the severity "${section.title}"`);
  const lists = labelledLists(section.blocks);
  const line = (l: Line | undefined): Stated | undefined => (l ? { text: l.value, line: l.line } : undefined);
  const out: LevelText = {
    definition: line(pick(fields, /^(definition|description|meaning|criteria)$/)),
    response: line(pick(fields, /^(response( time| target)?|time to respond|acknowledge(ment)?( time)?)$/)),
    resolution: line(pick(fields, /^(resolution( time| target)?|time to resolve)$/)),
    escalation: line(pick(fields, /^escalation$/)),
    updates: line(pick(fields, /^(updates?|update (frequency|cadence)|status updates|communication)$/)),
    ...(lists.get('examples') ? { examples: lists.get('examples')?.items } : {}),
    ...(lists.get('escalation checklist') ? { checklist: lists.get('escalation checklist')?.items } : {}),
  };
  const sentences = prose(section);
  if (!out.definition) {
    const first = section.blocks.find((b) => b.type === 'paragraph');
    if (first?.type === 'paragraph' && first.children[0]?.type !== 'strong') {
      // "High-sev incidents ... impact. Examples include:": the lead-in to a list is not part of the definition.
      const text = clean(inlineText(first)).replace(/\s*(?:[^.!?]*\b(?:examples?|such as|include)\b[^.!?]*:|[^.!?]*:)\s*$/i, '').trim();
      if (text) out.definition = { text, line: lineOf(first) };
    }
  }
  // "Acknowledge within 15 minutes and resolve within 4 hours": each verb with the time that follows it.
  const clause = (re: RegExp): Stated | undefined => {
    for (const s of sentences) {
      const m = re.exec(s.text);
      const p = m ? timesIn(s.text.slice(m.index + m[0].length)).find((x) => !x.frequency) : undefined;
      if (m && p) return { text: s.text.slice(m.index, m.index + m[0].length + p.index + p.length), line: s.line };
    }
    return undefined;
  };
  out.response ??= clause(SENTENCE_RESPONSE);
  out.resolution ??= clause(SENTENCE_RESOLUTION);
  if (!out.updates) {
    const s = sentences.find((x) => SENTENCE_UPDATE.test(x.text) && cadenceIn(x.text));
    if (s) out.updates = { text: s.text, line: s.line };
  }
  return out;
}

function fromRow(level: LevelSource): LevelText {
  const row = level.row as NonNullable<LevelSource['row']>;
  // The columns that named the level (an "Impact" column of Critical/High...) are not its definition.
  const col = (re: RegExp) => {
    const k = row.table.header.findIndex((h, j) => re.test(h) && !row.keys.includes(j));
    const cell = k >= 0 ? row.cells[k] : undefined;
    return cell && cell.text ? cell : undefined;
  };
  const definition = col(/desc|defin|example|impact|intent|meaning|criteria|summary/i);
  const response = col(/response|respond|acknowledg/i);
  const resolution = col(/resol|restor|fix/i);
  const updates = col(/update|frequenc|cadence|comms|communicat/i);
  const out: LevelText = {};
  if (definition) out.definition = { text: definition.parts[0] ?? definition.text, line: definition.line };
  if (response) {
    // "Typical Response" of actions (PagerDuty) is the escalation, not a time: its items are the checklist.
    if (targetIn(response.text).phrase || /time|target|sla/i.test(row.table.header[column(row.table, /response|respond|acknowledg/i)] ?? '')) out.response = { text: response.text, line: response.line };
    else {
      out.escalation = { text: response.parts[0] ?? response.text, line: response.line };
      if (response.parts.length > 1) out.checklist = response.parts.slice(1).map((t) => ({ text: t, value: t, line: response.line }));
    }
  }
  if (resolution) out.resolution = { text: resolution.text, line: resolution.line };
  if (updates) out.updates = { text: updates.text, line: updates.line };
  return out;
}

function levelText(level: LevelSource, ctx: ReadContext): LevelText {
  if (level.section) return fromSection(level.section, ctx);
  if (level.row) return fromRow(level);
  return level.text ? { definition: { text: level.text.value, line: level.text.line } } : {};
}

/** The levels (most severe first), the escalation checklists stated under a level itself, and who gets updates. */
export function readSeverities(scale: Scale, ctx: ReadContext): { severities: Severity[]; own: (Item[] | undefined)[] } {
  const out: Severity[] = [];
  const own: (Item[] | undefined)[] = [];
  orderLevels(scale.levels).forEach((level, i) => {
    const p = `severities[${i}]`;
    const of = level.label;
    if (level.section && level.section.blocks.length === 0 && level.section.children.length === 0) {
      ctx.warn(level.line, `the severity heading "${level.label}" has no content`, 'Fill in its definition and targets here, or add them under the heading.');
    }
    const t = levelText(level, ctx);
    const responseTarget = target(ctx, `${p}.responseTarget`, t.response, level.line, 'Response Time', of);
    const resolutionTarget = target(ctx, `${p}.resolutionTarget`, t.resolution, level.line, 'Resolution Time', of);
    if (responseTarget.value && resolutionTarget.value && parseDuration(resolutionTarget.value) < parseDuration(responseTarget.value)) {
      ctx.warn(t.resolution?.line ?? level.line, `the severity "${of}" must be resolved (${t.resolution?.text}) before it must be responded to (${t.response?.text})`, 'Check the two targets: the resolution target is normally the longer one.');
    }
    const pageWithin = t.escalation ? withinDuration(t.escalation.text) : undefined;
    if (t.escalation && !pageWithin && /immediate/i.test(t.escalation.text)) {
      ctx.warn(t.escalation.line, `"${t.escalation.text}" gives no number, so no paging deadline is set for ${of}`, 'Write "within 5 minutes" (your number) if paging has a deadline.');
    }
    if (pageWithin && t.escalation) ctx.usedTime(t.escalation.line, pageWithin);
    const updates: Severity['updateCadences'] = [];
    if (t.updates) {
      const c: TimePhrase | undefined = cadenceIn(t.updates.text, Boolean(level.row));
      const at = t.updates.line + (c ? lineAt(t.updates.text, c.index, 0) : 0);
      if (c) ctx.usedTime(at, c.stated);
      if (c?.value) {
        updates.push({ audience: 'updates', every: c.value });
        ctx.at(`${p}.updateCadences[0]`, at, true);
      } else {
        ctx.missing(`${p}.updateCadences`, at, [], `update cadence of ${of}`, `The document says "${t.updates.text}", which is not a repeating interval: fill in how often updates go out (e.g. "1h"), or leave it empty for no update clock.`, t.updates.text);
      }
    }
    out.push({
      id: ctx.at(`${p}.id`, level.line, planId(level.id)),
      rank: i,
      name: ctx.at(`${p}.name`, level.line, level.name),
      label: ctx.at(`${p}.label`, level.line, level.label),
      definition: t.definition ? ctx.at(`${p}.definition`, t.definition.line, t.definition.text) : ctx.missing(`${p}.definition`, level.line, '', `definition of ${of}`, 'Say what makes an incident this severe.'),
      examples: t.examples ? ctx.texts(`${p}.examples`, t.examples) : [],
      responseTarget: responseTarget.value,
      responseTargetText: responseTarget.text ? ctx.at(`${p}.responseTargetText`, (t.response as Stated).line, responseTarget.text) : ctx.missing(`${p}.responseTargetText`, level.line, '', `response time wording of ${of}`, 'How the plan words the response time, e.g. "< 15 minutes".'),
      resolutionTarget: resolutionTarget.value,
      escalation: t.escalation ? ctx.at(`${p}.escalation`, t.escalation.line, t.escalation.text) : ctx.missing(`${p}.escalation`, level.line, '', `escalation of ${of}`, 'Who is paged or told at this level, e.g. "Page the on-call engineer".'),
      ...(pageWithin ? { pageWithin: ctx.at(`${p}.pageWithin`, (t.escalation as Stated).line, pageWithin) } : {}),
      escalationChecklist: [],
      updateCadences: updates,
      signals: [],
    });
    own.push(t.checklist);
  });
  return { severities: out, own };
}
