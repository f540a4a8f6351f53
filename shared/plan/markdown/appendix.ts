// The plan data the document's shape has no place for, as a list of JSON-pointer edits on what the body reads as.
// Export writes diff(plan, import(body)); import applies it to import(body): any plan section, present or future,
// round-trips without this module knowing it.
import { z } from 'zod';

export const APPENDIX_FORMAT = 'incident-console/plan-appendix@1';
export const APPENDIX_HEADING = 'Appendix: Plan Data';

export const appendixSchema = z.object({
  format: z.literal(APPENDIX_FORMAT),
  /** JSON pointer (RFC 6901) -> the value the plan has there. */
  set: z.record(z.string().regex(/^\//, 'expected a JSON pointer such as "/severities/0/signals"'), z.unknown()),
  /** Pointers to values the body reads but the plan does not have. */
  unset: z.array(z.string().regex(/^\//, 'expected a JSON pointer')).default([]),
});
export type Appendix = z.infer<typeof appendixSchema>;

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Own properties only: a key such as "toString" must not find Object.prototype's. */
const own = (o: Record<string, Json>, k: string): Json => (Object.hasOwn(o, k) ? o[k] : undefined);
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const pointer = (path: string[]) => path.map((p) => `/${escape(p)}`).join('');

export function parsePointer(ptr: string): string[] {
  return ptr.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** "/severities/0/responseTarget" -> "severities[0].responseTarget", the path form the readers record. */
export function pointerToPath(ptr: string): string {
  return parsePointer(ptr).reduce((out, seg) => (/^\d+$/.test(seg) ? `${out}[${seg}]` : out ? `${out}.${seg}` : seg), '');
}

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => deepEqual(own(a, k), own(b, k)));
  }
  return false;
}

/** The edits that turn `base` into `target`: objects by key, equal-length arrays by index, anything else whole. */
export function diffPlans(target: Json, base: Json): Appendix {
  const set: Record<string, Json> = {};
  const unset: string[] = [];
  const walk = (t: Json, b: Json, path: string[]) => {
    if (deepEqual(t, b)) return;
    if (isObject(t) && isObject(b)) {
      for (const k of new Set([...Object.keys(t), ...Object.keys(b)])) {
        const [tk, bk] = [own(t, k), own(b, k)];
        if (tk === undefined) unset.push(pointer([...path, k]));
        else if (bk === undefined) set[pointer([...path, k])] = tk;
        else walk(tk, bk, [...path, k]);
      }
    } else if (Array.isArray(t) && Array.isArray(b) && t.length === b.length) {
      t.forEach((v, i) => walk(v, b[i], [...path, String(i)]));
    } else set[pointer(path)] = t;
  };
  walk(target, base, []);
  return { format: APPENDIX_FORMAT, set, unset };
}

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** Apply the edits to a copy of `base`. Returns the pointer at fault when one cannot be applied. */
export function applyAppendix<T>(base: T, appendix: Appendix): { ok: true; value: T } | { ok: false; pointer: string; reason: string } {
  const root: Json = structuredClone(base);
  for (const ptr of [...appendix.unset, ...Object.keys(appendix.set)]) {
    const segs = parsePointer(ptr);
    if (segs.length === 0) return { ok: false, pointer: ptr, reason: 'cannot replace the whole plan' };
    if (segs.some((s) => FORBIDDEN.has(s))) return { ok: false, pointer: ptr, reason: 'not a plan field' };
  }
  const parentOf = (segs: string[]): Record<string, Json> | Json[] | undefined => {
    let node: Json = root;
    for (const seg of segs.slice(0, -1)) {
      if (!isObject(node) && !Array.isArray(node)) return undefined;
      node = Array.isArray(node) ? node[Number(seg)] : own(node, seg);
    }
    return isObject(node) || Array.isArray(node) ? node : undefined;
  };
  for (const ptr of appendix.unset) {
    const segs = parsePointer(ptr);
    const parent = parentOf(segs);
    if (parent && !Array.isArray(parent)) delete parent[segs.at(-1) as string];
  }
  for (const [ptr, value] of Object.entries(appendix.set)) {
    const segs = parsePointer(ptr);
    const parent = parentOf(segs);
    const last = segs.at(-1) as string;
    if (!parent) return { ok: false, pointer: ptr, reason: 'the document has no such place' };
    if (Array.isArray(parent) && !(/^\d+$/.test(last) && Number(last) <= parent.length)) return { ok: false, pointer: ptr, reason: 'index out of range' };
    (parent as Record<string, Json>)[last] = structuredClone(value);
  }
  return { ok: true, value: root as T };
}

/** "severities[0].responseTarget" -> "/severities/0/responseTarget" (the inverse of pointerToPath). */
export function pathToPointer(path: string): string {
  return path.split(/\.|\[|\]/).filter(Boolean).map((seg) => `/${escape(seg)}`).join('');
}
