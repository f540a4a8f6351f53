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

/** True for an incident's stream, false for the team stream and any other reserved workspace stream. */
export function isIncidentStream(id: string): boolean {
  return !id.toLowerCase().startsWith(WORKSPACE_STREAM_PREFIX);
}
