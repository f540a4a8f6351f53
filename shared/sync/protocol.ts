// Wire types of the sync API (/api/v1): push, pull, join, realtime pokes, admin, and the error body.
import { z } from 'zod';
import type { IncidentEvent } from '../incident/events';
import { describeTextProblem, textProblem } from '../incident/storable-text';
import { isServerIdentity } from './server-actor';
import { PUBLIC_KEY_PATTERN } from './signature';

export const API_PREFIX = '/api/v1';
/** Most events one push may carry; the engine batches its outbox to this size. */
export const MAX_PUSH_EVENTS = 500;
/** Most events one pull page returns. */
export const MAX_PULL_LIMIT = 1000;
export const REALTIME_PATH = `${API_PREFIX}/realtime`;

const id = z.string().min(1).max(100);
export const workspaceIdSchema = z.string().regex(/^[0-9a-f-]{36}$/i, 'expected a workspace id');

/** A string the database can store (no NUL, no lone surrogate), with the reason named when it cannot. */
export function storableString(schema: z.ZodString) {
  return schema.superRefine((text, issue) => {
    const problem = textProblem(text);
    if (problem) issue.addIssue({ code: 'custom', message: describeTextProblem(problem) });
  });
}

/** The id a device writes its events under (actor.deviceId and HLC node); the server's own ids are reserved. */
export const deviceIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'expected a device id (1-64 letters, digits, _ . : -)')
  .refine((id) => !isServerIdentity(id), { message: 'is reserved for the server' });

