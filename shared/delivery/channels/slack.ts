// Slack-compatible incoming webhooks (Slack, Mattermost, Rocket.Chat): `text` as the notification fallback
// plus Block Kit `blocks` (header, the update as a section, facts as context), escaped for mrkdwn.
import { z } from 'zod';
import { defineChannel, destinationTarget, field, httpUrl } from './adapter';
import { testMessage, updateMessage, type UpdateMessage } from './message';

/**
 * Slack mrkdwn (also Mattermost and Rocket.Chat, which read the same payload): `&`, `<` and `>` escaped as Slack
 * asks, so no `<!channel>`, `<!everyone>`, `<@U123>` or `<https://evil|Reset your password>` can come from an
 * update's text; and a word joiner after an `@` that starts a word, because Mattermost and Rocket.Chat turn a plain
 * `@channel`, `@all`, `@here` or `@name` into a mention. The text reads the same.
 */
export const slackEscape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/(^|[^\p{L}\p{N}_.+-])@(?=[\p{L}\p{N}_])/gu, '$1@\u2060');

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

/** The incoming-webhook URL (the secret: only its host is ever shown). */
export const webhookUrlField = field(httpUrl, {
  label: 'Webhook URL', input: 'url', placeholder: 'https://hooks.slack.com/services/…', problem: 'The URL must start with http:// or https://.',
});

export const slack = defineChannel({
  kind: 'slack',
  words: 'Slack',
  timelineName: 'Slack',
  setIn: 'console',
  settings: z.object({ url: webhookUrlField }),
  target: destinationTarget('slack'),
  targetKey: (t) => `slack:${t.destination}`,
  composer: 'destination',
  mentions: true,
  label: (name) => `Slack #${name}`,
  inChatWebhooks: true,
  sending: {
    via: 'http',
    what: 'Slack webhook',
    render: (job, at) => ({ body: slackPayload(updateMessage(job, at, true)) }),
    test: (at) => ({ body: slackPayload(testMessage(at)) }),
  },
});
