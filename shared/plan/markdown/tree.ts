// The document as nested sections (a heading, the blocks under it, its sub-headings) and the inline reading helpers.
import type { List, ListItem, Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';

export interface Section {
  title: string;
  depth: number;
  line: number;
  /** The blocks between this heading and the next heading of any depth. */
  blocks: RootContent[];
  children: Section[];
}

export const lineOf = (node: Nodes | undefined, fallback = 1): number => node?.position?.start.line ?? fallback;

/** Plain text of inline content (bold, code, links flattened; hard breaks become spaces). */
export function inlineText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'break') return ' ';
  if ('children' in node) return (node.children as Nodes[]).map(inlineText).join('');
  return '';
}

export const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A synthetic root section holding the whole document; headings nest by depth. */
export function sectionsOf(root: Root): Section {
  const top: Section = { title: '', depth: 0, line: 1, blocks: [], children: [] };
  const stack: Section[] = [top];
  for (const node of root.children) {
    if (node.type === 'heading') {
      while ((stack.at(-1) as Section).depth >= node.depth) stack.pop();
      const section: Section = { title: clean(inlineText(node)), depth: node.depth, line: lineOf(node), blocks: [], children: [] };
      (stack.at(-1) as Section).children.push(section);
      stack.push(section);
    } else if (node.type !== 'thematicBreak') {
      (stack.at(-1) as Section).blocks.push(node);
    }
  }
  return top;
}

export const isEmptySection = (s: Section) => s.blocks.length === 0 && s.children.length === 0;

export interface Line {
  /** The bold lead ("Response Time" in "**Response Time**: < 15 minutes"), when the line starts with one. */
  label?: string;
  /** The rest after the label and its colon, or the whole line. */
  value: string;
  /** The whole line as plain text. */
  text: string;
  line: number;
}

/** A paragraph's lines (split at hard and soft breaks), each with its bold label if it starts with one. */
export function paragraphLines(paragraph: Paragraph): Line[] {
  const groups: PhrasingContent[][] = [[]];
  for (const child of paragraph.children) {
    if (child.type === 'break') groups.push([]);
    else if (child.type === 'text' && child.value.includes('\n')) {
      const parts = child.value.split('\n');
      parts.forEach((part, i) => {
        if (i > 0) groups.push([]);
        if (part) (groups.at(-1) as PhrasingContent[]).push({ ...child, value: part });
      });
    } else (groups.at(-1) as PhrasingContent[]).push(child);
  }
  const startLine = lineOf(paragraph);
  return groups
    .map((nodes, i) => lineFrom(nodes, nodes[0]?.position?.start.line ?? startLine + i))
    .filter((l) => l.text !== '');
}

function lineFrom(nodes: PhrasingContent[], line: number): Line {
  const text = clean(nodes.map(inlineText).join(''));
  const first = nodes[0];
  if (first?.type === 'strong') {
    const label = clean(inlineText(first)).replace(/:$/, '');
    const rest = clean(nodes.slice(1).map(inlineText).join(''));
    if (rest.startsWith(':')) return { label, value: clean(rest.slice(1)), text, line };
    if (first && inlineText(first).trim().endsWith(':')) return { label, value: rest, text, line };
  }
  return { value: text, text, line };
}

/** "**Label**: value" lines of a section's paragraphs and bullet items, by label. */
export function fieldsOf(blocks: RootContent[]): Map<string, Line> {
  const out = new Map<string, Line>();
  const add = (l: Line) => {
    if (l.label !== undefined && !out.has(l.label.toLowerCase())) out.set(l.label.toLowerCase(), l);
  };
  for (const block of blocks) {
    if (block.type === 'paragraph') paragraphLines(block).forEach(add);
    if (block.type === 'list') for (const item of block.children) itemLines(item).slice(0, 1).forEach(add);
  }
  return out;
}

/** Every "**Label**: value" line, repeats included (to find conflicting statements). */
export function allFields(blocks: RootContent[]): Line[] {
  const out: Line[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph') out.push(...paragraphLines(block).filter((l) => l.label !== undefined));
    if (block.type === 'list') for (const item of block.children) out.push(...itemLines(item).slice(0, 1).filter((l) => l.label !== undefined));
  }
  return out;
}

/** The lines of a list item's own paragraph (its nested lists excluded). */
export function itemLines(item: ListItem): Line[] {
  const paragraph = item.children.find((c): c is Paragraph => c.type === 'paragraph');
  return paragraph ? paragraphLines(paragraph) : [];
}

export interface Item extends Line {
  nested?: List;
}

/** A list's items as lines (a leading ✅ or [ ] mark dropped), with any nested list kept. */
export function listItems(list: List): Item[] {
  return list.children.map((item) => {
    // The item's whole paragraph: an item soft-wrapped over several source lines is one value, never cut.
    const paragraph = item.children.find((c): c is Paragraph => c.type === 'paragraph');
    const base: Line = paragraph ? lineFrom(paragraph.children.map((c) => (c.type === 'break' ? { type: 'text', value: ' ' } : c)), lineOf(paragraph)) : { value: '', text: '', line: lineOf(item) };
    const strip = (s: string) => s.replace(/^(✅|☑|✔|\[[ xX]\])\s*/u, '');
    const nested = item.children.find((c): c is List => c.type === 'list');
    return { ...base, text: strip(base.text), value: strip(base.value), ...(nested ? { nested } : {}) };
  }).filter((item) => item.text !== '' || item.nested); // "* <!-- TODO -->": an item with nothing in it is no item
}

/** The first list among the blocks after index `from`, if no other paragraph stands between. */
export function listAfter(blocks: RootContent[], from: number): List | undefined {
  const next = blocks[from + 1];
  return next?.type === 'list' ? next : undefined;
}

/** Finds a direct child section whose title matches. */
export const child = (s: Section, pattern: RegExp) => s.children.find((c) => pattern.test(c.title));

/** The labelled list under a "**Label**:" paragraph ("**Examples**:" then bullets), by label. */
export function labelledLists(blocks: RootContent[]): Map<string, { line: number; items: Item[] }> {
  const out = new Map<string, { line: number; items: Item[] }>();
  blocks.forEach((block, i) => {
    if (block.type !== 'paragraph') return;
    const lines = paragraphLines(block);
    const last = lines.at(-1);
    const list = listAfter(blocks, i);
    if (last?.label !== undefined && last.value === '' && list) out.set(last.label.toLowerCase(), { line: last.line, items: listItems(list) });
  });
  return out;
}
