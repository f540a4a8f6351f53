// Durations written the way a plan author writes them ("5m", "1h", "72h", "1w") and their arithmetic.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

const UNITS: Record<string, number> = { s: 1000, m: MINUTE, h: HOUR, d: DAY, w: WEEK };

/** The textual form a plan uses: a positive number followed by s, m, h, d or w. */
export const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(s|m|h|d|w)$/;

export function isDuration(text: string): boolean {
  return DURATION_PATTERN.test(text);
}

/** Milliseconds in a duration such as "15m"; throws on malformed input (plans are validated first). */
export function parseDuration(text: string): number {
  const match = DURATION_PATTERN.exec(text);
  if (!match) throw new Error(`expected a duration like "15m", got "${text}"`);
  const unit = UNITS[match[2] as string] as number;
  return Math.round(Number(match[1]) * unit);
}

/** A compact human form: "4m 05s", "1h 20m", "3d 4h"; negative durations get a leading minus. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${sign}${days}d ${hours}h`;
  if (hours > 0) return `${sign}${hours}h ${pad(minutes)}m`;
  return `${sign}${minutes}m ${pad(seconds)}s`;
}

/** Whole minutes, rounded down, for reports ("Duration: 42 minutes"). */
export function toMinutes(ms: number): number {
  return Math.floor(ms / MINUTE);
}
