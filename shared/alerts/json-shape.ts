// Checks on untrusted JSON before any schema walks it: bounded depth (no stack overflow later), no NUL
// characters and no lone UTF-16 surrogates (PostgreSQL's jsonb refuses both), each reported with its path.

export const MAX_JSON_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badString(s: string): string | undefined {
  if (s.includes('\u0000')) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(s)) return 'holds a lone UTF-16 surrogate (not valid Unicode text)';
  return undefined;
}

const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** The first problem found, or undefined when the value is safe to validate and store. */
export function checkJsonShape(value: unknown, maxDepth = MAX_JSON_DEPTH): { path: string; message: string } | undefined {
  // Iterative, so a hostile nesting depth cannot overflow this check itself.
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof v === 'string') {
      const problem = badString(v);
      if (problem) return { path, message: problem };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return { path, message: `nested deeper than ${maxDepth} levels` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: join(path, i), depth: depth + 1 });
    } else {
      for (const [k, item] of Object.entries(v).reverse()) {
        const problem = badString(k);
        if (problem) return { path: join(path, k), message: `key ${problem}` };
        stack.push({ value: item, path: join(path, k), depth: depth + 1 });
      }
    }
  }
  return undefined;
}
