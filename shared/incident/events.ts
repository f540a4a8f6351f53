// Every change to an incident is one immutable event. These schemas validate events from any untrusted
// source (sync, archives); the types are inferred from them.
import { z } from 'zod';
import { isEncodedHlc } from '../hlc/hlc';
import { warRoomPayloadSchemas } from './events-warroom';
import { MAINTENANCE_STREAM_ID, TEAM_STREAM_ID } from '../workspace/streams';
import { TEAM_EVENT_TYPES, teamPayloadSchemas } from './events-team';
import { alertPayloadSchemas, alertStreamProblem } from './events-alerts';
import { describeTextProblem, findUnstorable } from './storable-text';
import { deliveryPayloadSchemas } from './events-delivery';
import { describeFirstIssue } from '../validation/zod-issues';
import { pagingPayloadSchemas } from './events-paging';
import { accessPayloadSchemas, visibilitySchema } from './events-access';
import { SIGNATURE_PATTERN } from '../sync/signature';
import { MAINTENANCE_EVENT_TYPES, maintenancePayloadSchemas } from './events-maintenance';

const MAX_TEXT = 20_000;
const text = z.string().trim().min(1, 'must not be empty').max(MAX_TEXT);
const optionalText = z.string().max(MAX_TEXT);
const shortText = z.string().trim().min(1, 'must not be empty').max(200);
const planId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'expected a plan id').max(100);
/** A checklist item: `${sectionId}.${itemId}` for a step's own items, `p1-3` for the escalation checklist. */
const checklistItemId = z.string().regex(/^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)?$/i, 'expected a checklist item id').max(201);
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID');
export const isoInstant = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
  message: 'expected an ISO 8601 date-time',
});

export const STATUSES = ['investigating', 'identified', 'mitigating', 'monitoring', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof STATUSES)[number];
export const ENTRY_KINDS = ['note', 'decision', 'action', 'evidence'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/** live: a simulated incident on the clock; tabletop: a discussion walk-through; training: a training session held. */
export const EXERCISE_MODES = ['live', 'tabletop', 'training'] as const;
export type ExerciseMode = (typeof EXERCISE_MODES)[number];

const classification = {
  severity: planId.optional(),
  category: planId.optional(),
  scope: optionalText.optional(),
  impact: optionalText.optional(),
};

export const payloadSchemas = {
  'incident.opened': z.object({
    title: shortText,
    detectedAt: isoInstant,
    impactStartedAt: isoInstant,
    detectionSource: optionalText.default(''),
    drill: z.boolean().default(false),
    planId: planId.optional(),
    /** The plan it was declared under: the plan.published event's id (null = the built-in plan); absent on older incidents. */
    planPublishedId: uuid.nullable().optional(),
    /** That plan's version number when declared (for display; the id is what pins it). */
    planVersion: z.number().int().nonnegative().optional(),
    /** The acknowledgement rule it is judged by (shared/incident/acknowledgement.ts); absent on older incidents: rule 1. */
    acknowledgementRule: z.number().int().min(1).max(99).optional(),
    /** Restricted from the start (the plan's restricted categories, or the declarer's choice); absent: open. */
    visibility: visibilitySchema.optional(),
    ...classification,
  }),
  'incident.classified': z.object({ ...classification, impactStartedAt: isoInstant.optional() }),
  'incident.acknowledged': z.object({
    note: optionalText.optional(),
    /**
     * Who acknowledged: on a console, its author (shared/incident/authorship.ts); from a page's link, the paged person
     * (the event is then the server's, with the page). Absent on older consoles' acknowledgements.
     */
    person: shortText.optional(),
    contactId: z.string().min(1).max(100).optional(),
    pageId: uuid.optional(),
    /** The role the responder acknowledges for (the one they were paged for or assigned). */
    roleId: planId.optional(),
  }),
  'severity.changed': z.object({ from: planId.nullable().optional(), to: planId, reason: optionalText.default('') }),
  'status.changed': z.object({ from: z.enum(STATUSES).optional(), to: z.enum(STATUSES), reason: optionalText.default('') }),
  'entry.added': z.object({ kind: z.enum(ENTRY_KINDS), text, url: z.string().max(2048).optional() }),
  'entry.amended': z.object({ entryId: uuid, text }),
  'entry.retracted': z.object({ entryId: uuid, reason: text }),
  'entry.starred': z.object({ entryId: uuid, starred: z.boolean() }),
  'step.checked': z.object({ stepId: planId, itemId: checklistItemId }),
  'step.unchecked': z.object({ stepId: planId, itemId: checklistItemId }),
  'role.assigned': z.object({ roleId: planId, person: shortText, contactId: z.string().max(100).optional() }),
  'role.relieved': z.object({ roleId: planId, reason: optionalText.optional() }),
  'update.posted': z.object({ audience: planId, channel: shortText, text }),
  'scenario.attached': z.object({ scenarioId: planId }),
  'scenario.detached': z.object({ scenarioId: planId }),
  'clock.snoozed': z.object({ clockId: z.string().min(1).max(200), until: isoInstant, reason: text }),
  // fromTaskId: the in-incident task the action item was made from (open tasks at resolution are offered to the review).
  'action.created': z.object({ actionId: uuid, title: shortText, owner: optionalText.default(''), deadline: isoInstant.optional(), fromTaskId: uuid.optional() }),
  'action.updated': z.object({
    actionId: uuid,
    title: shortText.optional(),
    owner: optionalText.optional(),
    deadline: isoInstant.nullable().optional(),
    status: z.enum(ACTION_STATUSES).optional(),
    followedUp: z.boolean().optional(),
  }),
  'pir.edited': z.object({ field: z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/).max(100), value: optionalText }),
  'breach.recorded': z.object({
    discoveredAt: isoInstant.optional(),
    authority: optionalText.optional(),
    authorityNotifiedAt: isoInstant.nullable().optional(),
    individualsNotifiedAt: isoInstant.nullable().optional(),
    highRiskToIndividuals: z.boolean().optional(),
    evidencePreserved: z.boolean().optional(),
    notes: optionalText.optional(),
  }),
  'exercise.control': z.object({
    action: z.enum(['start', 'pause', 'resume', 'end']),
    scriptId: z.string().max(100).optional(),
    mode: z.enum(EXERCISE_MODES).optional(),
  }),
  'exercise.inject': z.object({ injectId: z.string().min(1).max(100), title: shortText, text, offsetMinutes: z.number().nonnegative().optional() }),
  'exercise.observation': z.object({ text }),
  ...warRoomPayloadSchemas,
  ...teamPayloadSchemas,
  ...alertPayloadSchemas,
  ...deliveryPayloadSchemas,
  ...pagingPayloadSchemas,
  ...accessPayloadSchemas,
  ...maintenancePayloadSchemas,
} as const;

