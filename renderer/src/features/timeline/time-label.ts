// Time labels for the timeline: the time alone today, the date with it on any other day ("1 Mar 23:59"),
// and the words for a back-dated entry's day ("yesterday 23:59").
import { formatClockTime, localDayKey } from '../../core/format';

export { localDayKey };

const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** "14:02:33" for today's entries, "1 Mar 23:59" for any other day. */
export function entryTimeLabel(at: number, now: number): string {
  if (localDayKey(at) === localDayKey(now)) return formatClockTime(at);
  return `${dayMonth.format(at)} ${formatClockTime(at, false)}`;
}

/** "today 14:02", "yesterday 23:59" or "1 Mar 23:59": which day a back-dated time lands on. */
export function backdateDayLabel(at: number, now: number): string {
  const time = formatClockTime(at, false);
  if (localDayKey(at) === localDayKey(now)) return `today ${time}`;
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (localDayKey(at) === localDayKey(yesterday.getTime())) return `yesterday ${time}`;
  return `${dayMonth.format(at)} ${time}`;
}

/** Entry text shortened for button names: "Star: DB at 100% CPU". */
export function shortText(text: string, max = 40): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
