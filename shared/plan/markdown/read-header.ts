// Reads the plan's title, the "**Last Updated**"-style fields at the top (and the closing version block), and the overview.
import type { ReadContext } from './context';
import { allFields, paragraphLines, type Section } from './tree';
import { placeholderIn } from './values';

export interface Header {
  name: string;
  organisation: string;
  version: string;
  lastUpdated: string;
  scope: string;
  overview: string;
}

const FIELDS: { key: Exclude<keyof Header, 'name' | 'overview'>; labels: RegExp; fix: string }[] = [
  { key: 'organisation', labels: /^(organisation|organization|company)$/i, fix: 'Add "**Organisation**: Your Company" under the title, or fill it here.' },
  { key: 'version', labels: /^(document )?version$/i, fix: 'Add "**Document Version**: 1.0" (yours) at the top or the end.' },
  { key: 'lastUpdated', labels: /^last updated$/i, fix: 'Add "**Last Updated**: <date>" under the title.' },
  { key: 'scope', labels: /^scope$/i, fix: 'Add "**Scope**: <what the plan covers>" under the title.' },
];

/** `blocks` are the title's own blocks and the closing block; `overview` the Overview section, if any. */
export function readHeader(title: Section | undefined, closing: Section[], overview: Section | undefined, ctx: ReadContext, name?: { value: string; line: number }): Header {
  const lines = [title, ...closing].flatMap((s) => (s ? allFields(s.blocks) : []));
  const at = title?.line ?? 1;
  const out = {
    name: !name ? ctx.missing('name', 1, '', 'plan name', 'The document has no title: name the plan.')
      // A template's title ("Incident Response Plan for `COMPANY_NAME`") is no name to run incidents under.
      : placeholderIn(name.value) ? ctx.missing('name', name.line, '', 'plan name', `The title holds the template's placeholder ${placeholderIn(name.value) ?? ''}: name the plan.`, name.value)
        : ctx.at('name', name.line, name.value),
  } as Header;
  for (const f of FIELDS) {
    const found = lines.filter((l) => f.labels.test(l.label ?? ''));
    const [first] = found;
    const other = found.find((l) => l.value !== first?.value);
    if (first && other) ctx.warn(other.line, `"${other.label}" is "${first.value}" on line ${first.line} but "${other.value}" on line ${other.line}`, 'Make the two lines agree.');
    out[f.key] = first ? ctx.at(f.key, first.line, first.value) : ctx.missing(f.key, at, '', f.key === 'lastUpdated' ? 'last updated' : f.key, f.fix);
  }
  const paragraphs = overview?.blocks.flatMap((b) => (b.type === 'paragraph' ? [paragraphLines(b)] : [])) ?? [];
  const first = paragraphs[0]?.[0];
  out.overview = first
    ? ctx.at('overview', first.line, paragraphs.map((p) => p.map((l) => l.text).join(' ')).join('\n\n'))
    : ctx.missing('overview', overview?.line ?? at, '', 'overview', 'Add a "## Overview" section with a paragraph on what the plan is for.');
  return out;
}
