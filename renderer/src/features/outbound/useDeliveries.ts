// Delivery lines of an incident's updates (from its events) and which send requests are still in this
// device's outbox ("Queued: goes out when this laptop reaches the server").
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { deliveriesByUpdate, pagesOf, type DeliveryLine, type PageStatus } from '@shared/delivery/status';
import type { IncidentState } from '@shared/incident/state';
import { db } from '../../db/instance';

export function useDeliveries(state: IncidentState): Map<string, DeliveryLine[]> {
  // Updates and deliveries are system events: a new log entry keeps the system timeline, so nothing is recomputed.
  const system = state.systemTimeline;
  return useMemo(() => deliveriesByUpdate(system.map((t) => t.event)), [system]);
}

/** The incident's pages, oldest first, with where each went and its acknowledgement. */
export function usePages(state: IncidentState): PageStatus[] {
  return useMemo(() => pagesOf(state.timeline.map((t) => t.event)), [state]);
}

/** Ids among `eventIds` that have not reached the server yet (their outbox row is still here). */
export function useUnsentIds(eventIds: readonly string[]): Set<string> {
  const key = eventIds.join(',');
  const rows = useLiveQuery(() => (eventIds.length ? db.outbox.where('eventId').anyOf([...eventIds]).toArray() : []), [key]);
  return useMemo(() => new Set((rows ?? []).map((r) => r.eventId)), [rows]);
}
