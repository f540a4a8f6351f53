// Workspace-level streams: events that belong to the whole workspace (the published plan, the contact sheet)
// travel in reserved streams, addressed like an incident (the event's incidentId) so sync, storage and
// validation need nothing new. Everything that lists incidents skips them with isIncidentStream.

/**
 * Reserved stream ids all start with this prefix. Incident ids are UUIDv7s, whose first 48 bits are the
 * creation time in ms, so no incident created after 1970 can ever fall in this range.
 */
export const WORKSPACE_STREAM_PREFIX = '00000000-0000-';

/** The team's stream: plan publications and contact changes (see shared/workspace/team.ts). */
export const TEAM_STREAM_ID = '00000000-0000-7000-8000-000000000001';

/** Planned maintenance windows (shared/maintenance/): public by nature, read by the status page and alert intake. */
export const MAINTENANCE_STREAM_ID = '00000000-0000-7000-8000-000000000002';

/**
 * Alert group streams (shared/alerts/ids.ts): UUIDv8 ids beginning with a1e7, hashed from (workspace, source,
 * group key) so every server instance derives the same one. A UUIDv7 beginning a1e7 would be dated after 5000 AD.
 */
const ALERT_STREAM = /^a1e7[0-9a-f]{4}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isAlertStream(id: string): boolean {
  return ALERT_STREAM.test(id);
}

/** True for an incident's stream, false for the team stream, alert groups and any other reserved workspace stream. */
export function isIncidentStream(id: string): boolean {
  return !id.toLowerCase().startsWith(WORKSPACE_STREAM_PREFIX) && !isAlertStream(id);
}
