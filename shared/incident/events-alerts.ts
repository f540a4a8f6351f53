// Alert events: notifications from monitoring (server-authored, one stream per alert group) and what a
// person decides about a group (silence, attach to an incident). Spread into payloadSchemas.
import { z } from 'zod';
import { ALERT_STATUSES } from '../alerts/payloads';
import { ALERT_SOURCES } from '../alerts/sources/registry';
import { isAlertStream } from '../workspace/streams';

// Local copies of the envelope's field checks: importing them from events.ts would be an import cycle.
const instant = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
  message: 'expected an ISO 8601 date-time',
});
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID');
const planRef = z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'expected a plan id').max(100);
const labels = z.record(z.string().max(200), z.string().max(2_000));
const annotations = z.record(z.string().max(200), z.string().max(20_000));
const reason = z.string().trim().min(1, 'must not be empty').max(2_000);

export const alertTriageSchema = z.object({
  ruleId: planRef.optional(),
  severity: planRef.optional(),
  reason: z.string().max(500).optional(),
  category: planRef.optional(),
  scenario: planRef.optional(),
  action: z.enum(['declare', 'triage']),
  value: z.number().optional(),
  components: z.array(planRef).max(100).optional(),
  /** An active maintenance window covered the alert's component on receipt (shared/alerts/maintenance.ts). */
  maintenance: z.object({ id: uuid, title: z.string().max(200), suppressed: z.boolean() }).optional(),
  ruleAction: z.enum(['declare', 'triage']).optional(),
});

export const alertPayloadSchemas = {
  /** One alert of a group in one state (firing since startsAt, or resolved at endsAt), with the plan's triage. */
  'alert.notified': z.object({
    source: z.enum(ALERT_SOURCES),
    groupKey: z.string().min(1).max(4_000),
    title: z.string().max(2_000).optional(),
    groupLabels: labels,
    fingerprint: z.string().min(1).max(200),
    status: z.enum(ALERT_STATUSES),
    labels,
    annotations,
    startsAt: instant,
    endsAt: instant.optional(),
    generatorURL: z.string().max(2_048).optional(),
    externalURL: z.string().max(2_048).optional(),
    triage: alertTriageSchema,
    extra: z.record(z.string(), z.unknown()).optional(),
  }),
  /** A notification was received (repeats included): counts and "last seen", never a timeline entry. */
  'alert.seen': z.object({
    status: z.enum(ALERT_STATUSES),
    fingerprints: z.array(z.string().min(1).max(200)).max(1_000),
    truncatedAlerts: z.number().int().nonnegative().default(0),
  }),
  'alert.silenced': z.object({ reason, until: instant.optional() }),
  'alert.unsilenced': z.object({ reason: z.string().max(2_000).default('') }),
  /** The group belongs to this incident (last writer wins; a later attach moves it). */
  'alert.attached': z.object({ incidentId: uuid }),
} as const;

const ALERT_TYPES = Object.keys(alertPayloadSchemas);

/** Alert events live in alert streams, and alert streams hold nothing else: the path-named problem, if any. */
export function alertStreamProblem(event: { type: string; incidentId: string }): string | undefined {
  const alertType = ALERT_TYPES.includes(event.type);
  if (alertType === isAlertStream(event.incidentId)) return undefined;
  return alertType ? `incidentId: ${event.type} belongs to an alert group stream` : `type: ${event.type} does not belong to an alert group stream`;
}
