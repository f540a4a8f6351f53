// Delivery lines of an incident's updates (from its events) and which send requests are still in this
// device's outbox ("Queued: goes out when this laptop reaches the server").
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { deliveriesByUpdate, pagesOf, type DeliveryLine, type PageStatus } from '@shared/delivery/status';
import type { IncidentState } from '@shared/incident/state';
import { db } from '../../db/instance';
import { unsentAmong } from '../../db/outbox';

export function useDeliveries(state: IncidentState): Map<string, DeliveryLine[]> {
  // Updates and deliveries are system events: a new log entry keeps the system timeline, so nothing is recomputed.
  const system = state.systemTimeline;
  return useMemo(() => deliveriesByUpdate(system.map((t) => t.event)), [system]);
}

/**
 * The incident's pages, oldest first, with where each went and its acknowledgement. Pages, their deliveries and
 * acknowledgements are system events, so this is read from the system timeline: a new log entry keeps it (before, every
 * entry logged mapped the whole timeline, 100,000 rows in a large incident, on the roles panel's render).
 */
export function usePages(state: IncidentState): PageStatus[] {
  const system = state.systemTimeline;
  return useMemo(() => pagesOf(system.map((t) => t.event)), [system]);
}

const NONE: ReadonlySet<string> = new Set();

/** Ids among `eventIds` that have not reached the server yet (still in this device's outbox). */
export function useUnsentIds(eventIds: readonly string[]): ReadonlySet<string> {
  const key = eventIds.join(',');
  return useLiveQuery(() => unsentAmong(db, eventIds), [key]) ?? NONE;
}
