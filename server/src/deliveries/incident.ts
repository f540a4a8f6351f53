// The incident a delivery is about, folded from the workspace log with the same shared/ code the console uses.
// Parsed events are kept per incident (a small LRU per database) and only rows newer than the last one read are
// fetched and parsed: the worker reads the same busy incident for every attempt, and parsing its whole log each
// time made a delivery cost grow with the incident's length.
import type { Kysely } from 'kysely';
import { parseEvent, type IncidentEvent } from '@shared/incident/events';
import { fold } from '@shared/incident/fold';
import type { IncidentState } from '@shared/incident/state';
import type { Database } from '../db/schema';

interface Cached { seq: number; events: IncidentEvent[]; readAt: number }

/** Incidents kept parsed, and the longest log kept (a longer one is read each time rather than held in memory). */
const MAX_INCIDENTS = 32;
const MAX_EVENTS = 20_000;
/** A kept log is read whole again after this long: should the database ever go back (a restore), it heals. */
const FRESH_MS = 60_000;
const caches = new WeakMap<Kysely<Database>, Map<string, Cached>>();

export async function incidentEvents(db: Kysely<Database>, workspaceId: string, incidentId: string): Promise<IncidentEvent[]> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = `${workspaceId}|${incidentId}`;
  const cached = cache.get(key);
  const known = cached && Date.now() - cached.readAt < FRESH_MS ? cached : undefined;
  const rows = await db.selectFrom('events').select(['seq', 'body'])
    .where('workspace_id', '=', workspaceId).where('incident_id', '=', incidentId).where('seq', '>', String(known?.seq ?? 0))
    .orderBy('seq').execute();
  const events = known ? [...known.events] : [];
  for (const row of rows) {
    const parsed = parseEvent(row.body); // stored events were validated on push; parse restores the types
    if (parsed.ok) events.push(parsed.event);
  }
  const seq = rows.length > 0 ? Number(rows[rows.length - 1]?.seq) : known?.seq ?? 0;
  cache.delete(key); // re-inserted last: the most recently used
  if (events.length <= MAX_EVENTS) cache.set(key, { seq, events, readAt: known?.readAt ?? Date.now() });
  while (cache.size > MAX_INCIDENTS) cache.delete(cache.keys().next().value as string);
  return events;
}

export async function loadIncident(db: Kysely<Database>, workspaceId: string, incidentId: string): Promise<{ state: IncidentState; events: IncidentEvent[] }> {
  const events = await incidentEvents(db, workspaceId, incidentId);
  return { state: fold(incidentId, events), events };
}
