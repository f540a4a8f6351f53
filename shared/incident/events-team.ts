// Events of the team stream (shared/workspace/streams.ts): plan publications and contact changes, plus the
// one incident event about plans (plan.adopted). Spread into payloadSchemas in events.ts.
import { z } from 'zod';
import { planSchema } from '../plan/schema';

const MAX_NOTE = 2_000;
/** A contact's id: UUIDs for new contacts; older sheets may hold other short ids, so any safe token. */
export const contactIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'expected a contact id');
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID');
const planLikeId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'expected an id of letters, digits and dashes').max(100);

/** The fields of one contact; each is its own last-writer-wins register in the team fold. */
export const contactFieldsSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  roleIds: z.array(planLikeId).max(50),
  phone: z.string().trim().max(100),
  email: z.string().trim().max(320),
  notes: z.string().max(MAX_NOTE),
});
export type ContactFields = z.infer<typeof contactFieldsSchema>;
export const CONTACT_FIELDS = ['name', 'roleIds', 'phone', 'email', 'notes'] as const satisfies ReadonlyArray<keyof ContactFields>;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** Event types that live only in the team stream (parseEvent refuses them anywhere else, and others there). */
export const TEAM_EVENT_TYPES = ['plan.published', 'contact.added', 'contact.updated', 'contact.removed'] as const;

export const teamPayloadSchemas = {
  /** The whole plan as published; who and when come from the event's envelope. */
  'plan.published': z.object({ plan: planSchema, note: z.string().max(MAX_NOTE).default('') }),
  'contact.added': contactFieldsSchema.extend({ contactId: contactIdSchema }),
  /** Only the fields that changed: edits of different fields (or contacts) on two laptops both survive. */
  'contact.updated': z.object({
    contactId: contactIdSchema,
    changes: contactFieldsSchema.partial().refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'must change at least one field' }),
  }),
  'contact.removed': z.object({ contactId: contactIdSchema }),
  /**
   * In an incident's stream: from now on this incident runs on the given published plan (the plan.published
   * event's id; null = the built-in plan). `version` is the number it had when adopted, for the timeline text.
   */
  'plan.adopted': z.object({ publishedId: uuid.nullable(), version: z.number().int().nonnegative(), planId: planLikeId, reason: z.string().max(MAX_NOTE).default('') }),
} as const;
