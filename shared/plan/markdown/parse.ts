// Markdown text -> mdast tree (CommonMark + GFM tables), refusing what is not a plan document before parsing it.
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { ImportProblem } from './problems';

/** A response plan is a few dozen kilobytes; 2 MB leaves room for any real one and keeps parsing quick. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export type ParseResult = { ok: true; root: Root } | { ok: false; problems: ImportProblem[] };

const refuse = (line: number, message: string, fix: string): ParseResult => ({
  ok: false,
  problems: [{ level: 'error', line, message, fix }],
});

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Size is judged in UTF-8 bytes, as the file on disk; `byteLength` lets the caller refuse before reading. */
export function checkSize(byteLength: number): ImportProblem | undefined {
  if (byteLength <= MAX_DOCUMENT_BYTES) return undefined;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return {
    level: 'error',
    line: 1,
    message: `the file is ${mb(byteLength)} MB; a plan document is at most ${mb(MAX_DOCUMENT_BYTES)} MB`,
    fix: 'Choose the Markdown plan itself, not an archive or export of something else.',
  };
}

export function parseMarkdown(text: string): ParseResult {
  const tooBig = checkSize(new TextEncoder().encode(text).length);
  if (tooBig) return { ok: false, problems: [tooBig] };
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return refuse(lineOf(text, nul), 'the file is binary (it contains NUL bytes), not Markdown text', 'Choose a .md file saved as UTF-8 text.');
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) return refuse(lineOf(text, bad), 'the file is not UTF-8 text (undecodable bytes)', 'Save the document as UTF-8 and import it again.');
  if (text.trim() === '') return refuse(1, 'the document is empty', 'Choose the Markdown file of your response plan.');
  const root = fromMarkdown(text, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
  return { ok: true, root };
}
