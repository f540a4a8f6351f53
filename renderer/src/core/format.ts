// Time formatting shared by the core screens (list, console header, timeline).
// Formatters are created once: toLocaleTimeString builds a new one per call, which shows in 100k-row lists.
const timeWithSeconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const timeNoSeconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dateTime = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function formatClockTime(ms: number, seconds = true): string {
  return (seconds ? timeWithSeconds : timeNoSeconds).format(ms);
}

export function formatDateTime(ms: number): string {
  return dateTime.format(ms);
}

/** Value for <input type="datetime-local"> in the device's zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Parse a datetime-local value (device zone); NaN when empty or invalid. */
export function fromLocalInput(value: string): number {
  return value ? new Date(value).getTime() : Number.NaN;
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
