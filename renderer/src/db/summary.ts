// Incremental incident summary: the same last-writer-wins rule as the incident doc, for a handful of fields.
import type { IncidentEvent } from '@shared/incident/events';
import type { IncidentSummary } from './types';

/** Resolved or closed: listed apart from the active ones, and not read whole when joining (issue #27). */
export const isDone = (s: Pick<IncidentSummary, 'status'>): boolean => s.status === 'resolved' || s.status === 'closed';

/** The events to say it holds: at least what the server held when this console joined without its history. */
export const eventsOf = (s: Pick<IncidentSummary, 'eventCount' | 'unread'>): number => Math.max(s.eventCount, s.unread ?? 0);

export function emptySummary(id: string): IncidentSummary {
  return {
    id, opened: false, title: '(untitled incident)', severity: null, status: 'investigating', drill: false,
    detectedAt: 0, impactStartedAt: 0, lastActivityAt: 0, eventCount: 0, stamps: {},
  };
}

/** Only the types of SUMMARY_EVENT_TYPES (shared/incident/summary-types.ts): what a joining console gets of an unread incident. */
function fieldsOf(event: IncidentEvent): Partial<IncidentSummary> {
  switch (event.type) {
    case 'incident.opened': {
      const p = event.payload;
      const out: Partial<IncidentSummary> = {
        opened: true, title: p.title, drill: p.drill,
        detectedAt: Date.parse(p.detectedAt), impactStartedAt: Date.parse(p.impactStartedAt),
      };
      if (p.severity) out.severity = p.severity;
      if (p.visibility) out.restricted = p.visibility === 'restricted';
      return out;
    }
    case 'visibility.changed':
      return { restricted: event.payload.to === 'restricted' };
    case 'incident.classified':
      return event.payload.severity ? { severity: event.payload.severity } : {};
    case 'severity.changed':
      return { severity: event.payload.to };
    case 'status.changed':
      return { status: event.payload.to };
    default:
      return {};
  }
}

/** A new summary with the event applied. Not idempotent on eventCount: callers apply each stored event once. */
export function summarise(summary: IncidentSummary, event: IncidentEvent): IncidentSummary {
  const stamp = `${event.hlc}|${event.id}`;
  const next: IncidentSummary = { ...summary, stamps: { ...summary.stamps } };
  const fields = fieldsOf(event) as Record<string, unknown>;
  for (const [key, value] of Object.entries(fields)) {
    const current = next.stamps[key];
    if (current === undefined || current < stamp) {
      (next as unknown as Record<string, unknown>)[key] = value;
      next.stamps[key] = stamp;
    }
  }
  if (!next.detectedAt) next.detectedAt = Date.parse(event.occurredAt);
  if (!next.impactStartedAt) next.impactStartedAt = next.detectedAt;
  next.lastActivityAt = Math.max(next.lastActivityAt, Date.parse(event.recordedAt));
  next.eventCount += 1;
  return next;
}
