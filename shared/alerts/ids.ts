// Deterministic ids for alert streams and alert events: the same group or notification received twice (a
// retried webhook, two server instances behind a load balancer) always gets the same id, so it is stored once.
import { v5 as uuidv5 } from 'uuid';
import { isAlertStream } from '../workspace/streams';
import type { AlertSource, AlertStatus } from './payloads';

export { isAlertStream };

const ALERT_NS = '7d0c8f5a-3b61-4e2f-a9d4-1c6e5b8a2f30';

/** A UUIDv8 ("custom") id from a hash, beginning with `marker`: alert streams are recognisable from the id alone. */
function markedId(name: string, marker: string): string {
  const hex = uuidv5(name, ALERT_NS).replace(/-/g, '');
  const h = `${marker}${hex.slice(marker.length, 12)}8${hex.slice(13, 16)}${((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17)}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function alertStreamId(workspaceId: string, source: AlertSource, groupKey: string): string {
  return markedId(`group\n${workspaceId}\n${source}\n${groupKey}`, 'a1e7');
}

/** One event per state of one alert: (fingerprint, status, startsAt, endsAt). A repeat maps to the same id. */
export function alertEventId(streamId: string, fingerprint: string, status: AlertStatus, startsAt: string, endsAt: string | undefined): string {
  return uuidv5(`notified\n${streamId}\n${fingerprint}\n${status}\n${startsAt}\n${endsAt ?? ''}`, ALERT_NS);
}

/** How often a repeat is counted: receipts of one group's status within the same minute are one sighting. */
export const SEEN_BUCKET_MS = 60_000;

export function alertSeenId(streamId: string, status: AlertStatus, receivedAt: number): string {
  return uuidv5(`seen\n${streamId}\n${status}\n${Math.floor(receivedAt / SEEN_BUCKET_MS)}`, ALERT_NS);
}

/** The incident a `declare` rule opens for a group: one per group, whichever instance declares it. */
export function declaredIncidentId(streamId: string): string {
  return markedId(`declared\n${streamId}`, 'dec1');
}

/** Events of the incident a `declare` rule opens: one of each kind per group, stored once. */
export function declaredEventId(streamId: string, what: 'opened' | 'scenario' | 'attached' | 'evidence'): string {
  return uuidv5(`declared-event\n${streamId}\n${what}`, ALERT_NS);
}
