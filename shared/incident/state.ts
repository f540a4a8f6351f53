// The incident as the console shows it: a pure projection of the doc (events + registers).
import type { Acknowledgement, AckRule } from './acknowledgement';
import type { Actor, ActionStatus, EntryKind, ExerciseMode, IncidentEvent, IncidentStatus } from './events';

export interface RoleHolder { person: string; contactId?: string; since: number; assignedBy: string }
export interface CheckState { checked: boolean; at: number; by: string }
export interface PostedUpdate { id: string; audience: string; channel: string; text: string; at: number; by: string }
export interface Snooze { until: number; reason: string; by: string; at: number }
export interface StatusChange { status: IncidentStatus; at: number; by: string; reason: string; eventId: string }
export interface SeverityChange { severity: string; at: number; by: string; reason: string; eventId: string }

export interface ActionItem {
  id: string;
  title: string;
  owner: string;
  deadline: number | null;
  status: ActionStatus;
  createdAt: number;
  createdBy: string;
  /** Last time someone recorded a follow-up; the follow-up clock restarts from it. */
  followedUpAt: number | null;
  updatedAt: number;
}

export interface BreachRecord {
  discoveredAt: number | null;
  authority: string;
  authorityNotifiedAt: number | null;
  individualsNotifiedAt: number | null;
  highRiskToIndividuals: boolean | null;
  evidencePreserved: boolean | null;
  notes: string;
}

/** Open or restricted, and the latest change (null: never changed, open). */
export interface VisibilityState {
  restricted: boolean;
  changedAt: number | null;
  changedBy: string | null;
  reason: string;
}

/** A participant added by name (invited) or a console that declared or restricted the incident (deviceId). */
export interface InvitedParticipant {
  /** The fold's principal key: `person:<personKey>` or `device:<deviceId>`. */
  principal: string;
  person: string;
  deviceId?: string;
  at: number;
  by: string;
}

export interface Retraction { reason: string; at: number; by: string }

export interface TimelineEntry {
  id: string;
  type: IncidentEvent['type'];
  /** Entry kind for logged entries; 'system' for everything the console recorded itself. */
  kind: EntryKind | 'system' | 'inject';
  event: IncidentEvent;
  actor: Actor;
  occurredAt: number;
  recordedAt: number;
  /** Logged noticeably later than it happened (the scribe back-dated it). */
  backdated: boolean;
  /** Current text (after amendments) for entries; undefined for system events. */
  text?: string;
  originalText?: string;
  amendments: Array<{ text: string; at: number; by: string; eventId: string }>;
  retracted: Retraction | null;
  starred: boolean;
}

export interface ExerciseState {
  controls: Array<{ action: 'start' | 'pause' | 'resume' | 'end'; at: number; scriptId?: string; mode?: ExerciseMode }>;
  injects: Array<{ eventId: string; injectId: string; title: string; text: string; at: number; offsetMinutes?: number }>;
  observations: Array<{ eventId: string; text: string; at: number; by: string }>;
}

export interface IncidentState {
  id: string;
  /** False until the incident.opened event has arrived (sync may deliver other events first). */
  opened: boolean;
  title: string;
  drill: boolean;
  planId: string | null;
  detectedAt: number;
  impactStartedAt: number;
  detectionSource: string;
  openedBy: Actor | null;
  severity: string | null;
  category: string | null;
  scope: string;
  impact: string;
  status: IncidentStatus;
  statusSince: number;
  statusHistory: StatusChange[];
  severityHistory: SeverityChange[];
  /** When the response target was met: `acknowledgement.at` (kept as a field: clocks and metrics read it). */
  acknowledgedAt: number | null;
  /** Who acknowledged and how, under the incident's acknowledgement rule (shared/incident/acknowledgement.ts). */
  acknowledgement: Acknowledgement | null;
  /** The rule it was declared under: 1 for incidents declared before acknowledgements were bound to responders. */
  acknowledgementRule: AckRule;
  mitigatedAt: number | null;
  monitoringSince: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  roles: Record<string, RoleHolder>;
  checks: Record<string, CheckState>;
  updates: PostedUpdate[];
  scenarioIds: string[];
  snoozes: Record<string, Snooze>;
  actionItems: ActionItem[];
  pir: Record<string, string>;
  /** When the review status last became "final" (null while draft or in review). */
  pirFinalizedAt: number | null;
  breach: BreachRecord | null;
  visibility: VisibilityState;
  /** Invited participants and the consoles that declared or restricted it (not removed); role holders are in `roles`. */
  invited: InvitedParticipant[];
  timeline: TimelineEntry[];
  /**
   * The timeline without the log entries (entry.added): system events (checks, tasks, roles, updates, handovers,
   * plan adoptions, ...) in the same order. Logging an entry keeps this same array, so what is derived only from
   * system events (tasks, role requests, handovers, the pinned plan, deliveries) is cached on it and is not
   * recomputed over 100,000 entries for every line logged.
   */
  systemTimeline: TimelineEntry[];
  exercise: ExerciseState;
  eventCount: number;
  lastActivityAt: number;
}

export const checkKey = (stepId: string, itemId: string) => `${stepId}:${itemId}`;

/** Events that only modify another entry; they are folded into it rather than listed on their own. */
export const CORRECTION_TYPES: ReadonlySet<IncidentEvent['type']> = new Set(['entry.amended', 'entry.retracted', 'entry.starred']);

/** A back-dated entry: logged more than this after it happened. */
export const BACKDATE_THRESHOLD_MS = 60_000;
