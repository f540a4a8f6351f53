// Events of an incident's visibility (issue #24): who may see a restricted incident. An incident is open (the whole
// workspace) or restricted (its participants: the roles assigned, the people invited, the plan's security officers,
// and the console that declared or restricted it). Spread into payloadSchemas in events.ts; folded in doc.ts.
import { z } from 'zod';

// The field rules repeat events.ts's on purpose: importing them from there would be a circular import.
const shortText = z.string().trim().min(1, 'must not be empty').max(200);
const reason = z.string().trim().max(2_000);
const deviceId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'expected a device id');

export const VISIBILITIES = ['open', 'restricted'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const visibilitySchema = z.enum(VISIBILITIES);

export const accessPayloadSchemas = {
  /** The incident becomes restricted to its participants, or open to the workspace again. */
  'visibility.changed': z.object({ to: visibilitySchema, reason: reason.default('') }),
  /** A person (by the name their console joined under) may see the incident while it is restricted. */
  'participant.invited': z.object({ person: shortText }),
  /**
   * A person invited may no longer see it; with `deviceId`, the console that declared or restricted it (named
   * `person` for the timeline). A role holder stays a participant until relieved; the plan's security officers
   * always are participants.
   */
  'participant.removed': z.object({ person: shortText, deviceId: deviceId.optional(), reason: reason.default('') }),
} as const;