export const joinRequestSchema = z.object({
  inviteCode: storableString(z.string().trim().min(8).max(200)),
  deviceName: storableString(z.string().trim().min(1).max(80)),
  displayName: storableString(z.string().trim().min(1).max(80)),
  /**
   * The id this console already writes its events under. The server adopts it when no device has it yet,
   * so events logged before joining are this device's own; otherwise it assigns a fresh one (see the answer).
   */
  deviceId: deviceIdSchema.optional(),
  /** The console's Ed25519 public key (base64url, raw 32 bytes): the server checks its signatures with it. */
  publicKey: z.string().regex(PUBLIC_KEY_PATTERN, 'expected an Ed25519 public key (43 base64url characters)').optional(),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

export const roleSchema = z.enum(['admin', 'member']);
export type DeviceRole = z.infer<typeof roleSchema>;

export const joinResponseSchema = z.object({
  token: z.string(),
  workspace: workspaceIdSchema,
  workspaceName: z.string(),
  deviceId: id,
  role: roleSchema,
});
export type JoinResponse = z.infer<typeof joinResponseSchema>;

/** Events stay `unknown` here: the server validates each with parseEvent to name the bad index and path. */
export const pushRequestSchema = z.object({
  workspace: workspaceIdSchema,
  events: z.array(z.unknown()).max(MAX_PUSH_EVENTS, `at most ${MAX_PUSH_EVENTS} events per push`),
});
export interface PushRequest {
  workspace: string;
  events: IncidentEvent[];
}

/**
 * The identity of the workspace's history on the server. A new one means the history may have gone back (a
 * restore, a rebuild, a failover): a console re-reads from the start and re-pushes what the server lacks. Absent
 * from servers older than epochs.
 */
export const epochSchema = z.string().min(1).max(100);

export const pushResponseSchema = z.object({
  acked: z.array(z.string()),
  serverHlc: z.string(),
  /** Sequence number of the newest event in the workspace after this push. */
  seq: z.number().int().nonnegative(),
  epoch: epochSchema.optional(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullQuerySchema = z.object({
  workspace: workspaceIdSchema,
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(500),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;

/**
 * What this console may not read now (docs/server.md, Restricted incidents): the restricted incidents it is not a
 * participant of and the alert groups attached to them. Events of these streams are left out of every pull; a
 * stream that appears here is purged from the console, one that leaves it is read again from the start
 * (`GET /sync/stream`). Absent from servers older than restricted incidents.
 */
export const accessNoticeSchema = z.object({ hidden: z.array(z.string().min(1).max(100)).max(100_000) });
export type AccessNotice = z.infer<typeof accessNoticeSchema>;

export const cursorMarkSchema = z.string().regex(/^[A-Za-z0-9_-]{16}$/, 'expected a cursor mark');

/** Pulled events are parsed again by the client (parseEvent) before they reach its store. */
export const pullResponseSchema = z.object({
  events: z.array(z.unknown()),
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  epoch: epochSchema.optional(),
  /** The newest sequence number: a cursor beyond it means the history went back. */
  head: z.number().int().nonnegative().optional(),
  access: accessNoticeSchema.optional(),
  /**
   * Marks of the events at `after` and at `cursor` (a short hash of the event's id; null: no event there). A console
   * that kept the mark of its cursor and gets another one for `after` knows the history went back without saying so
   * (a data directory put back from a copy): the same epoch, a head past its cursor, other events under its numbers.
   */
  afterMark: cursorMarkSchema.nullable().optional(),
  cursorMark: cursorMarkSchema.nullable().optional(),
});
export interface PullResponse {
  events: IncidentEvent[];
  cursor: number;
  hasMore: boolean;
  epoch: string;
  head: number;
  access: AccessNotice;
  afterMark: string | null;
  cursorMark: string | null;
}

/** One stream's history (an incident, an alert group, the team's), for a console newly allowed to read it. */
export const streamQuerySchema = z.object({
  workspace: workspaceIdSchema,
  stream: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a stream id (a UUID)'),
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(500),
});
/**
 * A pull page of one stream (the same shape as a pull's, its events all of that stream): `cursor` is a workspace
 * sequence number, the last of the page or the head. Servers older than issue #27 answer only the first three fields.
 */
export const streamResponseSchema = pullResponseSchema;

/** GET /sync/summaries: what a console that joins needs to list every incident, without their histories (issue #27). */
export const summariesQuerySchema = z.object({ workspace: workspaceIdSchema });
export const streamSizeSchema = z.object({ stream: z.string().min(1).max(100), events: z.number().int().nonnegative() });
/**
 * A page of the log up to `head` (cursor = head, hasMore false) holding, for every stream this console may read, only
 * the events an incident's summary folds and the stream's newest event; `streams`: every such stream and how many
 * events it holds. A console continues with /sync/pull from `cursor` and reads each stream it needs whole through
 * /sync/stream (up to `head` at least): the events below `head` it lacks are exactly those of the streams not read.
 */
export const summariesResponseSchema = pullResponseSchema.extend({
  streams: z.array(streamSizeSchema).max(1_000_000),
});
export type StreamSize = z.infer<typeof streamSizeSchema>;
/**
 * A poke carries the events it announces when they are few (at most this many, and small): the console shows them
 * without a pull. Larger pushes, and pokes from another instance (LISTEN/NOTIFY), carry none.
 */
export const MAX_REALTIME_EVENTS = 50;

/** POST /sync/key: an existing device registers its signing key (trusted on first use, through its token). */
export const keyRequestSchema = z.object({
  workspace: workspaceIdSchema,
  publicKey: z.string().regex(PUBLIC_KEY_PATTERN, 'expected an Ed25519 public key (43 base64url characters)'),
});
export const keyResponseSchema = z.object({ publicKey: z.string(), registeredAt: z.string() });

/** POST /sync/relay answers per event: what it stored (or already held) and what it refused, and why. */
export const relayResponseSchema = z.object({
  acked: z.array(z.string()),
  refused: z.array(z.object({ index: z.number().int(), id: z.string(), error: z.string(), message: z.string() })),
  serverHlc: z.string(),
  seq: z.number().int().nonnegative(),
  epoch: epochSchema.optional(),
});
export type RelayResponse = z.infer<typeof relayResponseSchema>;

/** GET /sync/keys: the keys this workspace's signatures are checked with (any member; archives carry them). */
export const keysResponseSchema = z.object({
  server: z.string(),
  /** Keys of servers that held this workspace before it was recreated: the server's older events are signed by them. */
  formerServer: z.array(z.string()).optional(),
  devices: z.array(z.object({ id: z.string(), displayName: z.string(), publicKey: z.string(), registeredAt: z.string().nullable(), revokedAt: z.string().nullable() })),
});
export type KeysResponse = z.infer<typeof keysResponseSchema>;

/** Realtime channel: the client authenticates with its first message; the server only ever pokes. */
export const realtimeHelloSchema = z.object({ type: z.literal('hello'), token: z.string().min(1).max(200), workspace: workspaceIdSchema });
export type RealtimeHello = z.infer<typeof realtimeHelloSchema>;
export const realtimeServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), workspace: workspaceIdSchema, seq: z.number().int().nonnegative(), epoch: epochSchema.optional() }),
  z.object({
    type: z.literal('poke'), workspace: workspaceIdSchema, seq: z.number().int().nonnegative(),
    /** With `events`: the sequence number of the first; the events are every one the console may read in [from, seq]. */
    from: z.number().int().positive().optional(),
    events: z.array(z.unknown()).max(MAX_REALTIME_EVENTS).optional(),
    epoch: epochSchema.optional(),
    /** With `events`: the mark of the event at `seq`, as a pull would answer it for that cursor (recovery). */
    cursorMark: cursorMarkSchema.optional(),
  }),
  z.object({ type: z.literal('error'), error: z.string(), message: z.string() }),
]);
export type RealtimeServerMessage = z.infer<typeof realtimeServerMessageSchema>;

export const inviteRequestSchema = z.object({
  role: roleSchema.default('member'),
  maxUses: z.number().int().min(1).max(1000).default(1),
  expiresInHours: z.number().min(0.01).max(24 * 90).default(72),
  /**
   * The person it is for: the console joins under this name. The only way to join under a name another console
   * already holds (a second laptop) or one with standing (a security officer, a restricted incident's participant).
   */
  person: storableString(z.string().trim().min(1).max(80)).optional(),
});
export const inviteResponseSchema = z.object({
  inviteCode: z.string(), role: roleSchema, maxUses: z.number(), expiresAt: z.string(), person: z.string().optional(),
});
export type InviteResponse = z.infer<typeof inviteResponseSchema>;

export const deviceInfoSchema = z.object({
  id,
  name: z.string(),
  displayName: z.string(),
  role: roleSchema,
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type DeviceInfo = z.infer<typeof deviceInfoSchema>;

export const ERROR_CODES = [
  'malformed_json', 'invalid_request', 'invalid_event', 'clock_skew', 'body_too_large', 'unsupported_media_type',
  'unauthorized', 'forbidden_workspace', 'admin_required', 'invalid_invite', 'name_taken', 'actor_mismatch', 'restricted_incident', 'command_required', 'not_found', 'id_conflict',
  'signature_required', 'signature_invalid', 'unknown_signer', 'signer_revoked', 'key_conflict',
  'rate_limited',
  'unavailable', 'internal',
] as const;
export type ApiErrorCode = (typeof ERROR_CODES)[number];

export const apiErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
  /** For invalid_event: which event in the batch, and the path inside it. */
  index: z.number().int().optional(),
  path: z.string().optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
