// The drill report as Markdown: clearly marked as a drill, the debrief scorecard, then the PIR export of the drill.
import type { IncidentState } from '../incident/state';
import { buildPir } from '../pir/model';
import { block, formatInstant, inline, pirMarkdown } from '../pir/markdown';
import type { Plan } from '../plan/schema';
import type { Scorecard } from './scorecard';

/** Whole minutes and seconds of exercise time: "T+4m 30s". */
export function exerciseTimeText(ms: number | null): string {
  if (ms === null) return 'not done';
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return s ? `${m} min ${s} s` : `${m} min`;
}

const yesNo = (v: boolean | null) => (v === null ? 'n/a' : v ? 'yes' : 'no');

/** The scorecard section alone (also what the debrief page shows, as text). */
export function scorecardMarkdown(card: Scorecard, plan: Plan, timeZone = 'UTC'): string[] {
  const audience = (id: string) => plan.audiences.find((a) => a.id === id)?.name ?? id;
  const lines: string[] = ['## Debrief scorecard', ''];
  lines.push(`- Script: ${card.scriptId ?? 'none'} (${card.mode})`);
  if (card.startedAt !== null) lines.push(`- Exercise started: ${formatInstant(card.startedAt, timeZone)}`);
  lines.push(`- Exercise ${card.endedAt !== null ? 'ended' : 'measured until'}: ${formatInstant(card.measuredUntil, timeZone)} (${exerciseTimeText(card.exerciseDurationMs)} of exercise time)`);
  lines.push(`- Time to classify: ${exerciseTimeText(card.timeToClassify)}${card.firstSeverity ? ` (${card.firstSeverity})` : ''}`);
  lines.push(`- Severity: ${card.finalSeverity ?? 'none'}; expected ${card.expectedSeverity ?? 'n/a'}; matched: ${yesNo(card.severityMatched)}`);
  for (const [id, ms] of Object.entries(card.timeToFirstUpdate)) lines.push(`- Time to first ${audience(id).toLowerCase()} update: ${exerciseTimeText(ms)}`);
  for (const c of card.cadence) lines.push(`- ${audience(c.audience)} update cadence: ${c.onTime} of ${c.owed} on time (${c.late} late, ${c.missed} missed)`);
  lines.push(`- Roles filled: ${card.rolesFilled} of ${card.roles.length}`);
  lines.push('', '### Checklist completion', '');
  for (const s of card.steps) lines.push(`- ${inline(s.title)}: ${s.done}/${s.total}`);
  lines.push('', '### Clock breaches', '');
  if (!card.clockBreaches.length) lines.push('- None');
  for (const b of card.clockBreaches) lines.push(`- ${inline(b.label)}: due ${formatInstant(b.dueAt, timeZone)}, ${b.completedAt !== null ? `done ${exerciseTimeText(b.lateByMs)} late` : `still open ${exerciseTimeText(b.lateByMs)} past due`}`);
  lines.push('', '### Roles', '');
  for (const r of card.roles) lines.push(`- ${r.name}: ${r.person ? `${inline(r.person)} (after ${exerciseTimeText(r.filledAfterMs)})` : 'not filled'}`);
  lines.push('', '### Injects and expected responses', '');
  if (!card.injects.length) lines.push('- No injects fired');
  for (const inject of card.injects) {
    lines.push(`- T+${exerciseTimeText(inject.firedAtMs)}: ${inline(inject.title)}`);
    if (inject.severity) lines.push(`  - Severity ${inject.severity.expected}: ${inject.severity.met ? 'met' : `not met (${inject.severity.actual ?? 'none'})`}`);
    for (const c of inject.checklist) lines.push(`  - ${inline(c.stepTitle)}: ${inline(c.itemText)}: ${c.met ? `done after ${exerciseTimeText(c.afterMs)}` : 'not done'}`);
    for (const u of inject.updates) lines.push(`  - Update to ${audience(u.audience).toLowerCase()}: ${u.met ? `posted after ${exerciseTimeText(u.afterMs)}` : 'not posted'}`);
  }
  lines.push('', '### Facilitator observations', '');
  if (!card.observations.length) lines.push('- None');
  for (const o of card.observations) lines.push(`- ${formatInstant(o.at, timeZone)} (${inline(o.by)}): ${inline(o.text)}`);
  return lines;
}

/** The full drill report. The title and first line say DRILL so it is never filed as a real incident. */
export function drillReportMarkdown(state: IncidentState, card: Scorecard, plan: Plan, now: number, timeZone = 'UTC'): string {
  const out: string[] = [
    `# DRILL Report: ${inline(state.title)}`, '',
    block('> DRILL - this was an exercise, not a real incident. It is excluded from incident metrics.'), '',
    ...scorecardMarkdown(card, plan, timeZone), '',
  ];
  const pir = pirMarkdown(buildPir(state, plan, now), plan, { timeZone })
    .replace(/^# Post-Incident Review: /m, '## Drill review: ')
    .replace(/^## (?!Drill review)/gm, '### ');
  out.push(pir);
  return `${out.join('\n').trimEnd()}\n`;
}
