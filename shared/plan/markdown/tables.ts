// Tables as the readers see them, whether the document wrote a GFM table or an HTML <table>: a header row and
// rows of cells, each cell's text with the line it is on. HTML is parsed with hast-util-from-html (parse5), never
// with patterns.
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { Html, RootContent, Table as MdTable } from 'mdast';
import { clean, inlineText, lineOf } from './tree';

export interface Cell {
  text: string;
  /** The cell's parts: its paragraphs and list items (HTML), or its <br>-separated lines (GFM). */
  parts: string[];
  line: number;
}

export interface Table {
  header: string[];
  rows: { cells: Cell[]; line: number }[];
  line: number;
}

/** "<br>" inside a GFM cell is a line break the author wrote: keep the parts apart. */
function gfmCell(cell: MdTable['children'][number]['children'][number]): Cell {
  const parts: string[][] = [[]];
  for (const child of cell.children) {
    if (child.type === 'html' && /^<br\s*\/?>$/i.test(child.value.trim())) parts.push([]);
    else (parts.at(-1) as string[]).push(inlineText(child));
  }
  const texts = parts.map((p) => clean(p.join(''))).filter(Boolean);
  return { text: texts.join(' '), parts: texts, line: lineOf(cell) };
}

function fromGfm(table: MdTable): Table {
  const [head, ...rows] = table.children;
  return {
    header: (head?.children ?? []).map((c) => gfmCell(c).text),
    rows: rows.map((r) => ({ cells: r.children.map(gfmCell), line: lineOf(r) })),
    line: lineOf(table),
  };
}

const isElement = (n: ElementContent | HastRoot['children'][number]): n is Element => n.type === 'element';
const elements = (n: Element | HastRoot, tag: string): Element[] => {
  const out: Element[] = [];
  const walk = (node: Element | HastRoot) => {
    for (const c of node.children) {
      if (!isElement(c)) continue;
      if (c.tagName === tag) out.push(c);
      else walk(c);
    }
  };
  walk(n);
  return out;
};

function htmlCell(cell: Element, base: number): Cell {
  const blocks = [...elements(cell, 'p'), ...elements(cell, 'li')];
  const parts = blocks.length ? blocks.map((b) => clean(toText(b))) : [clean(toText(cell))];
  return { text: clean(toText(cell)), parts: parts.filter(Boolean), line: base + (cell.position?.start.line ?? 1) - 1 };
}

function fromHtmlNode(node: Html): Table[] {
  const base = lineOf(node);
  const tree = fromHtml(node.value, { fragment: true });
  return elements(tree, 'table').map((table) => {
    const rows = elements(table, 'tr');
    const headerRow = rows.find((r) => elements(r, 'th').length > 0);
    const body = rows.filter((r) => r !== headerRow);
    return {
      header: headerRow ? elements(headerRow, 'th').map((c) => clean(toText(c))) : [],
      rows: body.map((r) => ({
        cells: r.children.filter(isElement).filter((c) => c.tagName === 'td' || c.tagName === 'th').map((c) => htmlCell(c, base)),
        line: base + (r.position?.start.line ?? 1) - 1,
      })),
      line: base + (table.position?.start.line ?? 1) - 1,
    };
  });
}

/** The tables among a section's blocks, GFM or HTML, in document order. */
export function tablesOf(blocks: RootContent[]): Table[] {
  return blocks.flatMap((b) => (b.type === 'table' ? [fromGfm(b)] : b.type === 'html' && /<table\b/i.test(b.value) ? fromHtmlNode(b) : []));
}

/** The index of the first column whose header matches. */
export const column = (table: Table, pattern: RegExp): number => table.header.findIndex((h) => pattern.test(h));
