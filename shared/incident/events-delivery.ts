// Events of outbound communication: what the commander asks the server to send (delivery.requested, a
// commander's retry) and what the server reports back (delivery.sent / delivery.failed, server-authored).
// Spread into payloadSchemas in events.ts. Secrets (SMTP passwords, webhook URLs) never appear here: a
// target names a channel and a destination by id; the server's configuration holds where that goes.
import { z } from 'zod';
import { adapterOf, DELIVERY_CHANNEL_NAMES, TARGET_SCHEMAS } from '../delivery/channels/registry';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'expected an id of letters, digits and dashes').max(100);
const instant = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), { message: 'expected an ISO 8601 date-time' });
const reason = z.string().trim().min(1, 'must not be empty').max(2_000);
export { emailAddress } from '../delivery/channels/email';

/** Atlassian Statuspage's enums, so the hosted page and its API read like Statuspage's own. */
export const PUBLIC_INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type PublicIncidentStatus = (typeof PUBLIC_INCIDENT_STATUSES)[number];
export const COMPONENT_STATUSES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** Every channel a delivery outcome names: the registry's kinds (a page's outcomes name 'page'). */
export const DELIVERY_CHANNELS = DELIVERY_CHANNEL_NAMES;
export type DeliveryChannel = string;

/** Where one update goes: each kind's target schema, from the channel registry (shared/delivery/channels/). */
export const deliveryTargetSchema = z.discriminatedUnion('channel', TARGET_SCHEMAS);
export type DeliveryTarget = z.infer<typeof deliveryTargetSchema>;

/** What a status-page update says beyond its text: the plan's five fields and the component states. */
export const statusPageFieldsSchema = z.object({
  status: z.enum(PUBLIC_INCIDENT_STATUSES),
  components: z.array(z.object({ id: slug, status: z.enum(COMPONENT_STATUSES) })).min(1, 'must name at least one affected service').max(100),
  startedAt: instant,
  /** Estimated resolution; absent only once resolved. */
  estimatedResolutionAt: instant.optional(),
  /** When the next update will be posted; absent only once resolved. */
  nextUpdateAt: instant.optional(),
  /** The public text of this update, written for the public; absent on older requests (the update's own text was shown). */
  body: z.string().trim().min(1, 'must not be empty').max(20_000).optional(),
}).refine((f) => f.status === 'resolved' || (f.estimatedResolutionAt !== undefined && f.nextUpdateAt !== undefined), {
  message: 'an unresolved incident needs an estimated resolution time and a next update time',
  path: ['estimatedResolutionAt'],
});
export type StatusPageFields = z.infer<typeof statusPageFieldsSchema>;

/** The key of one delivery of a request: one row in the server's deliveries table, one line in the console. */
export function targetKey(target: DeliveryTarget): string {
  const adapter = adapterOf(target.channel);
  return adapter?.targetKey ? adapter.targetKey(target as never) : target.channel;
}

/** What a page's delivery.sent records of its acknowledge link. */
export const ackLinkRecordSchema = z.object({
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a hex SHA-256'),
  person: z.string().trim().min(1).max(200),
  contactId: z.string().min(1).max(100).optional(),
  expiresAt: instant,
});
export type AckLinkRecord = z.infer<typeof ackLinkRecordSchema>;

export const deliveryPayloadSchemas = {
  /** Recorded with the update.posted it sends (same user action): deliver that update to each target once. */
  'delivery.requested': z.object({
    updateId: uuid,
    targets: z.array(deliveryTargetSchema).min(1, 'must name at least one channel').max(20)
      .refine((ts) => new Set(ts.map(targetKey)).size === ts.length, { message: 'names the same channel twice' }),
    statusPage: statusPageFieldsSchema.optional(),
    /** The incident's public title (status page, customer email), never the internal one; absent on older requests. */
    publicTitle: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  }).refine((p) => !p.targets.some((t) => adapterOf(t.channel)?.statusPageFields) || p.statusPage !== undefined, {
    message: 'a status-page update needs its status, affected services, start, estimated resolution and next update times',
    path: ['statusPage'],
  }),
  /** The commander asks the server to try a failed delivery again now. */
  'delivery.retried': z.object({ requestId: uuid, target: z.string().min(1).max(200) }),
  /** Server-authored: one delivery reached its channel (or, for a drill, its sandbox). */
  'delivery.sent': z.object({
    requestId: uuid,
    target: z.string().min(1).max(200),
    channel: z.enum(DELIVERY_CHANNELS),
    attempt: z.number().int().positive(),
    /** What reached where, in words ("3 recipients", "HTTP 200", "drill status page"). */
    detail: z.string().max(2_000).default(''),
    /** Email: the Message-ID, stable per (request, recipient list), so a resend is recognisable. */
    messageId: z.string().max(998).optional(),
    /** True for a drill: it went to the drill's sandbox, never to a real audience. */
    sandbox: z.boolean().default(false),
    /** A page: the acknowledge link it sent, as the token's sha256 (never the token), so a server that comes back from
     * a backup older than the page still honours the link (server/src/paging/ack-tokens.ts). */
    ackLink: z.lazy(() => ackLinkRecordSchema).optional(),
  }),
  /** Server-authored: an attempt failed; nextAttemptAt says when the server tries again (null: it gave up). */
  'delivery.failed': z.object({
    requestId: uuid,
    target: z.string().min(1).max(200),
    channel: z.enum(DELIVERY_CHANNELS),
    attempt: z.number().int().positive(),
    reason,
    nextAttemptAt: instant.nullable(),
    sandbox: z.boolean().default(false),
  }),
} as const;
