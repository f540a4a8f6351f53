// Canonical JSON (sorted keys, undefined dropped): the same value always gives the same text, whatever the key
// order (jsonb reorders keys). Also the content key of an event, which leaves out who imported it.
import type { IncidentEvent } from './events';

/** JSON with object keys sorted and undefined members dropped: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonicalJson: non-finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/**
 * What makes two copies of an event the same event: everything but the import and relay marks and the signature
 * (who brought it in, who gave it back, and the proof of it are provenance, not content). Only for validated
 * events, whose nesting is bounded.
 */
export function eventContentKey(event: IncidentEvent | Record<string, unknown>): string {
  const { imported: _imported, relayed: _relayed, sig: _sig, ...content } = event as Record<string, unknown>;
  return canonicalJson(content);
}
