// Slack-compatible incoming webhooks (Slack, Mattermost, Rocket.Chat): `text` as the notification fallback
// plus Block Kit `blocks` (header, the update as a section, facts as context).
import type { Channel } from '../types';
import { postJson } from './http';
import { slackEscape, updateMessage, type UpdateMessage } from './message';
import { destinationOf } from './destination';

/** Slack's own syntax for a channel-wide mention, only when the sender asked for it. */
const MENTIONS = { here: '<!here> ', channel: '<!channel> ' } as const;

export function slackPayload(m: UpdateMessage) {
  const mention = m.mention ? MENTIONS[m.mention] : '';
  return {
    text: `${mention}${slackEscape(m.title)}\n${slackEscape(m.text)}`,
    blocks: [
      // plain_text is never read as markup: the title as written.
      { type: 'header', text: { type: 'plain_text', text: m.title.slice(0, 150), emoji: false } },
      { type: 'section', text: { type: 'mrkdwn', text: `${mention}${slackEscape(m.text)}`.slice(0, 3000) } },
      { type: 'context', elements: [
        ...m.facts.map((f) => ({ type: 'mrkdwn', text: `*${slackEscape(f.title)}:* ${slackEscape(f.value)}` })),
        { type: 'mrkdwn', text: `<${slackEscape(m.statusUrl)}|Status page>` },
      ].slice(0, 10) },
    ],
  };
}

export const slackChannel: Channel = {
  async send(job, settings) {
    const dest = destinationOf(job, settings);
    if ('reason' in dest) return { ok: false, reason: dest.reason, permanent: true };
    return postJson('Slack webhook', dest.url, JSON.stringify(slackPayload(updateMessage(job, settings))), {}, settings);
  },
};
