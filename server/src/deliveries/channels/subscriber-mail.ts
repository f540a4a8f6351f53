// Sending one email to many status-page subscribers, exactly once each (part of the email channel: nodemailer over
// SMTP_URL, email.ts's error words). The recipients are fixed on the first attempt (subscriber_sends); each message goes
// to one address, with that subscriber's own unsubscribe link in the body and in List-Unsubscribe /
// List-Unsubscribe-Post (RFC 8058 one-click); each row is marked sent as soon as the SMTP server accepts its message (one
// UPDATE at a time, carrying every acceptance that came in meanwhile), so a retry or a restart after kill -9 sends only
// what is left. What cannot be told apart is a message the SMTP server accepted in the instant before a crash, before
// its mark was written: it goes again, with the same Message-ID. An attempt works for a third of the lease, then hands
// the rest to the next attempt at once. Used by the update channel (email-subscribers.ts) and maintenance notices.
import nodemailer, { type Transporter, type TransportOptions } from 'nodemailer';
import type { Kysely } from 'kysely';
import { neutraliseInvisible } from '@shared/text/invisible';
import type { Database } from '../../db/schema';
import { markSends, pendingSends, sendCounts, snapshotRecipients, unsubscribeTokens, type PendingSend } from '../../subscribers/store';
import type { ChannelResult, DeliverySettings, SendResult } from '../types';
import { classifySmtpError, mailDomain } from './email';

const BATCH = 500;
/** Messages on the wire at once, over the pool's connections. */
const PARALLEL = 8;
const CONNECTIONS = 4;

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

export function pooledTransport(settings: DeliverySettings): Transporter | { reason: string } {
  if (!settings.smtpUrl) return { reason: 'email is not configured on the server (set SMTP_URL)' };
  try {
    return nodemailer.createTransport(settings.smtpUrl, {
      pool: true, maxConnections: CONNECTIONS, maxMessages: Infinity,
      connectionTimeout: settings.sendTimeoutMs, greetingTimeout: settings.sendTimeoutMs, socketTimeout: settings.sendTimeoutMs,
    } as TransportOptions);
  } catch (err) {
    return { reason: `SMTP_URL is not usable: ${err instanceof Error ? err.message : String(err)}` };
  }
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
 * Marks each send as its message is accepted: one UPDATE at a time, each carrying every id accepted while the one
 * before ran, so under load the writes batch themselves and at rest a mark follows its acceptance within one write.
 */
function sendMarker(db: Kysely<Database>, workspaceId: string, requestId: string, now: () => number) {
  let sent: string[] = [];
  let refused: Array<{ id: string; reason: string }> = [];
  let running: Promise<void> | null = null;
  let failure: unknown = null;
  const flush = async () => {
    try {
      while (sent.length || refused.length) {
        const ids = sent;
        const bad = refused;
        sent = [];
        refused = [];
        const at = new Date(now());
        if (ids.length) await markSends(db, workspaceId, requestId, ids, 'sent', at);
        for (const r of bad) await markSends(db, workspaceId, requestId, [r.id], 'failed', at, r.reason);
      }
    } catch (err) {
      failure ??= err;
    } finally {
      running = null;
    }
  };
  return {
    sent(id: string) { sent.push(id); running ??= flush(); },
    refused(id: string, reason: string) { refused.push({ id, reason }); running ??= flush(); },
    /** Every mark written (or the first write's failure thrown). */
    async drain() {
      while (running) await running;
      if (failure) throw failure;
    },
  };
}

/** Send one email to each subscriber it reaches that has not had it yet. */
export async function sendToSubscribers(db: Kysely<Database>, settings: DeliverySettings, now: () => number, mail: SubscriberMail): Promise<ChannelResult> {
  const { workspaceId, requestId } = mail;
  const started = now();
  await snapshotRecipients(db, workspaceId, requestId, mail.componentIds, mail.at);
  let batch = await pendingSends(db, workspaceId, requestId, BATCH);
  if (batch.length === 0) return finished(db, workspaceId, requestId);
  const transport = pooledTransport(settings);
  if ('reason' in transport) return { ok: false, reason: transport.reason, permanent: true };
  const tokenOf = await unsubscribeTokens(db, workspaceId);
  const domain = mailDomain(settings.mailFrom);
  const subject = neutraliseInvisible(mail.subject).replace(/\s*\n\s*/g, ' ');
  const marker = sendMarker(db, workspaceId, requestId, now);
  let transient: string | undefined;
  const sendOne = async (to: PendingSend) => {
    const token = tokenOf(to.subscriberId);
    try {
      await transport.sendMail({
        from: settings.mailFrom, to: to.email, subject,
        text: mail.text(to, unsubscribeUrl(settings, token)),
        messageId: `<${requestId}.${to.subscriberId}@${domain}>`,
        references: mail.references,
        headers: { ...listHeaders(settings, token), ...mail.headers },
      });
      marker.sent(to.subscriberId);
    } catch (err) {
      const c = classifySmtpError(err);
      if (c.permanent) marker.refused(to.subscriberId, c.reason);
      else transient ??= c.reason;
    }
  };
  try {
    while (batch.length > 0) {
      // PARALLEL senders take the batch's addresses in turn (a slow message holds only its own sender); none starts
      // another once the mail server failed in a way that may pass (the rest wait for the retry), or the time is up.
      let next = 0;
      const timeUp = () => now() - started > settings.leaseMs / 3;
      const list = batch;
      await Promise.all(Array.from({ length: Math.min(PARALLEL, list.length) }, async () => {
        while (next < list.length && !transient && !timeUp()) await sendOne(list[next++] as PendingSend);
      }));
      await marker.drain();
      if (transient) {
        const c = await sendCounts(db, workspaceId, requestId);
        return { ok: false, reason: `${transient} (${c.sent} of ${c.sent + c.pending + c.failed} subscribers sent; the rest follow on retry)`, permanent: false };
      }
      if (timeUp()) {
        const c = await sendCounts(db, workspaceId, requestId);
        if (c.pending > 0) return { ok: 'continue', detail: `${c.sent} of ${c.sent + c.pending + c.failed} subscribers sent so far` };
      }
      batch = await pendingSends(db, workspaceId, requestId, BATCH);
    }
  } finally {
    await marker.drain().catch(() => undefined);
    transport.close();
  }
  return finished(db, workspaceId, requestId);
}

async function finished(db: Kysely<Database>, workspaceId: string, requestId: string): Promise<SendResult> {
  const c = await sendCounts(db, workspaceId, requestId);
  const refused = c.failed ? `; ${c.failed} refused by the mail server` : '';
  return { ok: true, detail: `${c.sent} subscriber${c.sent === 1 ? '' : 's'}${refused}` };
}
