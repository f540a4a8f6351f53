// Quick-entry parsing: "d: " decision, "a: " action, "e: " or a bare URL evidence, anything else a note.
import type { EntryKind } from '@shared/incident/events';

export interface ParsedEntry {
  kind: EntryKind;
  text: string;
  url?: string;
}

const PREFIXES: Record<string, EntryKind> = { d: 'decision', a: 'action', e: 'evidence', n: 'note' };
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/i;

/**
 * Parse what the scribe typed. A prefix wins over the selected kind; a URL in an evidence entry becomes
 * its link; a URL alone (no prefix, kind note) makes the entry evidence. Returns null for blank input.
 */
export function parseEntry(input: string, selected: EntryKind = 'note'): ParsedEntry | null {
  let text = input.trim();
  if (!text) return null;
  let kind = selected;
  const prefix = /^([daen])\s?:(?:\s+|$)/i.exec(text);
  if (prefix) {
    const mapped = PREFIXES[(prefix[1] ?? '').toLowerCase()];
    if (mapped) { kind = mapped; text = text.slice(prefix[0].length).trim(); }
  }
  if (!text) return null;
  const url = URL_PATTERN.exec(text)?.[0];
  if (url && !prefix && kind === 'note') kind = 'evidence';
  return kind === 'evidence' && url ? { kind, text, url } : { kind, text };
}

/** Parse a back-dated time typed as "HH:MM" (today, or yesterday if that is in the future) or a full date-time. */
export function parseBackdate(input: string, now: number): number | null {
  const text = input.trim();
  if (!text) return null;
  const hm = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (hm) {
    const d = new Date(now);
    d.setHours(Number(hm[1]), Number(hm[2]), 0, 0);
    if (Number(hm[1]) > 23 || Number(hm[2]) > 59) return null;
    let t = d.getTime();
    if (t > now) t -= 24 * 3600_000;
    return t;
  }
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : t;
}
