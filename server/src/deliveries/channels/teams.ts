// Microsoft Teams workflow webhooks ("When a Teams webhook request is received"): a message with one
// Adaptive Card attachment (title, the update, a fact set, a link to the status page).
import type { Channel } from '../types';
import { destinationOf } from './destination';
import { postJson } from './http';
import { teamsEscape, updateMessage, type UpdateMessage } from './message';

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

export const teamsChannel: Channel = {
  async send(job, settings) {
    const dest = destinationOf(job, settings);
    if ('reason' in dest) return { ok: false, reason: dest.reason, permanent: true };
    return postJson('Teams webhook', dest.url, JSON.stringify(teamsPayload(updateMessage(job, settings))), {}, settings);
  },
};