export type EventType = keyof typeof payloadSchemas;
export const EVENT_TYPES = Object.keys(payloadSchemas) as EventType[];
export type PayloadOf<T extends EventType> = z.infer<(typeof payloadSchemas)[T]>;
export type PayloadInput<T extends EventType> = z.input<(typeof payloadSchemas)[T]>;

export const actorSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(80),
  deviceId: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'expected a device id'),
});
export type Actor = z.infer<typeof actorSchema>;

const envelope = {
  id: uuid,
  incidentId: uuid,
  hlc: z.string().refine(isEncodedHlc, { message: 'expected a hybrid logical clock value' }),
  actor: actorSchema,
  recordedAt: isoInstant,
  occurredAt: isoInstant,
  /** Set when a device other than the author's pushed the event (an archive import): who did, and when. */
  imported: z.object({ by: actorSchema, at: isoInstant }).optional(),
  /**
   * Ed25519 signature (base64url) by the device that brought the event in (the importer, else the author; the
   * server for its own): shared/sync/signature.ts. Absent on events from before signing.
   */
  sig: z.string().regex(SIGNATURE_PATTERN, 'expected an Ed25519 signature (86 base64url characters)').optional(),
  /** Set on a copy another device gave back after the server's history went back: who relayed it, and when. */
  relayed: z.object({ by: actorSchema, at: isoInstant }).optional(),
};

function eventSchemaFor<T extends EventType>(type: T) {
  return z.object({ ...envelope, type: z.literal(type), payload: payloadSchemas[type] });
}

const schemas = EVENT_TYPES.map((t) => eventSchemaFor(t));
export const incidentEventSchema = z.discriminatedUnion(
  'type',
  schemas as unknown as [ReturnType<typeof eventSchemaFor<EventType>>, ...ReturnType<typeof eventSchemaFor<EventType>>[]],
);

export type IncidentEvent = { [T in EventType]: EventOf<T> }[EventType];
export type EventOf<T extends EventType> = {
  id: string;
  incidentId: string;
  type: T;
  hlc: string;
  actor: Actor;
  recordedAt: string;
  occurredAt: string;
  imported?: ImportMark;
  sig?: string;
  relayed?: RelayMark;
  payload: PayloadOf<T>;
};

/** Provenance of an event another device brought in (archive import): the author stays `actor`. */
export interface ImportMark {
  by: Actor;
  at: string;
}

/** Provenance of a copy another device gave back to the server (a relay): the author and signature stay. */
export type RelayMark = ImportMark;

export type EventParseResult = { ok: true; event: IncidentEvent } | { ok: false; error: string };

const MAINTENANCE_DELIVERY_TYPES: ReadonlySet<string> = new Set(['delivery.sent', 'delivery.failed', 'delivery.retried']);

/** Validate one event from an untrusted source, with a path-named error. */
export function parseEvent(input: unknown): EventParseResult {
  const bad = findUnstorable(input);
  if (bad !== null) return { ok: false, error: `${bad.path || 'event'}: ${describeTextProblem(bad.problem)}` };
  const result = incidentEventSchema.safeParse(input);
  if (result.success) {
    const event = result.data as IncidentEvent;
    const teamType = (TEAM_EVENT_TYPES as readonly string[]).includes(event.type);
    if (teamType !== (event.incidentId.toLowerCase() === TEAM_STREAM_ID)) {
      return { ok: false, error: teamType ? `incidentId: ${event.type} belongs to the team stream` : `type: ${event.type} does not belong to the team stream` };
    }
    const maintenanceType = (MAINTENANCE_EVENT_TYPES as readonly string[]).includes(event.type);
    const inMaintenance = event.incidentId.toLowerCase() === MAINTENANCE_STREAM_ID;
    // A window's emails to subscribers are deliveries: their outcomes (and a retry) live beside the window.
    if (maintenanceType !== inMaintenance && !(inMaintenance && MAINTENANCE_DELIVERY_TYPES.has(event.type))) {
      return { ok: false, error: maintenanceType ? `incidentId: ${event.type} belongs to the maintenance stream` : `type: ${event.type} does not belong to the maintenance stream` };
    }
    const alertProblem = alertStreamProblem(event);
    if (alertProblem) return { ok: false, error: alertProblem };
    return { ok: true, event };
  }
  return { ok: false, error: describeFirstIssue(result.error, { root: 'event' }) };
}
