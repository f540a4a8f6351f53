// Markdown text -> mdast tree (CommonMark + GFM: tables, task lists, strikethrough, autolinks; YAML front matter
// set aside), refusing only what cannot be read: empty, binary, not UTF-8, too big.
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { takeFrontMatter, unfencedFrontMatter, type FrontMatter } from './front-matter';
import type { ImportProblem } from './problems';

/** A response plan is a few dozen kilobytes; 2 MB leaves room for any real one and keeps parsing quick. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export type ParseResult = { ok: true; root: Root; frontMatter?: FrontMatter } | { ok: false; problems: ImportProblem[] };

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

export function parseMarkdown(input: string): ParseResult {
  const tooBig = checkSize(new TextEncoder().encode(input).length);
  if (tooBig) return { ok: false, problems: [tooBig] };
  const nul = input.indexOf('\u0000');
  if (nul >= 0) return refuse(lineOf(input, nul), 'the file is binary (it contains NUL bytes), not Markdown text', 'Choose a .md file saved as UTF-8 text.');
  const bad = input.indexOf('\uFFFD');
  if (bad >= 0) return refuse(lineOf(input, bad), 'the file is not UTF-8 text (undecodable bytes)', 'Save the document as UTF-8 and import it again.');
  if (input.trim() === '') return refuse(1, 'the document is empty', 'Choose the Markdown file of your response plan.');
  // Windows line endings read as Unix ones, so every line number matches the lines the review shows.
  const text = input.replace(/\r\n?/g, '\n');
  // Front matter without its opening fence is blanked (not cut), so the lines after it keep their numbers.
  const unfenced = unfencedFrontMatter(text);
  const body = unfenced === undefined ? text : `${'\n'.repeat(unfenced)}${text.split('\n').slice(unfenced).join('\n')}`;
  const root = fromMarkdown(body, { extensions: [frontmatter(), gfm()], mdastExtensions: [frontmatterFromMarkdown(), gfmFromMarkdown()] });
  const frontMatter = takeFrontMatter(root, unfenced, text);
  return frontMatter ? { ok: true, root, frontMatter } : { ok: true, root };
}
