// "Send test" of one outbound channel: a real message through the same code the deliveries use (Slack blocks,
// Teams card, signed webhook, paging gateway, SMTP, Statuspage's API), answered with what the destination said
// or exactly why it failed. Nothing is written to the log.
import { randomUUID } from 'node:crypto';
import type { ChannelTestResult } from '@shared/delivery/channels-protocol';
import { classifySmtpError, smtpTransport } from './channels/email';
import { postJson } from './channels/http';
import { slackPayload } from './channels/slack';
import { statuspageProbe } from './channels/statuspage-io';
import { teamsPayload } from './channels/teams';
import { signature } from './channels/webhook';
import type { DeliverySettings, ResolvedDestination } from './types';

const statusUrl = (s: DeliverySettings) => `${s.publicUrl.replace(/\/$/, '')}/status`;

function testMessage(settings: DeliverySettings, by: string) {
  return {
    title: 'Test from Incident Console',
    text: `A test message sent by ${by} from the Integrations page. No incident is open because of it.`,
    facts: [{ title: 'Sent by', value: by }, { title: 'Sent at', value: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC` }],
    statusUrl: statusUrl(settings),
  };
}

/** Signed POST for the webhook and paging kinds, headers as documented (docs/server.md). */
async function signedPost(what: string, dest: ResolvedDestination, settings: DeliverySettings, body: object): Promise<ChannelTestResult> {
  const secret = dest.secret ?? settings.webhookSecret;
  if (!secret) return { ok: false, detail: `${what}: no signing secret (set one for this destination, or WEBHOOK_SECRET on the server)` };
  const timestamp = String(Math.floor(Date.now() / 1000));
  const raw = JSON.stringify(body);
  const id = `test.${randomUUID()}`;
  return asResult(await postJson(what, dest.url, raw, {
    'x-incident-timestamp': timestamp, 'x-incident-signature': signature(secret, timestamp, raw), 'idempotency-key': id,
  }, settings));
}

const asResult = (r: { ok: true; detail: string } | { ok: false; reason: string }): ChannelTestResult => (r.ok ? { ok: true, detail: r.detail } : { ok: false, detail: r.reason });

export async function sendChatTest(dest: ResolvedDestination, settings: DeliverySettings, by: string): Promise<ChannelTestResult> {
  const m = testMessage(settings, by);
  switch (dest.kind) {
    case 'slack': return asResult(await postJson('Slack webhook', dest.url, JSON.stringify(slackPayload(m)), {}, settings));
    case 'teams': return asResult(await postJson('Teams webhook', dest.url, JSON.stringify(teamsPayload(m)), {}, settings));
    case 'webhook': return signedPost('Webhook', dest, settings, { type: 'test', sentAt: new Date().toISOString(), text: m.text, statusPageUrl: m.statusUrl });
    case 'paging': return signedPost('Paging gateway', dest, settings, { type: 'page.test', sentAt: new Date().toISOString(), message: m.text, test: true });
  }
}

export async function sendEmailTest(settings: DeliverySettings, to: string | undefined, by: string): Promise<ChannelTestResult> {
  const transport = smtpTransport(settings);
  if ('reason' in transport) return { ok: false, detail: transport.reason };
  const m = testMessage(settings, by);
  const recipient = to ?? settings.mailFrom;
  try {
    const info = await transport.sendMail({ from: settings.mailFrom, to: recipient, subject: m.title, text: `${m.text}\n\nStatus page: ${m.statusUrl}`, headers: { 'Auto-Submitted': 'auto-generated' } });
    const reply = typeof info.response === 'string' ? info.response.slice(0, 200) : 'accepted';
    return { ok: true, detail: `SMTP server accepted it for ${to ?? 'the From address'}: ${reply}` };
  } catch (err) {
    return { ok: false, detail: classifySmtpError(err).reason };
  } finally {
    transport.close();
  }
}

export async function sendStatuspageTest(settings: DeliverySettings): Promise<ChannelTestResult> {
  if (!settings.statuspage) return { ok: false, detail: 'Atlassian Statuspage is not configured on the server (set STATUSPAGE_API_KEY and STATUSPAGE_PAGE_ID)' };
  return asResult(await statuspageProbe(settings.statuspage, settings));
}
