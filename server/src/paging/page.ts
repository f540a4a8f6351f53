// Sending one page (a page.requested row of the deliveries table): who is on call for the role (the plan's
// rotation at the moment of the request, or the contact the commander picked), their contact channels from the
// team's contact sheet, a fresh one-time acknowledge link, then the workspace's paging gateway (a signed,
// SMS-gateway-shaped JSON POST) and, when SMTP is configured and they have an address, an email.
import type { Kysely } from 'kysely';
import { onCallAt } from '@shared/oncall/rotation';
import type { IncidentEvent } from '@shared/incident/events';
import type { IncidentState } from '@shared/incident/state';
import { outwardTitle, restrictedDeliveryRefusal } from '@shared/access/deliveries';
import { PAGE_TARGET } from '@shared/incident/events-paging';
import type { Database } from '../db/schema';
import { loadIncident } from '../deliveries/incident';
import { incidentPlan } from '../deliveries/plan-access';
import { smtpTransport, classifySmtpError, mailDomain } from '../deliveries/channels/email';
import { postJson } from '../deliveries/channels/http';
import { signedHeaders } from '../deliveries/channels/sign';
import type { DeliverySettings, SendResult } from '../deliveries/types';
import { pagingGateway } from '../store/channels';
import { loadTeamDirectory } from '../workspace/team-plan';
import { issueAckToken } from './ack-tokens';
import { sha256 } from '../auth/secrets';

export const DEFAULT_ACK_LINK_TTL_MS = 60 * 60_000;

type PageEvent = Extract<IncidentEvent, { type: 'page.requested' }>;

/** The page's outcome, and whether it was a drill's (kept in the sandbox: a drill never pages a real person). */
export async function sendPage(db: Kysely<Database>, settings: DeliverySettings, workspaceId: string, incidentId: string, pageId: string, now: number): Promise<{ result: SendResult; drill: boolean }> {
  const { state, events } = await loadIncident(db, workspaceId, incidentId);
  if (state.drill) return { result: { ok: true, detail: 'drill: page kept in the drill sandbox, no one was paged' }, drill: true };
  return { result: await pageOnCall(db, settings, workspaceId, pageId, now, state, events), drill: false };
}

async function pageOnCall(db: Kysely<Database>, settings: DeliverySettings, workspaceId: string, pageId: string, now: number, state: IncidentState, events: IncidentEvent[]): Promise<SendResult> {
  const incidentId = state.id;
  const page = events.find((e): e is PageEvent => e.id === pageId && e.type === 'page.requested');
  if (!page) return { ok: false, reason: 'the page request is not in the log', permanent: false };
  const plan = await incidentPlan(db, workspaceId, state);
  const refusal = restrictedDeliveryRefusal(plan, state, PAGE_TARGET);
  if (refusal) return { ok: false, reason: refusal, permanent: true };
  const role = plan.roles.find((r) => r.id === page.payload.roleId);
  const roleName = role?.name ?? page.payload.roleId;
  const contacts = await loadTeamDirectory(db, workspaceId);
  let contact = page.payload.contactId ? contacts.find((c) => c.id === page.payload.contactId) : undefined;
  if (!contact) {
    const onCall = onCallAt(plan, page.payload.roleId, Date.parse(page.occurredAt));
    const name = onCall?.member ?? page.payload.person;
    if (!name) return { ok: false, reason: `no one is on call for ${roleName}: the plan has no rotation for it; page a person from the contact sheet`, permanent: true };
    contact = contacts.find((c) => c.name.trim().toLowerCase() === name.trim().toLowerCase());
    if (!contact) return { ok: false, reason: `${name} is on call for ${roleName} but is not on the contact sheet (add a phone or email under Contacts)`, permanent: true };
  }
  const phone = contact.phone.trim();
  const email = contact.email.trim();
  const gateway = await pagingGateway(db, workspaceId);
  if (!gateway && !(settings.smtpUrl && email)) {
    return { ok: false, reason: `cannot reach ${contact.name}: no paging gateway is configured (Server page → Integrations)${email ? ' and email is not configured (SMTP_URL)' : ' and they have no email address'}`, permanent: true };
  }

  const expiresAt = new Date(now + (settings.ackLinkTtlMs ?? DEFAULT_ACK_LINK_TTL_MS));
  const token = await issueAckToken(db, { workspaceId, incidentId, pageId, contactId: contact.id, person: contact.name, expiresAt }, new Date(now));
  const ackUrl = `${settings.publicUrl.replace(/\/$/, '')}/ack/${token}`;
  const title = `${state.severity ? `[${state.severity}] ` : ''}${outwardTitle(state, plan)}`;
  const text = `${title}: you are paged as ${roleName} by ${page.actor.name}.${page.payload.message ? ` ${page.payload.message}` : ''} Acknowledge: ${ackUrl}`;

  const results: string[] = [];
  const failures: Array<{ reason: string; permanent: boolean }> = [];
  if (gateway) {
    const secret = gateway.secret ?? settings.webhookSecret;
    if (!secret) failures.push({ reason: `Paging gateway "${gateway.name}": no signing secret (set one for it in Integrations, or WEBHOOK_SECRET)`, permanent: true });
    else if (!phone && !email) failures.push({ reason: `Paging gateway: ${contact.name} has no phone number or email on the contact sheet`, permanent: true });
    else {
      const body = JSON.stringify({
        type: 'page', pageId, sentAt: new Date(now).toISOString(),
        to: { name: contact.name, phone: phone || null, email: email || null },
        message: text, ackUrl, expiresAt: expiresAt.toISOString(),
        incident: { id: state.id, title: outwardTitle(state, plan), severity: state.severity, status: state.status, drill: state.drill },
        role: { id: page.payload.roleId, name: roleName }, pagedBy: page.actor.name,
      });
      const r = await postJson(`Paging gateway "${gateway.name}"`, gateway.url, body, {
        ...signedHeaders(secret, body, now), 'idempotency-key': `${pageId}.page`,
      }, settings);
      if (r.ok) results.push(`paged ${contact.name}${phone ? ` (${phone})` : ''} via ${gateway.name}: ${r.detail}`);
      else failures.push(r);
    }
  }
  if (settings.smtpUrl && email) {
    const transport = smtpTransport(settings);
    if ('reason' in transport) failures.push({ reason: transport.reason, permanent: true });
    else {
      try {
        await transport.sendMail({
          from: settings.mailFrom, to: email, subject: `PAGE ${title} (${roleName})`,
          text: `${text}\n\nThe link works once and expires ${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
          messageId: `<page.${pageId}@${mailDomain(settings.mailFrom)}>`, headers: { 'X-Incident-Id': state.id, 'Auto-Submitted': 'auto-generated' },
        });
        results.push(`emailed ${email}`);
      } catch (err) {
        failures.push(classifySmtpError(err));
      } finally {
        transport.close();
      }
    }
  }
  if (results.length > 0) {
    return { ok: true, detail: [...results, ...failures.map((f) => `not sent: ${f.reason}`)].join('; '),
      ackLink: { tokenHash: sha256(token), person: contact.name, contactId: contact.id, expiresAt: expiresAt.toISOString() } };
  }
  return { ok: false, reason: failures.map((f) => f.reason).join('; '), permanent: failures.every((f) => f.permanent) };
}
