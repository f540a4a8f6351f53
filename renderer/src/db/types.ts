// Row types of the local database and the shapes the renderer's hooks hand to components.
import type { IncidentEvent, IncidentStatus } from '@shared/incident/events';
import type { Plan } from '@shared/plan/schema';
import { isLogEntry } from '@shared/incident/partial';

/** A contact of the team's sheet (folded from the team stream; the `contacts` table is legacy, see migrate-team.ts). */
export type { Contact } from '@shared/workspace/team';

/** One row per incident for the list screen; kept current in the same transaction as each event. */
export interface IncidentSummary {
  id: string;
  /** False until the incident.opened event is stored (sync may deliver other events first). */
  opened: boolean;
  title: string;
  severity: string | null;
  status: IncidentStatus;
  drill: boolean;
  /** Restricted to its participants (absent on rows written before restricted incidents: open). */
  restricted?: boolean;
  detectedAt: number;
  impactStartedAt: number;
  lastActivityAt: number;
  eventCount: number;
  /** Last-writer-wins stamps (`${hlc}|${eventId}`) per field, so out-of-order sync lands like the doc. */
  stamps: Record<string, string>;
  /**
   * Set while this console holds only the incident's summary events (it joined without the history, issue #27): how
   * many events the server held for it then. Its timeline is read from the server when opened (db/restricted.ts
   * oweStreams), and the mark goes once it is read whole.
   */
  unread?: number;
}

/**
 * A stored event. `seq` is the local insertion order (lets open incidents read only what is new).
 * The event itself is kept as JSON text: IndexedDB reads one string per row several times faster than
 * a nested object, which decides how fast a 100,000-entry incident opens. Read it with eventOfRow.
 */
export interface EventRow {
  seq?: number;
  id: string;
  incidentId: string;
  hlc: string;
  json: string;
  /**
   * The incident id on every row but a log entry (absent there, so the sparse `headOf` index holds only them):
   * a console opens on these plus its newest rows, without reading the bulk first (live-incident.ts).
   */
  headOf?: string;
  /**
   * On a row this console pushes (outbox.ts): 1 until acknowledged in order (unsent while above the outbox mark), 0 once
   * acknowledged ahead of an unsent one. Absent on rows only received.
   */
  out?: 0 | 1;
}

/** The event of a stored row (validated before it was stored). */
export function eventOfRow(row: EventRow): IncidentEvent {
  return JSON.parse(row.json) as IncidentEvent;
}

/** The local seq an event object was stored under by this tab (write.ts), while the object lives. */
const seqs = new WeakMap<IncidentEvent, number>();

export function noteStoredSeq(event: IncidentEvent, seq: number): void {
  seqs.set(event, seq);
}

export function storedSeq(event: IncidentEvent): number | undefined {
  return seqs.get(event);
}

export function rowOfEvent(event: IncidentEvent): EventRow {
  const row: EventRow = { id: event.id, incidentId: event.incidentId, hlc: event.hlc, json: JSON.stringify(event) };
  if (!isLogEntry(event)) row.headOf = event.incidentId;
  return row;
}

/**
 * A cache of one incident's events up to a local seq, as JSON arrays of up to 10,000 events (`chunks`; snapshots
 * written before were one array in `json`): reading a 100,000-event incident's history reads one row instead of
 * 100,000, and parses it a chunk per task. Always rebuildable from `events`; whoever deletes events must delete it.
 */
export interface SnapshotRow {
  incidentId: string;
  upToSeq: number;
  count: number;
  chunks?: string[];
  json?: string;
}

/**
 * A stream the server says this console may no longer read (a restricted incident it is not among the participants
 * of, or an alert group attached to one): everything of it was purged here; the list shows only that one exists.
 */
export interface RestrictedRow {
  id: string;
  /** When this console learned it (epoch ms). */
  hiddenAt: number;
  /** Local events of it that had not reached the server and were dropped with it. */
  droppedUnsent: number;
}

/** A drill script the facilitator saved or imported (the plan's defaults are not stored; saved rows win by id). */
export interface DrillScriptRow {
  id: string;
  /** Stored as saved; re-validated with drillScriptSchema on every read, so an old or tampered row is skipped. */
  script: unknown;
  savedAt: number;
}

export interface PlanRow {
  id: 'active';
  plan: Plan;
  importedAt: number;
}

export interface Identity {
  name: string;
  deviceId: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}
