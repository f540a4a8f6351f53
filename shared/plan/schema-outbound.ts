// Plan sections for telling people: the public status page's components and the email distribution lists.
import { z } from 'zod';

const text = z.string().trim().min(1, 'must not be empty');
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'expected an id of letters, digits and dashes');

export const statusComponentSchema = z.object({ id, name: text, description: z.string().optional(), group: z.string().optional() });

/**
 * What the public reads, written for the public (issue #23): the title an incident gets on the status page and in
 * customer email, and the text of each status-page update per public status. `{components}` is the affected
 * components' names ("Checkout and API"), `{nextUpdate}` the next update time. Never the internal title (an alert
 * name) or the stakeholder text.
 */
export const publicTemplateSchema = z.object({
  /** The audiences that are the public: their email carries the public title, never the internal one. */
  audiences: z.array(id).default([]),
  title: text,
  text: z.object({ investigating: text, identified: text, monitoring: text, resolved: text }),
  note: z.string().optional(),
});

export const statusPageSchema = z.object({
  /** The page's title, e.g. "CSOAI Platform status". */
  name: text,
  components: z.array(statusComponentSchema).refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, { message: 'component ids must be unique' }),
  /** Absent in older and imported plans: the composer starts from neutral wording the commander reads and confirms. */
  publicTemplate: publicTemplateSchema.optional(),
});

/**
 * An audience's email list: the contacts holding any of `roleIds` plus fixed `addresses` (a users' mailing
 * list, say). Resolved on the console when an update is sent, so the log records exactly who was asked.
 */
export const distributionListSchema = z.object({
  audience: id,
  roleIds: z.array(id).default([]),
  addresses: z.array(z.string().trim().regex(/^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/, 'expected an email address')).default([]),
  note: z.string().optional(),
});

export type StatusComponent = z.infer<typeof statusComponentSchema>;
export type StatusPageSection = z.infer<typeof statusPageSchema>;
export type PublicTemplate = z.infer<typeof publicTemplateSchema>;
export type DistributionList = z.infer<typeof distributionListSchema>;

/** An imported plan without these sections gets an empty page and no lists (the commander sees why). */
export const EMPTY_STATUS_PAGE: StatusPageSection = { name: 'Status', components: [] };
