// The document's front matter (YAML between "---" lines, as Hugo, Jekyll, mkdocs and Docusaurus write it, or
// strongDM comply's variant without the opening "---"): read for the plan's name, never as plan content.
import type { Root } from 'mdast';
import { parse as parseYaml } from 'yaml';

export interface FrontMatter {
  /** The keys of the YAML mapping; empty when it is not a mapping (or not valid YAML: then it is only skipped). */
  data: Record<string, unknown>;
  /** The last line of the front matter (1-based). */
  endLine: number;
}

function mapping(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = parseYaml(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * comply's policies open with "name: ..." lines and close the block with "---" (no opening fence). Returns the
 * number of lines it takes when the lines before the first "---" are a YAML mapping of plain keys.
 */
export function unfencedFrontMatter(text: string): number | undefined {
  const lines = text.split('\n', 80);
  if (!/^[A-Za-z_][\w-]*:(\s|$)/.test(lines[0] ?? '')) return undefined;
  const close = lines.findIndex((l) => l.trim() === '---');
  if (close < 1) return undefined;
  return mapping(lines.slice(0, close).join('\n')) ? close + 1 : undefined;
}

/** The YAML node micromark-extension-frontmatter left at the start of the tree, parsed and removed. */
export function takeFrontMatter(root: Root, unfencedLines: number | undefined, text: string): FrontMatter | undefined {
  const first = root.children[0];
  if (first?.type === 'yaml') {
    root.children.shift();
    return { data: mapping(first.value) ?? {}, endLine: first.position?.end.line ?? 1 };
  }
  if (unfencedLines === undefined) return undefined;
  return { data: mapping(text.split('\n').slice(0, unfencedLines - 1).join('\n')) ?? {}, endLine: unfencedLines };
}

/** The front matter's name for the document: title, then name. */
export function frontMatterTitle(fm: FrontMatter | undefined): string | undefined {
  for (const key of ['title', 'name']) {
    const v = fm?.data[key];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return undefined;
}
