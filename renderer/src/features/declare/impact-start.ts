// Impact start checks shared by Declare and Classify: not in the future, not implausibly old, and its date
// spelled out when it is not today (a typed date is easy to get a day or a year wrong in).
import { DAY } from '@shared/time/duration';

/** More than this before now is almost certainly a typo in the date. */
export const MAX_IMPACT_AGE_MS = 365 * DAY;

const fullDate = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

/** Why an impact start cannot be recorded, or null when it can. */
export function impactStartProblem(impactAt: number, now: number): string | null {
  if (Number.isNaN(impactAt)) return 'Impact start is not a valid time: write it as YYYY-MM-DD HH:MM on the 24-hour clock.';
  if (impactAt > now + 60_000) return 'Impact start cannot be in the future.';
  if (impactAt < now - MAX_IMPACT_AGE_MS) return 'Impact start is more than a year ago: check the date.';
  return null;
}

function sameLocalDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}

/** The full date ("Sat, 1 Mar 2026") when the impact start is not today; null when it is today or invalid. */
export function impactDateNote(impactAt: number, now: number): string | null {
  if (Number.isNaN(impactAt) || sameLocalDay(impactAt, now)) return null;
  return fullDate.format(impactAt);
}
