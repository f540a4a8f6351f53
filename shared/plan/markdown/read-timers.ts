// Takes the plan's timers out of the steps' words: immediate mitigation, recurrence watch, review due, follow-up.
import type { Plan } from '../schema';
import type { ReadContext } from './context';
import type { ReadStep } from './read-steps';
import type { Line } from './tree';
import { oneDuration } from './values';

type Timers = Plan['timers'];

/** Which phrase states which timer; the first line that matches and has one duration wins. */
const RULES: { key: keyof Timers; pattern: RegExp; label: string; example: string }[] = [
  { key: 'immediateMitigation', pattern: /\bimmediate (actions?|mitigation)\b/i, label: 'time for immediate mitigation', example: '"**Immediate Actions** (< 15 minutes):" in the mitigation step' },
  { key: 'recurrenceWatch', pattern: /\bfor\b.*\brecurrence\b/i, label: 'recurrence watch after mitigation', example: '"Monitor for 30 minutes for recurrence" in the resolution step' },
  { key: 'pirDueAfterResolution', pattern: /\bwithin\b.*\bof resolution\b/i, label: 'when the post-incident review is due', example: '"**Within 24 hours of resolution**:" in the review step' },
  { key: 'actionItemFollowUp', pattern: /\bfollow[ -]up in\b/i, label: 'action item follow-up', example: '"Follow up in 1 week" in the review step' },
  { key: 'dueSoonWithin', pattern: /\bdue soon\b/i, label: 'how early a clock turns "due soon"', example: '"Clocks turn due soon 5 minutes before they are due"' },
];

export function readTimers(steps: ReadStep[], ctx: ReadContext): { timers: Timers; pirDue?: Line } {
  const lines: Line[] = steps.flatMap((s) => [...s.leadIns, ...s.lists.map((l) => ({ text: l.title, value: l.title, line: l.line })), ...s.lists.flatMap((l) => l.items)]);
  const at = steps[0]?.heading.line ?? 1;
  const found: Partial<Record<keyof Timers, Line>> = {};
  const timers = {} as Timers;
  for (const rule of RULES) {
    const hit = lines.find((l) => rule.pattern.test(l.text) && oneDuration(l.text).value);
    if (hit) {
      found[rule.key] = hit;
      ctx.usedTime(hit.line);
      timers[rule.key] = ctx.at(`timers.${rule.key}`, hit.line, oneDuration(hit.text).value as string);
    } else {
      timers[rule.key] = ctx.missing(`timers.${rule.key}`, at, '', rule.label, `The document does not say; fill in a duration such as "15m", or add ${rule.example}.`);
    }
  }
  return { timers, pirDue: found.pirDueAfterResolution };
}
