// Words for the console header and the attention strip: capitalised statuses, plan durations spelled out ("30m" → "30 minutes").
import { DURATION_PATTERN } from '@shared/time/duration';

const UNIT_WORDS: Record<string, [string, string]> = {
  s: ['second', 'seconds'], m: ['minute', 'minutes'], h: ['hour', 'hours'], d: ['day', 'days'], w: ['week', 'weeks'],
};

/** "30m" → "30 minutes", "1h" → "1 hour"; text that is not a plan duration is returned as is. */
export function spellDuration(text: string): string {
  const match = DURATION_PATTERN.exec(text);
  if (!match) return text;
  const [singular, plural] = UNIT_WORDS[match[2] as string] as [string, string];
  return `${match[1]} ${Number(match[1]) === 1 ? singular : plural}`;
}

/** "investigating" → "Investigating". */
export function statusLabel(status: string): string {
  return status.charAt(0).toUpperCase() + status.slice(1);
}
