// Events of the maintenance stream (shared/workspace/streams.ts, MAINTENANCE_STREAM_ID): planned maintenance
// windows, announced on the status page and its Statuspage-compatible API, and read by alert intake (an alert
// for a component under maintenance is never declared). Spread into payloadSchemas in events.ts.
import { z } from 'zod';

// Local copies of the envelope's field checks: importing them from events.ts would be an import cycle.
const instant = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), { message: 'expected an ISO 8601 date-time' });
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID');
const componentId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'expected a component id').max(100);
const componentIds = z.array(componentId).min(1, 'must name at least one affected component').max(100)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'names the same component twice' });
const title = z.string().trim().min(1, 'must not be empty').max(200);
const body = z.string().trim().min(1, 'must not be empty').max(20_000);

/** Atlassian Statuspage's maintenance statuses, in the order a window passes through them. */
export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

/** A window ends after it starts and lasts at most 14 days (a longer "maintenance" is a change freeze, not a window). */
const MAX_WINDOW_MS = 14 * 24 * 3_600_000;
const windowProblem = (startsAt: string, endsAt: string): string | undefined => {
  const ms = Date.parse(endsAt) - Date.parse(startsAt);
  if (!(ms > 0)) return 'the window must end after it starts';
  if (ms > MAX_WINDOW_MS) return 'a window lasts at most 14 days';
  return undefined;
};

export const maintenancePayloadSchemas = {
  /** A window is planned: announced on the status page as "scheduled" at once. */
  'maintenance.scheduled': z.object({
    maintenanceId: uuid,
    title,
    /** What users read: what is done, what they may notice. */
    text: body,
    componentIds,
    startsAt: instant,
    endsAt: instant,
    /** Email the subscribers of the affected components now, ahead of the window. */
    notifySubscribers: z.boolean().default(false),
  }).superRefine((p, ctx) => {
    const problem = windowProblem(p.startsAt, p.endsAt);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['endsAt'] });
  }),
  /**
   * A later word on the window: a status (started early, verifying, completed early), an update's text, or a
   * changed window or component list. Unchanged fields are left out; the latest change of each field wins (hlc).
   */
  'maintenance.updated': z.object({
    maintenanceId: uuid,
    status: z.enum(['in_progress', 'verifying', 'completed']).optional(),
    text: body.optional(),
    startsAt: instant.optional(),
    endsAt: instant.optional(),
    componentIds: componentIds.optional(),
  }).refine((p) => p.status !== undefined || p.text !== undefined || p.startsAt !== undefined || p.endsAt !== undefined || p.componentIds !== undefined, {
    message: 'must change the status, the text, the window or the components',
  }).superRefine((p, ctx) => {
    if (p.startsAt === undefined || p.endsAt === undefined) return;
    const problem = windowProblem(p.startsAt, p.endsAt);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['endsAt'] });
  }),
} as const;

export const MAINTENANCE_EVENT_TYPES = Object.keys(maintenancePayloadSchemas) as Array<keyof typeof maintenancePayloadSchemas>;
