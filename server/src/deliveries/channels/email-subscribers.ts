// The email channel's status-page subscribers: the `subscribers` target of an incident's status-page update (the
// update's public words to the subscribers of its components, one message each, exactly once: subscriber-mail.ts), and
// the confirmation email of a new subscription.
import type { Kysely } from 'kysely';
import { emailSubject } from '@shared/delivery/subject';
import { neutraliseInvisible } from '@shared/text/invisible';
import type { Database } from '../../db/schema';
import type { Channel, ChannelResult, DeliveryJob, DeliverySettings, SendResult } from '../types';
import { classifySmtpError, emailChannel, mailDomain } from './email';
import { pooledTransport, sendToSubscribers, subscribedTo, subscriberFooter } from './subscriber-mail';

/** Components the update is about: the status-page fields' components, or none (then every subscriber). */
const componentsOf = (job: DeliveryJob): string[] | null => job.request.payload.statusPage?.components.map((c) => c.id) ?? null;

export function subscribersChannel(db: Kysely<Database>, now: () => number): Channel {
  return {
    // Subscribers are emailed over the email channel's SMTP relay: its test is theirs.
    test: (request, settings) => emailChannel.test(request, settings),
    async send(job, settings): Promise<ChannelResult> {
      if (job.target.channel !== 'subscribers') return { ok: false, reason: 'not a subscribers target', permanent: true };
      const domain = mailDomain(settings.mailFrom);
      const names = new Map(job.plan.statusPage.components.map((c) => [c.id, c.name]));
      return sendToSubscribers(db, settings, now, {
        workspaceId: job.workspaceId, requestId: job.requestId, componentIds: componentsOf(job), at: new Date(job.request.recordedAt),
        // The public title, never the internal one or its severity (older requests: the incident's title).
        subject: emailSubject(job.incident, job.request.payload.publicTitle ?? job.incident.title),
        references: `<incident.${job.incident.id}@${domain}>`,
        headers: { 'X-Incident-Id': job.incident.id, 'X-Incident-Update-Id': job.update.id },
        text: (to, link) => [
          // The public's words: the status-page text written for them (older requests: the update's own text).
          neutraliseInvisible(job.request.payload.statusPage?.body ?? job.update.payload.text),
          '',
          ...subscriberFooter(settings, job.plan.statusPage.name, subscribedTo(names, to.componentIds), link),
        ].join('\n'),
      });
    },
  };
}

/** The confirmation email of a new subscription: its one-time link, and what happens if nobody clicks it. */
export async function sendConfirmation(settings: DeliverySettings, args: { to: string; pageName: string; confirmUrl: string; componentNames: string[] }): Promise<SendResult> {
  const transport = pooledTransport(settings);
  if ('reason' in transport) return { ok: false, reason: transport.reason, permanent: true };
  const page = neutraliseInvisible(args.pageName).replace(/\s*\n\s*/g, ' ');
  try {
    await transport.sendMail({
      from: settings.mailFrom, to: args.to,
      subject: `Confirm your subscription to ${page}`,
      text: [
        `Someone (we hope you) asked to receive ${page} updates about ${args.componentNames.length ? args.componentNames.join(', ') : 'every component'} at this address.`,
        '',
        `Confirm here (the link works once, for 48 hours): ${args.confirmUrl}`,
        '',
        'If you did not ask, ignore this email: nothing more is sent, and the address is deleted when the link expires.',
      ].join('\n'),
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    return { ok: true, detail: 'confirmation sent' };
  } catch (err) {
    return { ok: false, ...classifySmtpError(err) };
  } finally {
    transport.close();
  }
}
