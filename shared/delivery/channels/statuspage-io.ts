// Atlassian Statuspage (API key and page id in the server's environment): the same status-page update published on
// the organisation's Statuspage.io page, by server/src/deliveries/channels/statuspage-io.ts (it keeps state).
import { z } from 'zod';
import { defineChannel } from './adapter';

export const statuspageIo = defineChannel({
  kind: 'statuspage-io',
  words: 'Atlassian Statuspage',
  timelineName: 'Statuspage.io',
  setIn: 'environment',
  target: z.object({ channel: z.literal('statuspage-io') }),
  targetKey: () => 'statuspage-io',
  statusPageFields: true,
  sending: { via: 'server' },
});
