// Finds the document's severity scale wherever and however it is written: a heading per level (at any depth), a
// table (GFM or HTML) with a row per level, or a list of "**Critical** – ..." / "SEV1: ..." items. Each candidate
// is scored (levels found, a "severity" heading or column above it); the best one is the scale, a second one
// (a priority table beside the severity table) is reported, never merged.
import type { Code, List, RootContent } from 'mdast';
import { clean, inlineText, itemLines, lineOf, type Section } from './tree';
import { tablesOf, type Cell, type Table } from './tables';

/** "P0", "SEV-1", "S2", "Sev 3", "Level 1", "Priority 2", "~severity::1". */
const ID = /^(?:~?[a-z]+::\d+|(?:P|S|SEV|Sev|Severity|Level|L|Priority|Prio)[\s-]?\d+)$/i;
const ID_IN = /\b(P\d+|SEV-?\d+|S\d+|Sev[\s-]?\d+|Level[\s-]?\d+|L\d+|Priority[\s-]?\d+)\b/gi;
/** Level names of the common schemes, most severe first (the index is how severe). */
const WORDS: [RegExp, number][] = [
  [/^(critical|emergency|urgent|immediate|catastrophic)$/i, 0],
  [/^(high|major|severe)$/i, 1],
  [/^(medium|moderate|significant|elevated)$/i, 2],
  [/^(low|minor)$/i, 3],
  [/^(cosmetic|trivial|informational|info|eventually|lowest)$/i, 4],
];
const SCALE_TITLE = /severit|priorit|incident levels|classification|impact level|levels?$/i;

export interface LevelSource {
  /** The identifier as written ("SEV-1", "1", "~severity::1"). */
  id: string;
  name: string;
  /** How the level reads in the plan: the heading, or "Critical (~severity::1)". */
  label: string;
  line: number;
  /** One of: a heading section, a table row, a list item (with its definition text). */
  section?: Section;
  row?: { table: Table; cells: Cell[]; keys: number[] };
  text?: { value: string; line: number };
}

export interface Scale {
  levels: LevelSource[];
  /** The section the scale sits in (or the whole document). */
  in: Section;
  /** A table or list, when the levels are not sections of their own. */
  table?: Table;
  line: number;
}

export const wordRank = (name: string): number | undefined => WORDS.find(([re]) => re.test(name.trim()))?.[1];

