// The events an incident's list summary folds (renderer/src/db/summary.ts): what a console that joins receives of an
// incident it has not read whole (GET /sync/summaries, with each stream's newest event). A type the summary starts to
// fold is added here, with a migration that rebuilds the server's partial index events_summary over them.
import type { EventType } from './events';

export const SUMMARY_EVENT_TYPES = [
  'incident.opened', 'visibility.changed', 'incident.classified', 'severity.changed', 'status.changed',
] as const satisfies readonly EventType[];
