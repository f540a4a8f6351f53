// Time and count formatting shared by the screens (list, console header, timeline, ...).
export { plural } from '@shared/text/plural';

// Formatters are created once: toLocaleTimeString builds a new one per call, which shows in 100k-row lists.
const timeWithSeconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const timeNoSeconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dateTime = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const timeWithZone = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
const day = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const count = new Intl.NumberFormat();

/** "100,000": a count in the reader's locale (Number#toLocaleString builds a formatter per call). */
export function formatCount(n: number): string {
  return count.format(n);
}

/** This device's IANA time zone, read once. */
const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function deviceTimeZone(): string {
  return zone;
}

/** "14:05 UTC": a time as a reader elsewhere needs it, with the zone's short name (updates, previews). */
export function formatTimeWithZone(ms: number): string {
  return timeWithZone.format(ms);
}

/** "9 Mar 2026": a calendar day (deadlines). */
export function formatDay(ms: number): string {
  return day.format(ms);
}

export function formatClockTime(ms: number, seconds = true): string {
  return (seconds ? timeWithSeconds : timeNoSeconds).format(ms);
}

export function formatDateTime(ms: number): string {
  return dateTime.format(ms);
}

/** The text of a DateTimeInput for an instant: "2026-03-04 09:40", 24-hour, in the device's zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const LOCAL_INPUT = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})\s*$/;

/** Parse "YYYY-MM-DD HH:MM" (24-hour, device zone; a "T" in place of the space is fine); NaN when empty or not a real time. */
export function fromLocalInput(value: string): number {
  const m = LOCAL_INPUT.exec(value);
  if (!m) return Number.NaN;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const d = new Date(year, month - 1, day, hour, minute);
  // Date rolls 31 Feb over into March and 25:00 into the next day: refuse instead of recording the wrong time.
  const exact = d.getFullYear() === year && d.getMonth() === month - 1 && d.getDate() === day && d.getHours() === hour && d.getMinutes() === minute;
  return exact ? d.getTime() : Number.NaN;
}

const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** A local calendar-day key, for "is this today" checks. */
export function localDayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** "17:00" today, "2 Mar 17:00" on any other day: a deadline tomorrow never reads as today's. */
export function timeOnDay(at: number, now: number): string {
  const time = formatClockTime(at, false);
  return localDayKey(at) === localDayKey(now) ? time : `${dayMonth.format(at)} ${time}`;
}
