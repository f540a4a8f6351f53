// The words of an update as every chat channel shows it: a title line, the text, and the facts around it.
import type { DeliveryJob, DeliverySettings } from '../types';

const STATUS_WORDS: Record<string, string> = {
  investigating: 'Investigating', identified: 'Identified', mitigating: 'Mitigating', monitoring: 'Monitoring', resolved: 'Resolved', closed: 'Resolved',
};

export interface UpdateMessage {
  title: string;
  text: string;
  facts: Array<{ title: string; value: string }>;
  statusUrl: string;
}

export function updateMessage(job: DeliveryJob, settings: DeliverySettings): UpdateMessage {
  const s = job.incident;
  const status = STATUS_WORDS[s.status] ?? s.status;
  const audience = job.plan.audiences.find((a) => a.id === job.update.payload.audience)?.name ?? job.update.payload.audience;
  return {
    title: `${s.severity ? `[${s.severity}] ` : ''}${status}: ${s.title}`,
    text: job.update.payload.text,
    facts: [
      ...(s.severity ? [{ title: 'Severity', value: s.severity }] : []),
      { title: 'Status', value: status },
      { title: 'Audience', value: audience },
      { title: 'Posted by', value: `${job.update.actor.name}, ${job.update.recordedAt.slice(0, 16).replace('T', ' ')} UTC` },
    ],
    statusUrl: `${settings.publicUrl.replace(/\/$/, '')}/status`,
  };
}

/** Slack mrkdwn and Adaptive Card text treat these as markup; an update's own text is shown as written. */
export const slackEscape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
