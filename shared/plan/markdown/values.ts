// Reading one stated value (a duration, a range, a cadence, a weekday and time) from a short phrase of the document.
import type { CalendarPeriod } from '../schema';
import { plural } from '../../text/plural';

const UNIT: Record<string, string> = { second: 's', sec: 's', minute: 'm', min: 'm', hour: 'h', hr: 'h', day: 'd', week: 'w' };
const UNIT_WORDS = 'seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?';

const toDuration = (n: string, unit: string) => `${Number(n)}${UNIT[unit.toLowerCase().replace(/s$/, '')] ?? '?'}`;

/** Every "N unit" in a phrase, as plan durations ("5 minutes" -> "5m"). */
export function durationsIn(text: string): string[] {
  return [...text.matchAll(new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(${UNIT_WORDS})\\b`, 'gi'))].map((m) => toDuration(m[1] as string, m[2] as string));
}

/** The one duration a phrase states ("Immediate (< 5 minutes)" -> "5m"); several different ones are ambiguous. */
export function oneDuration(text: string): { value?: string; ambiguous?: string[] } {
  const found = [...new Set(durationsIn(text))];
  if (found.length === 1) return { value: found[0] as string };
  return found.length ? { ambiguous: found } : {};
}

/** "1-2 hours" -> ["1h", "2h"]; "2 hours" -> ["2h", "2h"]. */
export function durationRange(text: string): [string, string] | undefined {
  const range = new RegExp(`(\\d+)\\s*[-–]\\s*(\\d+)\\s*(${UNIT_WORDS})\\b`, 'i').exec(text);
  if (range) return [toDuration(range[1] as string, range[3] as string), toDuration(range[2] as string, range[3] as string)];
  const one = oneDuration(text).value;
  return one ? [one, one] : undefined;
}

/** "within 15 minutes" (a page or notification bound) -> "15m". */
export function withinDuration(text: string): string | undefined {
  const m = new RegExp(`within\\s+(\\d+)\\s*(${UNIT_WORDS})\\b`, 'i').exec(text);
  return m ? toDuration(m[1] as string, m[2] as string) : undefined;
}

/** "if > 1 hour" (a condition on the incident's age) -> "1h". */
export function ifLongerThan(text: string): string | undefined {
  const m = new RegExp(`if\\s*>\\s*(\\d+)\\s*(${UNIT_WORDS})\\b`, 'i').exec(text);
  return m ? toDuration(m[1] as string, m[2] as string) : undefined;
}

const NAMED_PERIODS: Record<string, CalendarPeriod> = {
  daily: { count: 1, unit: 'day' },
  weekly: { count: 1, unit: 'week' },
  fortnightly: { count: 2, unit: 'week' },
  biweekly: { count: 2, unit: 'week' },
  monthly: { count: 1, unit: 'month' },
  quarterly: { count: 3, unit: 'month' },
  'half-yearly': { count: 6, unit: 'month' },
  'semi-annually': { count: 6, unit: 'month' },
  annually: { count: 1, unit: 'year' },
  yearly: { count: 1, unit: 'year' },
};

/** "Quarterly" -> 3 months; "Every 6 weeks" / "3 years minimum" -> counted periods. */
export function calendarPeriodOf(text: string): CalendarPeriod | undefined {
  const word = /^[\w-]+/.exec(text.trim().toLowerCase())?.[0];
  if (word && NAMED_PERIODS[word]) return { ...NAMED_PERIODS[word] };
  const m = /(\d+)\s*(day|week|month|year)s?\b/i.exec(text);
  return m ? { count: Number(m[1]), unit: (m[2] as string).toLowerCase() as CalendarPeriod['unit'] } : undefined;
}

/** The words a period is written back as, so export -> import gives the same period. */
export function periodText(p: CalendarPeriod): string {
  const named = Object.entries(NAMED_PERIODS).find(([, v]) => v.count === p.count && v.unit === p.unit);
  return named ? named[0].charAt(0).toUpperCase() + named[0].slice(1) : `Every ${plural(p.count, p.unit)}`;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "Every Monday at 9 AM UTC" -> { weekday, time "09:00", timeZone "UTC" }; missing parts stay undefined. */
export function handoffOf(text: string): { weekday?: Weekday; time?: string; timeZone?: string } {
  const lower = text.toLowerCase();
  const weekday = WEEKDAYS.find((d) => lower.includes(d));
  const t = /\b(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b/i.exec(text.replace(/\b\d+(st|nd|rd|th)\b/g, ''));
  let time: string | undefined;
  if (t && (t[3] || t[2])) {
    let hour = Number(t[1]) % (t[3] ? 12 : 24);
    if (t[3]?.toLowerCase() === 'pm') hour += 12;
    time = `${String(hour).padStart(2, '0')}:${t[2] ?? '00'}`;
  }
  const zone = /\b(UTC|GMT|[A-Z][a-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?)\b/.exec(text)?.[1];
  return { weekday, time, timeZone: zone === 'GMT' ? 'UTC' : zone };
}

/** The words for a duration, as a plan document writes them ("15m" -> "15 minutes"). */
export function durationWords(d: string): string {
  const m = /^(\d+(?:\.\d+)?)([smhdw])$/.exec(d);
  if (!m) return d;
  const name = { s: 'second', m: 'minute', h: 'hour', d: 'day', w: 'week' }[m[2] as 's'];
  return `${m[1]} ${name}${m[1] === '1' ? '' : 's'}`;
}

export function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** "Infrastructure, Application, Security, Data" / "A, B, or C" -> the names. */
export function splitList(text: string): string[] {
  return text.split(/,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+/).map((s) => s.trim()).filter(Boolean);
}

/** A template's placeholder ("`COMPANY_NAME`", "[Company Name]", "<Your Organisation>", "{{org}}"), or undefined. */
export function placeholderIn(text: string): string | undefined {
  return /`?\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b`?/.exec(text)?.[0]
    ?? /\[(?:your |the )?(?:company|organi[sz]ation|org|team|business)(?: name)?\]|<(?:your |the )?(?:company|organi[sz]ation|org|team|business)(?: name)?>|\{\{[^}]+\}\}/i.exec(text)?.[0];
}
