// Email to the status page's subscribers (part of the email channel: the same SMTP transport, subject and error
// words as email.ts). One message per subscriber, To: that address alone, with their own unsubscribe link in the body
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

function body(job: DeliveryJob, settings: DeliverySettings, to: PendingSend, link: string): string {
  const names = new Map(job.plan.statusPage.components.map((c) => [c.id, c.name]));
  const what = to.componentIds.length ? to.componentIds.map((id) => names.get(id) ?? id).join(', ') : 'every component';
  return [
    // The public's words: the status-page text written for them (older requests: the update's own text).
    neutraliseInvisible(job.request.payload.statusPage?.body ?? job.update.payload.text),
    '',
    '--',
    `${neutraliseInvisible(job.plan.statusPage.name)}: ${statusUrl(settings)}`,
    `You receive this because you subscribed to updates about ${what}.`,
    `Unsubscribe (one click, no login): ${link}`,
  ].join('\n');
}

/** Components the update is about: the status-page fields' components, or none (then every subscriber). */
const componentsOf = (job: DeliveryJob): string[] | null => job.request.payload.statusPage?.components.map((c) => c.id) ?? null;

export function subscribersChannel(db: Kysely<Database>, now: () => number): Channel {
  return {
    // Subscribers are emailed over the email channel's SMTP relay: its test is theirs.
    test: (request, settings) => emailChannel.test(request, settings),
    async send(job, settings): Promise<ChannelResult> {
      if (job.target.channel !== 'subscribers') return { ok: false, reason: 'not a subscribers target', permanent: true };
      const started = now();
      await snapshotRecipients(db, job.workspaceId, job.requestId, componentsOf(job), new Date(job.request.recordedAt));
      const first = await pendingSends(db, job.workspaceId, job.requestId, BATCH);
      if (first.length === 0) return finished(db, job);
      const transport = pooledTransport(settings);
      if ('reason' in transport) return { ok: false, reason: transport.reason, permanent: true };
      const tokenOf = await unsubscribeTokens(db, job.workspaceId);
      const domain = mailDomain(settings.mailFrom);
      // The public title, never the internal one or its severity (older requests: the incident's title).
      const subject = neutraliseInvisible(emailSubject(job.incident, job.request.payload.publicTitle ?? job.incident.title)).replace(/\s*\n\s*/g, ' ');
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
                  text: body(job, settings, to, unsubscribeUrl(settings, token)),
                  messageId: `<${job.requestId}.${to.subscriberId}@${domain}>`,
                  references: `<incident.${job.incident.id}@${domain}>`,
                  headers: { ...listHeaders(settings, token), 'X-Incident-Id': job.incident.id, 'X-Incident-Update-Id': job.update.id },
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
          await markSends(db, job.workspaceId, job.requestId, sent, 'sent', at);
          for (const r of refused) await markSends(db, job.workspaceId, job.requestId, [r.id], 'failed', at, r.reason);
          if (transient) {
            const c = await sendCounts(db, job.workspaceId, job.requestId);
            return { ok: false, reason: `${transient} (${c.sent} of ${c.sent + c.pending + c.failed} subscribers sent; the rest follow on retry)`, permanent: false };
          }
          if (now() - started > settings.leaseMs / 3) {
            const c = await sendCounts(db, job.workspaceId, job.requestId);
            if (c.pending > 0) return { ok: 'continue', detail: `${c.sent} of ${c.sent + c.pending + c.failed} subscribers sent so far` };
          }
          batch = await pendingSends(db, job.workspaceId, job.requestId, BATCH);
        }
      } finally {
        transport.close();
      }
      return finished(db, job);
    },
  };
}

async function finished(db: Kysely<Database>, job: DeliveryJob): Promise<SendResult> {
  const c = await sendCounts(db, job.workspaceId, job.requestId);
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
