// The times a document states in its prose and lists, outside the values other readers took: the notification
// deadline ("email GSA IT ... within one hour of detecting"), update cadences not tied to a level ("status updates
// (roughly every 30mins) to the executive team"), and every other time, reported with its line as a time the plan
// has no clock for, so nothing the document states is dropped silently. Code blocks, quotes and HTML are examples.
import type { RootContent } from 'mdast';
import type { ReadContext } from './context';
import { parseDuration } from '../../time/duration';
import { lineAt, timesIn } from './times';
import { clean, inlineText, lineOf, type Section } from './tree';

export interface Notification { window: string; line: number; text: string }
export interface DocumentCadence { audience: string; every: string; line: number }

const NOTIFY = /\b(report\w*|notif\w+|inform\w*|email\w*|e-mail\w*|alert\w*|tell|escalat\w*|contact\w*)\b/i;
const BOUND = /\b(within|no later than|in under|not later than)\s+(?:the\s+)?(?:first\s+)?$/i;
const UPDATES = /\b(status updates?|updates?|sitreps?|status reports?)\b/i;
const AUDIENCE = /\bto (?:the )?((?:[a-z]+ ){0,2}(?:team|stakeholders|customers|users|executives|leadership|management|channel))\b/i;

interface Unit { text: string; line: number }

/** "every `UPDATE_FREQUENCY`", "within `INCIDENT_COMMANDER_RESPONSE_SLA`": a template's placeholder where a time belongs. */
const PLACEHOLDER_TIME = /\b(every|within|after|in under|no later than)\s+([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/g;

function units(blocks: RootContent[], out: Unit[]): void {
  for (const b of blocks) {
    if (b.type === 'paragraph') out.push({ text: inlineText(b), line: lineOf(b) });
    if (b.type === 'list') for (const item of b.children) units(item.children, out);
    // code, blockquote, html, table: examples or read elsewhere
  }
}

/** `knownCadences`: the intervals the levels already run (a sentence restating one is not reported again). */
export function readTimings(top: Section, ctx: ReadContext, taken: Set<Section>, knownCadences: Set<number>): { notification?: Notification; cadences: DocumentCadence[] } {
  const all: Unit[] = [];
  const walk = (s: Section) => {
    if (taken.has(s)) return;
    // A heading can state a time too ("## Announcement (one week in advance of the planned release)").
    if (s.title) all.push({ text: s.title, line: s.line });
    units(s.blocks, all);
    s.children.forEach(walk);
  };
  walk(top);
  let notification: Notification | undefined;
  const cadences: DocumentCadence[] = [];
  for (const u of all) {
    for (const m of u.text.matchAll(PLACEHOLDER_TIME)) {
      const line = lineAt(u.text, m.index, u.line);
      ctx.problems.push({
        level: 'warning', line, time: m[0],
        message: `"${m[0]}" is a placeholder where the document should state a time`,
        fix: `Replace ${m[2] as string} with the time your organisation commits to (e.g. "30 minutes"), or enter it where it belongs in the plan after importing.`,
      });
    }
    for (const p of timesIn(u.text)) {
      const line = lineAt(u.text, p.index, u.line);
      if (ctx.timesUsed.has(line)) continue;
      const sentence = clean(u.text);
      const before = u.text.slice(0, p.index);
      if (p.value && (p.frequency || /\bevery\s+(?:\S+\s+)?$/i.test(before)) && UPDATES.test(sentence)) {
        const audience = AUDIENCE.exec(u.text.slice(p.index))?.[1];
        if (audience) {
          cadences.push({ audience: clean(audience), every: p.value, line });
          ctx.usedTime(line);
          continue;
        }
        if (knownCadences.has(parseDuration(p.value))) continue;
      }
      if (!notification && p.value && !p.frequency && NOTIFY.test(before) && BOUND.test(before.replace(/[*_]/g, ''))) {
        notification = { window: p.value, line, text: sentence };
        ctx.usedTime(line);
        continue;
      }
      const quote = sentence.length > 140 ? `${sentence.slice(0, 137)}...` : sentence;
      ctx.problems.push({
        level: 'warning', line, time: p.stated,
        message: `"${p.stated}" ("${quote}") is a time the plan has no clock for`,
        fix: p.value ? 'If it is a deadline or cadence the console should run, enter it where it belongs in the plan after importing.' : `A clock counts minutes, hours, days and weeks; "${p.stated}" is not one of them.`,
      });
    }
  }
  return notification ? { notification, cadences } : { cadences };
}
