// Time-zone arithmetic with Intl only: an instant's local wall time in a zone, and a zoned wall time back to an instant (DST-aware).

export interface LocalDate {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

export interface LocalTime {
  hour: number;
  minute: number;
  second?: number;
}

export type LocalDateTime = LocalDate & LocalTime;

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface ZonedParts extends LocalDate {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: Weekday;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when Intl knows the zone (e.g. "Europe/Berlin", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Parts already worked out, by zone and instant: formatToParts is slow (tens of microseconds) and the same instants
 * come back on every render (a rotation's handoffs, an incident's detection time). Pure, so a cache is safe; bounded.
 */
const partsCache = new Map<string, Readonly<ZonedParts>>();
const PARTS_CACHE_LIMIT = 2_000;

/** The wall-clock date and time an instant (epoch ms) shows in a zone. Throws RangeError for an unknown zone. */
export function zonedParts(instant: number, timeZone: string): ZonedParts {
  const key = `${timeZone}|${instant}`;
  const known = partsCache.get(key);
  if (known) return { ...known };
  const parts = computeZonedParts(instant, timeZone);
  if (partsCache.size >= PARTS_CACHE_LIMIT) partsCache.clear();
  partsCache.set(key, { ...parts });
  return parts;
}

function computeZonedParts(instant: number, timeZone: string): ZonedParts {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const year = fields.year as number;
  const month = fields.month as number;
  const day = fields.day as number;
  // Some engines print midnight as 24 even with h23; normalise.
  const hour = (fields.hour as number) % 24;
  return {
    year,
    month,
    day,
    hour,
    minute: fields.minute as number,
    second: fields.second as number,
    millisecond: ((instant % 1000) + 1000) % 1000,
    weekday: weekdayOf({ year, month, day }),
  };
}

/** Milliseconds the zone's wall clock is ahead of UTC at an instant (+3_600_000 for Berlin in winter). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  return wallAsUtc - instant;
}

function wallAsUtc(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second ?? 0);
}

/**
 * The instant at which a zone's wall clock shows `local`.
 * Ambiguous wall times (clocks turned back) resolve to the earlier instant; wall times skipped by a
 * spring-forward gap resolve to the same distance past the gap (02:30 in a 02:00->03:00 gap is 03:30),
 * the way Temporal's "compatible" disambiguation does.
 */
export function zonedTimeToInstant(local: LocalDateTime, timeZone: string): number {
  const target = wallAsUtc(local);
  const offsetBefore = zoneOffsetMs(target - DAY_MS, timeZone);
  const offsetAfter = zoneOffsetMs(target + DAY_MS, timeZone);
  const candidates = [target - offsetBefore, target - offsetAfter]
    .filter((instant) => instant + zoneOffsetMs(instant, timeZone) === target)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0] as number;
  // In a gap: read the wall time with the offset in force before the transition.
  return target - offsetBefore;
}

/** "2026-01-05" -> { year: 2026, month: 1, day: 5 }; throws on anything else or an impossible date. */
export function parseLocalDate(text: string): LocalDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new Error(`expected a date like "2026-01-05", got "${text}"`);
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (check.getUTCMonth() !== date.month - 1 || check.getUTCDate() !== date.day) throw new Error(`not a real date: "${text}"`);
  return date;
}

/** "09:00" -> { hour: 9, minute: 0 }. */
export function parseLocalTime(text: string): LocalTime {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) throw new Error(`expected a time like "09:00", got "${text}"`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** Calendar arithmetic on a local date (no zone involved): 2026-01-05 + 7 = 2026-01-12. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Whole calendar days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

export function weekdayOf(date: LocalDate): Weekday {
  return WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()] as Weekday;
}

/** "2026-01-05" */
export function formatLocalDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}
