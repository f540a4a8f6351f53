// Email to the status page's subscribers (part of the email channel: the same SMTP transport, subject and error
// words as email.ts): an incident's status-page update (the `subscribers` target), and through sendToSubscribers a
// maintenance window's notices (server/src/maintenance/notices.ts). One message per subscriber, To: that address alone, with their own unsubscribe link in the body
// and in List-Unsubscribe / List-Unsubscribe-Post (RFC 8058 one-click). The recipients of an update are fixed once
// (subscriber_sends), each row marked as the SMTP server accepts it, so a retry or a restart sends nobody twice
// (an email accepted in the instant before a crash goes again with the same Message-ID); an attempt works for at most
// a third of the lease, then hands over to the next attempt at once.
import nodemailer, { type Transporter, type TransportOptions } from 'nodemailer';
import type { Kysely } from 'kysely';
import { neutraliseInvisible } from '@shared/text/invisible';
import type { Database } from '../../db/schema';
import { markSends, pendingSends, sendCounts, snapshotRecipients, unsubscribeTokens, type PendingSend } from '../../subscribers/store';
import type { Channel, ChannelResult, DeliveryJob, DeliverySettings, SendResult } from '../types';
import { emailSubject } from '@shared/delivery/subject';
import { classifySmtpError, emailChannel, mailDomain } from './email';

const BATCH = 200;
/** Messages on the wire at once over the pooled connections. */
const PARALLEL = 8;

export const statusUrl = (settings: Pick<DeliverySettings, 'publicUrl'>) => `${settings.publicUrl.replace(/\/$/, '')}/status`;
export const unsubscribeUrl = (settings: Pick<DeliverySettings, 'publicUrl'>, token: string) => `${statusUrl(settings)}/unsubscribe/${token}`;

/** The headers every subscriber email carries: one-click unsubscribe (RFC 8058 with RFC 2369), and "not a person". */
export function listHeaders(settings: Pick<DeliverySettings, 'publicUrl'>, token: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl(settings, token)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'Auto-Submitted': 'auto-generated',
    Precedence: 'bulk',
  };
}

function pooledTransport(settings: DeliverySettings): Transporter | { reason: string } {
  if (!settings.smtpUrl) return { reason: 'email is not configured on the server (set SMTP_URL)' };
  try {
    return nodemailer.createTransport(settings.smtpUrl, {
      pool: true, maxConnections: 4, maxMessages: Infinity,
      connectionTimeout: settings.sendTimeoutMs, greetingTimeout: settings.sendTimeoutMs, socketTimeout: settings.sendTimeoutMs,
    } as TransportOptions);
  } catch (err) {
    return { reason: `SMTP_URL is not usable: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Components the update is about: the status-page fields' components, or none (then every subscriber). */
const componentsOf = (job: DeliveryJob): string[] | null => job.request.payload.statusPage?.components.map((c) => c.id) ?? null;

/** One email to many subscribers: who gets it, and its words for each (their own unsubscribe link goes in). */
export interface SubscriberMail {
  workspaceId: string;
  /** The delivery's request id: the key of its recipients and the first part of each Message-ID. */
  requestId: string;
  /** Subscribers of any of these components (and of every component) get it; null or empty: every subscriber. */
  componentIds: string[] | null;
  /** Who counts: subscribers confirmed by then. */
  at: Date;
  subject: string;
  /** The thread it belongs to (one per incident, one per maintenance window). */
  references: string;
  headers: Record<string, string>;
  text(to: PendingSend, unsubscribeLink: string): string;
}

/**
 * Send one email to each subscriber it reaches, exactly once: the recipients are fixed on the first attempt, each is
 * marked as the SMTP server accepts it, an attempt works for a third of the lease and hands the rest on.
 */
export async function sendToSubscribers(db: Kysely<Database>, settings: DeliverySettings, now: () => number, mail: SubscriberMail): Promise<ChannelResult> {
  const { workspaceId, requestId } = mail;
  const started = now();
  await snapshotRecipients(db, workspaceId, requestId, mail.componentIds, mail.at);
  const first = await pendingSends(db, workspaceId, requestId, BATCH);
  if (first.length === 0) return finished(db, workspaceId, requestId);
  const transport = pooledTransport(settings);
  if ('reason' in transport) return { ok: false, reason: transport.reason, permanent: true };
  const tokenOf = await unsubscribeTokens(db, workspaceId);
  const domain = mailDomain(settings.mailFrom);
  const subject = neutraliseInvisible(mail.subject).replace(/\s*\n\s*/g, ' ');
  try {
    let batch = first;
    while (batch.length > 0) {
      const sent: string[] = [];
      const refused: Array<{ id: string; reason: string }> = [];
      let transient: string | undefined;
      for (let i = 0; i < batch.length && !transient; i += PARALLEL) {
        await Promise.all(batch.slice(i, i + PARALLEL).map(async (to) => {
          const token = tokenOf(to.subscriberId);
          try {
            await transport.sendMail({
              from: settings.mailFrom, to: to.email, subject,
              text: mail.text(to, unsubscribeUrl(settings, token)),
              messageId: `<${requestId}.${to.subscriberId}@${domain}>`,
              references: mail.references,
              headers: { ...listHeaders(settings, token), ...mail.headers },
            });
            sent.push(to.subscriberId);
          } catch (err) {
            const c = classifySmtpError(err);
            if (c.permanent) refused.push({ id: to.subscriberId, reason: c.reason });
            else transient ??= c.reason;
          }
        }));
      }
      const at = new Date(now());
      await markSends(db, workspaceId, requestId, sent, 'sent', at);
      for (const r of refused) await markSends(db, workspaceId, requestId, [r.id], 'failed', at, r.reason);
      if (transient) {
        const c = await sendCounts(db, workspaceId, requestId);
        return { ok: false, reason: `${transient} (${c.sent} of ${c.sent + c.pending + c.failed} subscribers sent; the rest follow on retry)`, permanent: false };
      }
      if (now() - started > settings.leaseMs / 3) {
        const c = await sendCounts(db, workspaceId, requestId);
        if (c.pending > 0) return { ok: 'continue', detail: `${c.sent} of ${c.sent + c.pending + c.failed} subscribers sent so far` };
      }
      batch = await pendingSends(db, workspaceId, requestId, BATCH);
    }
  } finally {
    transport.close();
  }
  return finished(db, workspaceId, requestId);
}

/** The footer of every subscriber email: where the page is, why they get it, and their one-click way out. */
export function subscriberFooter(settings: DeliverySettings, pageName: string, what: string, link: string): string[] {
  return [
    '--',
    `${neutraliseInvisible(pageName)}: ${statusUrl(settings)}`,
    `You receive this because you subscribed to updates about ${what}.`,
    `Unsubscribe (one click, no login): ${link}`,
  ];
}

/** What a subscriber chose, in words ("Payment processing, Public API" or "every component"). */
export function subscribedTo(names: ReadonlyMap<string, string>, componentIds: readonly string[]): string {
  return componentIds.length ? componentIds.map((id) => names.get(id) ?? id).join(', ') : 'every component';
}

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

async function finished(db: Kysely<Database>, workspaceId: string, requestId: string): Promise<SendResult> {
  const c = await sendCounts(db, workspaceId, requestId);
  const refused = c.failed ? `; ${c.failed} refused by the mail server` : '';
  return { ok: true, detail: `${c.sent} subscriber${c.sent === 1 ? '' : 's'}${refused}` };
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
