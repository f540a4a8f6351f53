// Microsoft Teams workflow webhooks ("When a Teams webhook request is received"): a message with one
// Adaptive Card attachment (title, the update, a fact set, a link to the status page).
import { z } from 'zod';
import { defineChannel, destinationTarget } from './adapter';
import { testMessage, updateMessage, type UpdateMessage } from './message';
import { webhookUrlField } from './slack';

/**
 * Adaptive Card TextBlock and FactSet text is Markdown with `[label](url)` links (and reference links): a word
 * joiner goes between `]` and a following `(`, `[` or `:`, so an update cannot show one address and open another.
 * This holds whether or not a Teams client honours backslash escapes. Bold and italics stay as the author typed
 * them; mentions in Teams need entities in the card, which are never sent.
 */
export const teamsEscape = (t: string) => t.replace(/\](?=[([:])/g, ']\u2060');

export function teamsPayload(m: UpdateMessage) {
  return {
    type: 'message',
    attachments: [{
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.4',
        body: [
          { type: 'TextBlock', text: teamsEscape(m.title), weight: 'Bolder', size: 'Medium', wrap: true },
          { type: 'TextBlock', text: teamsEscape(m.text), wrap: true },
          { type: 'FactSet', facts: m.facts.map((f) => ({ title: teamsEscape(f.title), value: teamsEscape(f.value) })) },
        ],
        actions: [{ type: 'Action.OpenUrl', title: 'Status page', url: m.statusUrl }],
      },
    }],
  };
}

export const teams = defineChannel({
  kind: 'teams',
  words: 'Teams',
  timelineName: 'Microsoft Teams',
  setIn: 'console',
  settings: z.object({ url: webhookUrlField }),
  target: destinationTarget('teams'),
  targetKey: (t) => `teams:${t.destination}`,
  composer: 'destination',
  inChatWebhooks: true,
  sending: {
    via: 'http',
    what: 'Teams webhook',
    render: (job, at) => ({ body: teamsPayload(updateMessage(job, at)) }),
    test: (at) => ({ body: teamsPayload(testMessage(at)) }),
  },
});
