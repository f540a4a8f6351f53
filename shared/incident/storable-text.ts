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

/** The first string (depth first, in key order) that cannot be stored, or the first value nested too deeply. */
export function findUnstorable(value: unknown, maxDepth = MAX_NESTING): UnstorableFound | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; path: string; depth: number };
    const v = item.value;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) return { path: item.path, problem };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (item.depth >= maxDepth) return { path: item.path, problem: 'depth' };
    const children: Array<{ value: unknown; path: string; depth: number }> = [];
    if (Array.isArray(v)) {
      v.forEach((child, i) => children.push({ value: child, path: `${item.path}[${i}]`, depth: item.depth + 1 }));
    } else {
      for (const [key, child] of Object.entries(v)) {
        const problem = textProblem(key);
        const path = item.path ? `${item.path}.${key}` : key;
        if (problem) return { path: item.path ? `${item.path}.${JSON.stringify(key)}` : JSON.stringify(key), problem };
        children.push({ value: child, path, depth: item.depth + 1 });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as { value: unknown; path: string; depth: number });
  }
  return null;
}