/** A heading or cell that names a level: an id, a level word, or "1 - High Severity". */
export function levelOf(text: string): { id: string; name: string } | undefined {
  const t = clean(text).replace(/[*_`]/g, '');
  const ids = [...t.matchAll(ID_IN)].map((m) => m[1] as string);
  if (ID.test(t)) return { id: t, name: t };
  const numbered = /^(\d+)\s*[-–—:.)]\s*(.+)$/.exec(t);
  if (numbered && /severit|priorit|level|\b(critical|high|medium|moderate|low|minor|major)\b/i.test(numbered[2] as string)) return { id: numbered[1] as string, name: clean(numbered[2] as string) };
  const last = ids.at(-1);
  if (last) {
    const paren = /\(([^)]+)\)/.exec(t)?.[1];
    const rest = clean(t.replace(last, '').replace(/^[\s\-–—:|]+|[\s\-–—:|]+$/g, ''));
    return { id: last, name: paren ? clean(paren) : rest || last };
  }
  const word = /^([A-Za-z]+)(?:\s+(?:severity|priority|impact|incidents?))?$/i.exec(t);
  if (word && wordRank(word[1] as string) !== undefined) return { id: word[1] as string, name: t };
  return undefined;
}

function fromHeadings(section: Section): Scale | undefined {
  const levels = section.children.flatMap((c): LevelSource[] => {
    const l = levelOf(c.title);
    return l ? [{ ...l, label: c.title, line: c.line, section: c }] : [];
  });
  // One level is a scale only under a heading that says so ("## Incident Severity Levels").
  const min = /severit|priorit/i.test(section.title) ? 1 : 2;
  if (levels.length < min || levels.length < section.children.length / 2) return undefined;
  return { levels, in: section, line: section.line };
}

function fromTable(section: Section, table: Table): Scale | undefined {
  const width = Math.max(table.header.length, ...table.rows.map((r) => r.cells.length));
  // The column whose cells name levels (ids first), and a second one with level words as the name.
  const score = (k: number) => table.rows.filter((r) => r.cells[k] && levelOf(r.cells[k].text)).length;
  const idCol = [...Array(width).keys()].filter((k) => table.rows.some((r) => r.cells[k] && ID.test(clean(r.cells[k].text).replace(/^\\/, '')))).sort((a, b) => score(b) - score(a))[0];
  const nameCol = [...Array(width).keys()].find((k) => k !== idCol && table.rows.filter((r) => r.cells[k] && wordRank(r.cells[k].text) !== undefined).length >= 2);
  const keyCol = idCol ?? nameCol;
  if (keyCol === undefined) return undefined;
  const levels = table.rows.flatMap((r): LevelSource[] => {
    const key = r.cells[keyCol];
    if (!key) return [];
    const id = clean(key.text).replace(/^\\/, '');
    if (!levelOf(id)) return [];
    const named = nameCol !== undefined ? clean(r.cells[nameCol]?.text ?? '') : '';
    const typed = table.header.findIndex((h) => /^(type|name)$/i.test(h));
    const name = named || (typed >= 0 ? clean(r.cells[typed]?.text ?? '') : '') || (levelOf(id)?.name ?? id);
    const label = name === id ? id : idCol !== undefined && nameCol !== undefined && nameCol < idCol ? `${name} (${id})` : `${id} - ${name}`;
    return [{ id, name, label, line: r.line, row: { table, cells: r.cells, keys: [keyCol, nameCol ?? -1, typed] } }];
  });
  if (levels.length < 2) return undefined;
  return { levels, in: section, table, line: table.line };
}

/** "**Critical** – text", "SEV1: text", "P1 - text", "High: text": one level per item with its definition. */
function fromItems(section: Section, items: { text: string; line: number; bold?: string }[], line: number): Scale | undefined {
  const levels = items.flatMap((it): LevelSource[] => {
    const m = it.bold !== undefined ? [it.text, it.bold, it.text.slice(it.bold.length)] : /^([^:–—]{1,40}?)\s*(?:[:–—]|\s-\s)\s*(.*)$/.exec(it.text);
    if (!m) return [];
    const head = clean(m[1] as string);
    const l = levelOf(head);
    const rest = clean((m[2] as string).replace(/^[\s:–—-]+/, ''));
    return l && rest ? [{ ...l, label: head, line: it.line, text: { value: rest, line: it.line } }] : [];
  });
  return levels.length >= 2 && levels.length === items.length ? { levels, in: section, line } : undefined;
}

function listItems(list: List) {
  return list.children.map((item) => {
    const [first] = itemLines(item);
    const para = item.children.find((c) => c.type === 'paragraph');
    const bold = para?.type === 'paragraph' && para.children[0]?.type === 'strong' ? clean(inlineText(para.children[0])) : undefined;
    const all = para?.type === 'paragraph' ? clean(inlineText(para)) : first?.text ?? '';
    return { text: all, line: first?.line ?? lineOf(item), ...(bold !== undefined ? { bold } : {}) };
  });
}

/** Roman-numbered items indented as code by a pandoc-style document ("    i. High: ..."): a list, not code. */
function pandocItems(code: Code, source: string[]): { text: string; line: number }[] | undefined {
  const start = lineOf(code);
  if ((source[start - 1] ?? '').trimStart().startsWith('```') || (source[start - 1] ?? '').trimStart().startsWith('~~~')) return undefined;
  const lines = code.value.split('\n').map((l, i) => ({ text: l.trim(), line: start + i })).filter((l) => l.text);
  const items = lines.filter((l) => /^(?:[ivx]+|[a-z])\.\s+/i.test(l.text)).map((l) => ({ text: l.text.replace(/^(?:[ivx]+|[a-z])\.\s+/i, ''), line: l.line }));
  return items.length && items.length === lines.length ? items : undefined;
}

function candidates(section: Section, source: string[]): Scale[] {
  const out: Scale[] = [];
  const byHeadings = fromHeadings(section);
  if (byHeadings) out.push(byHeadings);
  for (const table of tablesOf(section.blocks)) {
    const t = fromTable(section, table);
    if (t) out.push(t);
  }
  const blocks: RootContent[] = section.blocks;
  const pandoc: { text: string; line: number }[] = [];
  for (const b of blocks) {
    if (b.type === 'list') {
      const s = fromItems(section, listItems(b), lineOf(b));
      if (s) out.push(s);
    }
    if (b.type === 'code') pandoc.push(...(pandocItems(b, source) ?? []));
  }
  // comply's "i. High: ..." items sit in several code blocks (a blank line between each): read them together.
  for (let i = 0; i + 1 < pandoc.length; i++) {
    const run = [pandoc[i] as { text: string; line: number }];
    while (i + 1 < pandoc.length && (pandoc[i + 1] as { line: number }).line - (pandoc[i] as { line: number }).line <= 2) run.push(pandoc[++i] as { text: string; line: number });
    const s = run.length >= 2 ? fromItems(section, run, (run[0] as { line: number }).line) : undefined;
    if (s) out.push(s);
  }
  for (const c of section.children) out.push(...candidates(c, source));
  return out;
}

const weight = (s: Scale): number => {
  const title = s.in.title;
  const named = /severit/i.test(title) ? 4 : SCALE_TITLE.test(title) ? 2 : 0;
  const header = s.table?.header.some((h) => /severit/i.test(h)) ? 3 : 0;
  const priority = /priorit|urgency/i.test(title) || s.table?.header.some((h) => /urgency|priorit/i.test(h)) ? -1 : 0;
  return s.levels.length + named + header + priority;
};

/** The document's severity scale, and any other scale it also has (reported, not read). */
export function findScale(top: Section, text: string): { scale?: Scale; others: Scale[] } {
  const all = candidates(top, text.split('\n'));
  const sorted = [...all].sort((a, b) => weight(b) - weight(a) || a.line - b.line);
  const [scale, ...rest] = sorted;
  return { scale, others: rest.filter((s) => s.levels.length >= 2 && s.in !== scale?.in && !s.levels.some((l) => scale?.levels.includes(l))) };
}

/** Most severe first: by the level words when every level has one, else by the number in the id, else as written. */
export function orderLevels(levels: LevelSource[]): LevelSource[] {
  const words = levels.map((l) => wordRank(l.name) ?? wordRank(l.id));
  if (words.every((w) => w !== undefined) && new Set(words).size === words.length) return levels.map((l, i) => ({ l, k: words[i] as number })).sort((a, b) => a.k - b.k).map((x) => x.l);
  const nums = levels.map((l) => /(\d+)/.exec(l.id)?.[1]);
  if (nums.every((n) => n !== undefined)) return levels.map((l, i) => ({ l, k: Number(nums[i]) })).sort((a, b) => a.k - b.k).map((x) => x.l);
  return levels;
}

/** The plan's key for a level: the id as written where it is letters, digits and dashes ("~severity::1" -> "severity-1"). */
export const planId = (id: string): string => id.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'level';

