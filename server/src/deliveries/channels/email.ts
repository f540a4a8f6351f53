// Email through SMTP (nodemailer): one message per (request, recipient list) with a stable Message-ID, so a
// message resent after a crash is recognisable as the same one; all recipients in Bcc (a list never leaks
// its addresses to one another).
import { createHash } from 'node:crypto';
import nodemailer, { type Transporter, type TransportOptions } from 'nodemailer';
import { testMessage } from '@shared/delivery/channels/message';
import { emailSubject } from '@shared/delivery/subject';
import { isPublicAudience } from '@shared/statuspage/public-text';
import { neutraliseInvisible } from '@shared/text/invisible';
import type { Channel, DeliveryJob, DeliverySettings, SendResult } from '../types';

export function mailDomain(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'incident-console.invalid';
}

/** Stable per (request, recipient list): sorted, lower-cased addresses hashed into the local part. */
export function messageIdFor(requestId: string, to: readonly string[], from: string): string {
  const list = [...new Set(to.map((a) => a.trim().toLowerCase()))].sort().join(',');
  const digest = createHash('sha256').update(list).digest('hex').slice(0, 16);
  return `<${requestId}.${digest}@${mailDomain(from)}>`;
}

/**
 * The subject the console recorded with the request (what its preview showed); older requests: composed here. One
 * line, nothing invisible: a title cannot start another header (nodemailer then encodes it, RFC 2047).
 */
export function subjectOf(job: DeliveryJob): string {
  const subject = job.target.channel === 'email' && job.target.subject ? job.target.subject : emailSubject(job.incident);
  return neutraliseInvisible(subject).replace(/\s*\n\s*/g, ' ');
}

function emailBody(job: DeliveryJob, settings: DeliverySettings): string {
  const audience = job.plan.audiences.find((a) => a.id === job.update.payload.audience)?.name ?? job.update.payload.audience;
  const when = `${job.update.recordedAt.replace('T', ' ').slice(0, 16)} UTC`;
  return [
    job.update.payload.text,
    '',
    '--',
    // The public is not told who in the room wrote it.
    isPublicAudience(job.plan, job.update.payload.audience) ? `Posted ${when}.` : `Update to ${audience} from ${job.update.actor.name}, ${when}.`,
    `Status page: ${settings.publicUrl.replace(/\/$/, '')}/status`,
  ].join('\n');
}

/** Transient (retry): no connection, timeouts, 4xx replies. Permanent: 5xx replies, refused login, bad envelope. */
export function classifySmtpError(err: unknown): { reason: string; permanent: boolean } {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
  const reply = e.response ? `: ${e.response.slice(0, 300)}` : '';
  if (typeof e.responseCode === 'number') {
    return { reason: `SMTP server answered ${e.responseCode}${reply || `: ${e.message ?? ''}`}`, permanent: e.responseCode >= 500 };
  }
  if (e.code === 'EAUTH') return { reason: `SMTP login refused${reply}`, permanent: true };
  if (e.code === 'EENVELOPE') return { reason: `SMTP refused the recipients: ${e.message ?? ''}`, permanent: true };
  if (e.code === 'ECONNECTION' || e.code === 'ETIMEDOUT' || e.code === 'ESOCKET' || e.code === 'EDNS' || e.code === 'ECONNREFUSED') {
    return { reason: `cannot reach the SMTP server (${e.code}): ${e.message ?? ''}`.trim(), permanent: false };
  }
  return { reason: `email failed: ${e.message ?? String(err)}`, permanent: false };
}

/** nodemailer's SMTP transport for SMTP_URL, with the per-attempt timeout; or why there is none. */
export function smtpTransport(settings: DeliverySettings): Transporter | { reason: string } {
  if (!settings.smtpUrl) return { reason: 'email is not configured on the server (set SMTP_URL)' };
  try {
    return nodemailer.createTransport(settings.smtpUrl, {
      connectionTimeout: settings.sendTimeoutMs, greetingTimeout: settings.sendTimeoutMs, socketTimeout: settings.sendTimeoutMs,
    } as TransportOptions);
  } catch (err) {
    return { reason: `SMTP_URL is not usable: ${err instanceof Error ? err.message : String(err)}` };
  }
}

const hostOf = (smtpUrl: string): string => { try { return new URL(smtpUrl.replace(/^smtps?:/, 'http:')).host; } catch { return 'an unusable URL'; } };

export const emailChannel: Channel = {
  environment: (settings) => (settings.smtpUrl ? [{ kind: 'email', name: 'smtp', source: 'environment', where: hostOf(settings.smtpUrl), createdAt: null }] : []),
  async test({ to, by }, settings) {
    const transport = smtpTransport(settings);
    if ('reason' in transport) return { ok: false, detail: transport.reason };
    const m = testMessage({ publicUrl: settings.publicUrl, now: new Date(), by });
    try {
      const info = await transport.sendMail({ from: settings.mailFrom, to: to ?? settings.mailFrom, subject: m.title, text: `${m.text}\n\nStatus page: ${m.statusUrl}`, headers: { 'Auto-Submitted': 'auto-generated' } });
      const reply = typeof info.response === 'string' ? info.response.slice(0, 200) : 'accepted';
      return { ok: true, detail: `SMTP server accepted it for ${to ?? 'the From address'}: ${reply}` };
    } catch (err) {
      return { ok: false, detail: classifySmtpError(err).reason };
    } finally {
      transport.close();
    }
  },
  async send(job, settings): Promise<SendResult> {
    if (job.target.channel !== 'email') return { ok: false, reason: 'not an email target', permanent: true };
    const to = job.target.to;
    const messageId = messageIdFor(job.requestId, to, settings.mailFrom);
    const transport = smtpTransport(settings);
    if ('reason' in transport) return { ok: false, reason: transport.reason, permanent: true };
    try {
      const info = await transport.sendMail({
        from: settings.mailFrom,
        to: settings.mailFrom,
        bcc: [...to],
        subject: subjectOf(job),
        text: emailBody(job, settings),
        messageId,
        // Every message about one incident threads under one root, in any mail client.
        references: `<incident.${job.incident.id}@${mailDomain(settings.mailFrom)}>`,
        headers: {
          'X-Incident-Id': job.incident.id,
          'X-Incident-Update-Id': job.update.id,
          'Auto-Submitted': 'auto-generated',
        },
      });
      // The list's own addresses the server accepted (To: is our own From, not a recipient).
      const accepted = new Set((Array.isArray(info.accepted) ? info.accepted : []).map((a: unknown) => String(typeof a === 'object' && a && 'address' in a ? (a as { address: string }).address : a).toLowerCase()));
      const count = to.filter((a) => accepted.has(a.toLowerCase())).length;
      return { ok: true, detail: `${count} recipient${count === 1 ? '' : 's'}`, messageId };
    } catch (err) {
      return { ok: false, ...classifySmtpError(err) };
    } finally {
      transport.close();
    }
  },
};
