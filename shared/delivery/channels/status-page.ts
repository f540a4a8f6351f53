// The hosted status page (/status): built into the server, nothing to configure; for a drill, the drill's own
// sandbox page. Publishing is recording the delivery (server/src/deliveries/channels/status-page.ts).
import { z } from 'zod';
import { defineChannel } from './adapter';

export const statusPage = defineChannel({
  kind: 'status-page',
  words: 'Status page',
  timelineName: 'Status page',
  setIn: 'built-in',
  target: z.object({ channel: z.literal('status-page') }),
  targetKey: () => 'status-page',
  statusPageFields: true,
  sending: { via: 'server' },
});
