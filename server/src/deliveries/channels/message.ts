// The words of an update as every chat channel shows it: a title line, the text, and the facts around it, with
// invisible and bidi controls removed (shared/text/invisible.ts). Each channel escapes them for its own markup.
import { neutraliseInvisible as visible } from '@shared/text/invisible';
import type { DeliveryJob, DeliverySettings } from '../types';

const STATUS_WORDS: Record<string, string> = {
  investigating: 'Investigating', identified: 'Identified', mitigating: 'Mitigating', monitoring: 'Monitoring', resolved: 'Resolved', closed: 'Resolved',
};

export interface UpdateMessage {
  title: string;
  text: string;
  facts: Array<{ title: string; value: string }>;
  statusUrl: string;
  /** A channel-wide mention the sender asked for explicitly (Slack-compatible targets only); never from the text. */
  mention?: 'here' | 'channel';
}

export function updateMessage(job: DeliveryJob, settings: DeliverySettings): UpdateMessage {
  const s = job.incident;
  const status = STATUS_WORDS[s.status] ?? s.status;
  const audience = job.plan.audiences.find((a) => a.id === job.update.payload.audience)?.name ?? job.update.payload.audience;
  return {
    title: visible(`${s.severity ? `[${s.severity}] ` : ''}${status}: ${s.title}`),
    text: visible(job.update.payload.text),
    facts: [
      ...(s.severity ? [{ title: 'Severity', value: s.severity }] : []),
      { title: 'Status', value: status },
      { title: 'Audience', value: visible(audience) },
      { title: 'Posted by', value: `${visible(job.update.actor.name)}, ${job.update.recordedAt.slice(0, 16).replace('T', ' ')} UTC` },
    ],
    statusUrl: `${settings.publicUrl.replace(/\/$/, '')}/status`,
    ...(job.target.channel === 'slack' && job.target.mention ? { mention: job.target.mention } : {}),
  };
}

/**
 * Slack mrkdwn (also Mattermost and Rocket.Chat, which read the same payload): `&`, `<` and `>` escaped as Slack
 * asks, so no `<!channel>`, `<!everyone>`, `<@U123>` or `<https://evil|Reset your password>` can come from an
 * update's text; and a word joiner after an `@` that starts a word, because Mattermost and Rocket.Chat turn a plain
 * `@channel`, `@all`, `@here` or `@name` into a mention. The text reads the same.
 */
export const slackEscape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/(^|[^\p{L}\p{N}_.+-])@(?=[\p{L}\p{N}_])/gu, '$1@\u2060');

/**
 * Adaptive Card TextBlock and FactSet text is Markdown with `[label](url)` links (and reference links): a word
 * joiner goes between `]` and a following `(`, `[` or `:`, so an update cannot show one address and open another.
 * This holds whether or not a Teams client honours backslash escapes. Bold and italics stay as the author typed
 * them; mentions in Teams need entities in the card, which are never sent.
 */
export const teamsEscape = (t: string) => t.replace(/\](?=[([:])/g, ']\u2060');
