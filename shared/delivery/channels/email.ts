// Email through the server's SMTP relay (SMTP_URL, set only in the server's environment): a distribution list of the
// plan, resolved to addresses on the console so the log records who was asked. Sent by server/src/deliveries/channels/email.ts.
import { z } from 'zod';
import { defineChannel } from './adapter';

/** An address a person can read; nodemailer re-checks the syntax before sending. */
export const emailAddress = z.string().trim().max(320).regex(/^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/, 'expected an email address');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'expected an id of letters, digits and dashes').max(100);

export const email = defineChannel({
  kind: 'email',
  words: 'Email (SMTP)',
  timelineName: 'Email',
  setIn: 'environment',
  /** A distribution list (an audience of the plan) resolved to addresses on the console, so the log says who got it. */
  target: z.object({
    channel: z.literal('email'), list: slug, to: z.array(emailAddress).min(1, 'must list at least one recipient').max(500),
    /** The subject as the console previewed it (shared/delivery/subject.ts); absent on older requests: the server composes it. */
    subject: z.string().trim().min(1).max(300).regex(/^[^\r\n]*$/, 'must be one line').optional(),
  }),
  targetKey: (t) => `email:${t.list}`,
  sending: { via: 'server' },
});
