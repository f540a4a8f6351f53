// Plan section: restricted incidents (issue #24). Which incidents start restricted to the people working them, who
// the security officers are (they see every restricted incident), where a restricted incident's updates may go,
// and what the public status page calls it. Older published plans have no such section: they parse with
// EMPTY_VISIBILITY (nothing starts restricted, no security officers, and, as a plan runs only what it states, a
// restricted incident's updates go nowhere); a commander can still restrict any incident by hand.
import { z } from 'zod';
import { DELIVERY_CHANNEL_NAMES } from '../delivery/channels/registry';

const text = z.string().trim().min(1, 'must not be empty');
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'expected an id of letters, digits and dashes');
/** A delivery channel of the channel registry (`email`, `status-page`, `page`, `slack`, …) or one destination of it (`slack:security`, `email:legal`). */
const channels = DELIVERY_CHANNEL_NAMES.join(', ');
const deliveryRule = z.string().refine((rule) => {
  const [channel = '', destination, more] = rule.split(':');
  return more === undefined && DELIVERY_CHANNEL_NAMES.some((c) => c.toLowerCase() === channel.toLowerCase())
    && (destination === undefined || /^[a-z0-9][a-z0-9-]*$/i.test(destination));
}, `expected a channel (${channels}) or channel:destination`);

export const visibilitySectionSchema = z.object({
  /** Incidents of these categories are declared restricted (the declare form shows it and lets the declarer open it). */
  restrictedCategories: z.array(id).default([]),
  /** ...and incidents declared for these scenarios (runbooks). */
  restrictedScenarios: z.array(id).default([]),
  /** Holders of these roles on the team's contact sheet are participants of every restricted incident. */
  securityOfficerRoles: z.array(id).default([]),
  /** Where the updates and pages of a restricted incident may be delivered; anything else is refused, saying so. */
  restrictedDeliveries: z.array(deliveryRule).default([]),
  /** The name a restricted incident has on the public status page (its title stays with its participants). */
  publicTitle: text.default('Service incident'),
  note: z.string().optional(),
});

export type VisibilitySection = z.infer<typeof visibilitySectionSchema>;

export const EMPTY_VISIBILITY: VisibilitySection = visibilitySectionSchema.parse({});
