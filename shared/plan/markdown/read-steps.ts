// Reads the response steps (or phases): each step's checklists, from sub-headings, bold lead-ins, lists and code blocks.
import type { RootContent } from 'mdast';
import type { Step } from '../schema';
import { uniqueIds, type ReadContext } from './context';
import { clean, listItems, paragraphLines, type Item, type Line, type Section } from './tree';
import { severityIdIn } from './read-severities';
import { slug } from './values';
import { DUE, stepTitle } from './find-steps';
import { timesIn } from './times';

/** A checklist as read, its items with their lines, for the readers that take values out of steps. */
export interface ReadList {
  title: string;
  line: number;
  items: Item[];
  /** Plan path of the section ("steps[5].sections[1]"). */
  path: string;
}

export interface ReadStep {
  step: Step;
  heading: Section;
  lists: ReadList[];
  /** Bold lead-in lines ("**Within 24 hours of resolution**:"), which carry timers. */
  leadIns: Line[];
  /** Escalation checklists by severity id, when this step holds one per level. */
  escalation: Map<string, { line: number; items: Item[] }>;
}

/** "1. Page on-call engineer" lines of a fenced block, as items. */
function codeItems(block: RootContent & { type: 'code' }): Item[] {
  const first = (block.position?.start.line ?? 0) + 1;
  return block.value.split('\n').flatMap((raw, i) => {
    const text = clean(raw.replace(/^\s*(?:\d+[.)]|[-*+])\s+/, ''));
    return text ? [{ text, value: text, line: first + i }] : [];
  });
}

/** Lists of one run of blocks. `open` is the list a sub-heading started, which bare items join. */
function walk(blocks: RootContent[], open: ReadList | undefined, out: ReadList[], leadIns: Line[], stepTitle: string, line: number, readCode = false) {
  let pending: Line | undefined;
  const start = (title: string, at: number): ReadList => {
    const list = { title, line: at, items: [] as Item[], path: '' };
    out.push(list);
    return list;
  };
  let current = open;
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const last = paragraphLines(block).at(-1);
      if (last && last.text.endsWith(':') && block.children[0]?.type === 'strong') {
        pending = { ...last, text: last.text.replace(/:$/, '').trim() };
        leadIns.push(pending);
      }
      continue;
    }
    // Code blocks are examples, except the one list a per-level escalation heading holds ("#### P0 Incident" + a fence).
    const items = block.type === 'list' ? listItems(block) : block.type === 'code' && readCode ? codeItems(block) : [];
    if (!items.length) continue;
    if (items.some((it) => it.nested)) {
      // "1. **Gather Information**" with bullets under it: each numbered item is a checklist of its own.
      for (const it of items) start(it.text, it.line).items.push(...(it.nested ? listItems(it.nested) : []));
      pending = undefined;
      current = undefined;
    } else if (pending) {
      current = start(pending.text, pending.line);
      current.items.push(...items);
      pending = undefined;
    } else {
      current ??= start(stepTitle, line);
      current.items.push(...items);
    }
  }
}

function dueOf(heading: Section, ctx: ReadContext): { value: string; line: number } | undefined {
  for (const b of heading.blocks) {
    // A bold lead-in ("**Fix Release Day** (Completed within 1-21 days)") times a part of the step, not the step.
    if (b.type !== 'paragraph' || b.children[0]?.type === 'strong') continue;
    for (const l of paragraphLines(b)) {
      if (!DUE.test(l.text)) continue;
      const phrase = timesIn(l.text).find((p) => p.value && !p.frequency && l.text.slice(0, p.index).search(/\bwithin\b/i) >= 0);
      if (phrase?.value) {
        ctx.usedTime(l.line, phrase.stated);
        return { value: phrase.value, line: l.line };
      }
    }
  }
  return undefined;
}

export function readSteps(headings: Section[], ctx: ReadContext, taken: Set<Section> = new Set()): ReadStep[] {
  const stepIds = uniqueIds();
  return headings.map((heading, i): ReadStep => {
    const p = `steps[${i}]`;
    const named = stepTitle(heading.title);
    const title = named.title;
    if (heading.blocks.length === 0 && heading.children.length === 0) {
      ctx.warn(heading.line, `the step heading "${heading.title}" has no content`, 'Add the step\'s checklist under the heading, or remove the heading.');
    }
    const lists: ReadList[] = [];
    const leadIns: Line[] = [];
    const escalation = new Map<string, { line: number; items: Item[] }>();
    // A step whose sub-headings name the severities ("#### P0 Incident") holds the escalation checklists.
    const perLevel = heading.children.length > 0 && heading.children.every((c) => severityIdIn(c.title));
    if (perLevel) {
      for (const c of heading.children) {
        const read: ReadList[] = [];
        walk(c.blocks, undefined, read, [], c.title, c.line, true);
        escalation.set(severityIdIn(c.title) as string, { line: c.line, items: read.flatMap((r) => r.items) });
      }
    } else {
      walk(heading.blocks, undefined, lists, leadIns, title, heading.line);
      for (const c of heading.children.filter((x) => !taken.has(x))) {
        const list: ReadList = { title: c.title, line: c.line, items: [], path: '' };
        lists.push(list);
        walk(c.blocks, list, lists, leadIns, c.title, c.line);
        if (!list.items.length) lists.splice(lists.indexOf(list), 1);
      }
    }
    const due = dueOf(heading, ctx);
    const first = heading.blocks[0];
    const summaryLine = first?.type === 'paragraph' && first.children[0]?.type !== 'strong' ? paragraphLines(first)[0] : undefined;
    const sectionIds = uniqueIds();
    const step: Step = {
      id: ctx.at(`${p}.id`, heading.line, stepIds(slug(title))),
      number: ctx.at(`${p}.number`, heading.line, named.number ?? i + 1),
      title: ctx.at(`${p}.title`, heading.line, title),
      summary: summaryLine && !summaryLine.text.endsWith(':')
        ? ctx.at(`${p}.summary`, summaryLine.line, summaryLine.text)
        : ctx.missing(`${p}.summary`, heading.line, '', `summary of step "${title}"`, 'Add a one-line paragraph under the step heading saying what the step is for, or fill it here.'),
      usesSeverityEscalation: perLevel,
      ...(due ? { dueWithin: ctx.at(`${p}.dueWithin`, due.line, due.value) } : {}),
      sections: lists.map((list, j) => {
        list.path = `${p}.sections[${j}]`;
        const itemIds = uniqueIds();
        return {
          id: ctx.at(`${list.path}.id`, list.line, sectionIds(slug(list.title))),
          title: ctx.at(`${list.path}.title`, list.line, list.title),
          items: list.items.map((it, k) => ({
            id: ctx.at(`${list.path}.items[${k}].id`, it.line, itemIds(slug(it.text).slice(0, 48).replace(/-+$/, ''))),
            text: ctx.at(`${list.path}.items[${k}].text`, it.line, it.text),
          })),
        };
      }),
    };
    return { step, heading, lists, leadIns, escalation };
  });
}
