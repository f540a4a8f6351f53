// The words of an update as every chat channel shows it: a title line, the text, and the facts around it, with
// invisible and bidi controls removed (shared/text/invisible.ts). Each channel escapes them for its own markup.
import { neutraliseInvisible as visible } from '../../text/invisible';
import type { RenderContext, UpdateToSend } from './adapter';

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

export const statusUrlOf = (publicUrl: string): string => `${publicUrl.replace(/\/$/, '')}/status`;

/** `mentions`: the target's kind may carry a channel-wide mention (Slack-compatible). */
export function updateMessage(job: UpdateToSend, at: Pick<RenderContext, 'publicUrl'>, mentions = false): UpdateMessage {
  const s = job.incident;
  const status = STATUS_WORDS[s.status] ?? s.status;
  const audience = job.plan.audiences.find((a) => a.id === job.update.payload.audience)?.name ?? job.update.payload.audience;
  const mention = mentions && 'mention' in job.target ? job.target.mention : undefined;
  return {
    title: visible(`${s.severity ? `[${s.severity}] ` : ''}${status}: ${s.title}`),
    text: visible(job.update.payload.text),
    facts: [
      ...(s.severity ? [{ title: 'Severity', value: s.severity }] : []),
      { title: 'Status', value: status },
      { title: 'Audience', value: visible(audience) },
      { title: 'Posted by', value: `${visible(job.update.actor.name)}, ${job.update.recordedAt.slice(0, 16).replace('T', ' ')} UTC` },
    ],
    statusUrl: statusUrlOf(at.publicUrl),
    ...(mention ? { mention } : {}),
  };
}

/** The message of "Send test" from the Integrations page. */
export function testMessage(at: Pick<RenderContext, 'publicUrl' | 'now'> & { by: string }): UpdateMessage {
  return {
    title: 'Test from Incident Console',
    text: `A test message sent by ${at.by} from the Integrations page. No incident is open because of it.`,
    facts: [{ title: 'Sent by', value: at.by }, { title: 'Sent at', value: `${at.now.toISOString().slice(0, 16).replace('T', ' ')} UTC` }],
    statusUrl: statusUrlOf(at.publicUrl),
  };
}
