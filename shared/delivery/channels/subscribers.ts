// The status page's email subscribers (people who subscribed themselves on /status, double opt-in): built in, nothing
// to configure beyond SMTP_URL. A target of status-page updates; the addresses stay on the server, the log records only
// that subscribers were asked. Sent by server/src/deliveries/channels/email-subscribers.ts, exactly once per subscriber.
import { z } from 'zod';
import { defineChannel } from './adapter';

export const subscribers = defineChannel({
  kind: 'subscribers',
  words: 'Status page subscribers',
  timelineName: 'Status page subscribers (email)',
  setIn: 'built-in',
  /** The subscribers of the update's components (its status-page fields' components; every subscriber when it has none). */
  target: z.object({ channel: z.literal('subscribers') }),
  targetKey: () => 'subscribers',
  sending: { via: 'server' },
});
