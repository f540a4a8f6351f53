// Text a database can store: no NUL character, no lone UTF-16 surrogate, and no nesting deeper than a bound.
// The scan is iterative (explicit stack), so a hostile body nested 200,000 levels deep cannot exhaust it.

/** jsonb (and PostgreSQL text) cannot hold U+0000; a lone surrogate is not Unicode and jsonb refuses its escape. */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Deeper than any event or request we define; deeper input is refused before anything else walks it. */
export const MAX_NESTING = 32;

export type TextProblem = 'nul' | 'surrogate' | 'depth';

export interface UnstorableFound {
  path: string;
  problem: TextProblem;
}

/** Why a string cannot be stored, or null when it can. */
export function textProblem(text: string): Exclude<TextProblem, 'depth'> | null {
  const match = UNSTORABLE.exec(text);
  if (!match) return null;
  return match[0] === '\u0000' ? 'nul' : 'surrogate';
}

export function describeTextProblem(problem: TextProblem): string {
  if (problem === 'nul') return 'must not contain a NUL character';
  if (problem === 'surrogate') return 'must be valid Unicode text (contains a lone UTF-16 surrogate)';
  return `is nested too deeply (more than ${MAX_NESTING} levels)`;
}

interface Node {
  value: unknown;
  depth: number;
  parent: Node | null;
  /** The key or index under the parent (undefined at the root). */
  key: string | number | undefined;
}

/** A node's path ("payload.items[2].text"), built only for the node reported (most values have no problem). */
function pathOf(node: Node): string {
  const parts: Array<string | number> = [];
  for (let n: Node | null = node; n && n.key !== undefined; n = n.parent) parts.push(n.key);
  let path = '';
  for (let i = parts.length - 1; i >= 0; i--) {
    const k = parts[i] as string | number;
    path = typeof k === 'number' ? `${path}[${k}]` : path ? `${path}.${k}` : k;
  }
  return path;
}

/** The first string (depth first, in key order) that cannot be stored, or the first value nested too deeply. */
export function findUnstorable(value: unknown, maxDepth = MAX_NESTING): UnstorableFound | null {
  const stack: Node[] = [{ value, depth: 0, parent: null, key: undefined }];
  while (stack.length > 0) {
    const item = stack.pop() as Node;
    const v = item.value;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) return { path: pathOf(item), problem };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (item.depth >= maxDepth) return { path: pathOf(item), problem: 'depth' };
    const depth = item.depth + 1;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth, parent: item, key: i });
    } else {
      const keys = Object.keys(v);
      for (const key of keys) {
        const problem = textProblem(key);
        if (problem) {
          const at = pathOf(item);
          return { path: at ? `${at}.${JSON.stringify(key)}` : JSON.stringify(key), problem };
        }
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push({ value: (v as Record<string, unknown>)[key], depth, parent: item, key });
      }
    }
  }
  return null;
}
