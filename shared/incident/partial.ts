// Which events an incident's state needs whole, and which it can show a window of: log entries (entry.added)
// only add rows to the timeline, so a console can open on every other event plus its newest entries and fold
// in the older ones afterwards (renderer/src/db/live-incident.ts). partial.test.ts holds the rule to the fold.
import type { IncidentEvent } from './events';

/** A log entry: the bulk of a large incident, and nothing but a timeline row (and the counts) in its state. */
export function isLogEntry(event: Pick<IncidentEvent, 'type'>): boolean {
  return event.type === 'entry.added';
}
