// War-room events (issue #15): time-boxed tasks, role requests and command handover. Spread into
// payloadSchemas with one line so parallel additions to events.ts do not collide.
import { z } from 'zod';

// The field rules repeat events.ts's on purpose: importing them from there would be a circular import
// (events.ts spreads this module into its schema map while it is still initialising).
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID');
const planId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'expected a plan id').max(100);
const shortText = z.string().trim().min(1, 'must not be empty').max(200);
const text = z.string().trim().min(1, 'must not be empty').max(20_000);
const optionalText = z.string().max(20_000);
const instant = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
  message: 'expected an ISO 8601 date-time',
});

export const warRoomPayloadSchemas = {
  /** "Engineer B: check the DB pool, back to me in 3 minutes": who, what, and when to check back. */
  'task.created': z.object({ taskId: uuid, title: shortText, owner: shortText, checkBackAt: instant }),
  'task.done': z.object({ taskId: uuid, note: optionalText.optional() }),
  /** A new owner and/or a new check-back time (a task handed on, or given more time). */
  'task.reassigned': z.object({ taskId: uuid, owner: shortText.optional(), checkBackAt: instant.optional() }),
  'task.dropped': z.object({ taskId: uuid, reason: optionalText.optional() }),
  /** The commander asked for someone in a role: that role's response clock runs until someone is assigned. */
  'role.requested': z.object({ roleId: planId, note: optionalText.optional() }),
  /** The outgoing commander's briefing (ICS-201 shape) for the incoming one. */
  'command.handover-offered': z.object({ handoverId: uuid, from: shortText, to: shortText, briefing: text }),
  /** The incoming commander took command: the Incident Commander role passes to them. */
  'command.handover-accepted': z.object({ handoverId: uuid, to: shortText }),
} as const;
