// The paging gateway (an SMS gateway or on-call tool that takes a signed JSON POST): not a target of updates but of
// "Page on-call" (page.requested), whose outcomes are the page's (channel 'page'). Sent by server/src/paging/page.ts.
import { defineChannel } from './adapter';
import { signedSettings } from './webhook';

export const paging = defineChannel({
  kind: 'paging',
  words: 'Paging gateway',
  timelineName: 'Page',
  setIn: 'console',
  settings: signedSettings('https://hooks.slack.com/services/…'),
  exampleName: 'sms',
  deliveryChannel: 'page',
  target: undefined,
  sending: { via: 'server' },
});
