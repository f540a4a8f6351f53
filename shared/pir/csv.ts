// The incident timeline as CSV (RFC 4180), safe to open in a spreadsheet: no cell is read as a formula.
import { describeEvent } from '../incident/describe';
import type { IncidentState } from '../incident/state';
import type { Plan } from '../plan/schema';

/** Cells a spreadsheet would evaluate (=, +, -, @, and tab/CR that some apps strip first) get a leading quote. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One RFC 4180 field: quoted when it holds a quote, comma or line break; quotes doubled. */
export function csvField(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: readonly string[]): string {
  return values.map(csvField).join(',');
}

export const TIMELINE_CSV_HEADER = ['Occurred at', 'Recorded at', 'Actor', 'Kind', 'Event type', 'Text', 'Starred', 'Retracted', 'Amended'] as const;

/** Every timeline entry (retracted ones included, marked), one row each, CRLF line ends. */
export function timelineCsv(state: IncidentState, plan: Plan): string {
  const rows = [csvRow(TIMELINE_CSV_HEADER)];
  for (const entry of state.timeline) {
    rows.push(csvRow([
      new Date(entry.occurredAt).toISOString(),
      new Date(entry.recordedAt).toISOString(),
      entry.actor.name,
      entry.kind,
      entry.type,
      entry.text ?? describeEvent(entry.event, plan),
      entry.starred ? 'yes' : '',
      entry.retracted ? `yes: ${entry.retracted.reason}` : '',
      entry.amendments.length ? `yes (original: ${entry.originalText ?? ''})` : '',
    ]));
  }
  return `${rows.join('\r\n')}\r\n`;
}
