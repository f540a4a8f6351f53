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
export const windowProblem = (startsAt: string, endsAt: string): string | undefined => {
  const ms = Date.parse(endsAt) - Date.parse(startsAt);
  if (!(ms > 0)) return 'the window must end after it starts';
  if (ms > MAX_WINDOW_MS) return 'a window lasts at most 14 days';
  return undefined;
};

/**
 * Emails to the subscribers of the window's components that go out by themselves, as Atlassian Statuspage offers them
 * when a maintenance is scheduled: a reminder 60 minutes before the start, and a notice when the window starts and when
 * it ends on its own (a status someone posts is emailed only when its own `notifySubscribers` says so).
 */
export const autoNotifySchema = z.object({ reminder: z.boolean(), start: z.boolean(), end: z.boolean() });
export type AutoNotify = z.infer<typeof autoNotifySchema>;
export const NO_AUTO_NOTIFY: AutoNotify = { reminder: false, start: false, end: false };
/** How long before its start a window's reminder goes (Statuspage: "60 minutes before"). */
export const REMINDER_BEFORE_MS = 60 * 60_000;

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
    autoNotify: autoNotifySchema.default(NO_AUTO_NOTIFY),
  }).superRefine((p, ctx) => {
    const problem = windowProblem(p.startsAt, p.endsAt);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['endsAt'] });
  }),
  /**
   * A later word on the window: a status (started early, verifying, completed early, or cancelled), an update's text
   * (emailed to its subscribers when `notifySubscribers`), or a changed plan (title, description, window, components,
   * automatic emails). Unchanged fields are left out; the latest change of each field wins (hlc).
   */
  'maintenance.updated': z.object({
    maintenanceId: uuid,
    status: z.enum(['in_progress', 'verifying', 'completed']).optional(),
    /** Called off (with status completed): the page says cancelled, and no automatic email follows. */
    cancelled: z.literal(true).optional(),
    text: body.optional(),
    notifySubscribers: z.boolean().optional(),
    title: title.optional(),
    /** The window's own text, replacing what was scheduled (a correction, not an update people are told of). */
    description: body.optional(),
    startsAt: instant.optional(),
    endsAt: instant.optional(),
    componentIds: componentIds.optional(),
    autoNotify: autoNotifySchema.optional(),
  }).refine((p) => [p.status, p.text, p.title, p.description, p.startsAt, p.endsAt, p.componentIds, p.autoNotify].some((v) => v !== undefined), {
    message: 'must change the status, the text, the title, the description, the window, the components or the automatic emails',
  }).refine((p) => !p.cancelled || (p.status === 'completed' && p.text !== undefined), {
    message: 'a cancellation completes the window and says why (status completed, with a text)', path: ['cancelled'],
  }).refine((p) => !p.notifySubscribers || p.text !== undefined, {
    message: 'only an update with a text can be emailed to subscribers', path: ['notifySubscribers'],
  }).superRefine((p, ctx) => {
    if (p.startsAt === undefined || p.endsAt === undefined) return;
    const problem = windowProblem(p.startsAt, p.endsAt);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['endsAt'] });
  }),
} as const;

export const MAINTENANCE_EVENT_TYPES = Object.keys(maintenancePayloadSchemas) as Array<keyof typeof maintenancePayloadSchemas>;
