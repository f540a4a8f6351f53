// Events of paging: the commander asks the server to page whoever is on call for a role (page.requested); the
// server's outcome comes back as delivery.sent / delivery.failed with requestId = the page's id and target
// 'page'; the paged person's acknowledgement is an incident.acknowledged (events.ts) that names them and the page.
// Spread into payloadSchemas in events.ts.
import { z } from 'zod';

const planId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'expected a plan id').max(100);

/** The target key of a page in the deliveries table and in its outcome events. */
export const PAGE_TARGET = 'page';

export const pagingPayloadSchemas = {
  'page.requested': z.object({
    roleId: planId,
    /** A contact picked on the console; absent: the server pages whoever the plan's rotation has on call then. */
    contactId: z.string().min(1).max(100).optional(),
    /** Who the console showed as on call (for the timeline); the server resolves the contact itself. */
    person: z.string().trim().min(1).max(200).optional(),
    /** Added to the page's text ("Checkout down, bridge in #incidents"). */
    message: z.string().trim().max(500).optional(),
  }),
} as const;
