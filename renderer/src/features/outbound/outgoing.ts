// What one Post sends, message by message, exactly as it will reach each audience (issue #23): the email with its
// subject and recipients, the status page with its public title, public text and each component's state, each chat
// destination, or the channel the commander posts in by hand. The preview and the first-time confirmation show
// these; the delivery request is built from the same words, so what is previewed is what goes.
import { chatLabel } from '@shared/delivery/channels-protocol';
import { recipientsFor, type ContactLike } from '@shared/delivery/recipients';
import { emailSubject } from '@shared/delivery/subject';
import type { ComponentStatus, PublicIncidentStatus } from '@shared/incident/events-delivery';
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { isPublicAudience, publicText, publicTitleOf } from '@shared/statuspage/public-text';
import { fromLocalInput } from '../../core/format';
import { buildRequest, type BuiltRequest, type SendChoice } from './send-choice';

export const STATUS_WORDS: Record<PublicIncidentStatus, string> = { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved' };
export const COMPONENT_WORDS: Record<ComponentStatus, string> = {
  operational: 'Operational', degraded_performance: 'Degraded performance', partial_outage: 'Partial outage', major_outage: 'Major outage',
};

export interface Recipient { address: string; name: string | null }

export type OutgoingMessage =
  | { kind: 'email'; label: string; public: boolean; subject: string; recipients: Recipient[]; text: string }
  | { kind: 'status-page'; label: string; public: true; title: string; text: string; status: PublicIncidentStatus;
    components: Array<{ id: string; name: string; state: ComponentStatus }>; times: Array<{ label: string; value: string }> }
  | { kind: 'chat'; label: string; public: false; title: string; text: string }
  | { kind: 'by-hand'; label: string; public: boolean; text: string };

export interface ComposeContext {
  plan: Plan;
  state: IncidentState;
  audience: string;
  contacts: readonly (ContactLike & { name: string })[];
  choice: SendChoice;
  statuspageIo: boolean;
  /** The update's own text (the audience's). */
  text: string;
  /** Where it is posted by hand when nothing goes through the server. */
  byHand: string;
  /** An instant in the reader's words ("14:30 UTC"). */
  readerTime(ms: number): string;
}

const SEVERITY_WORDS = (plan: Plan, state: IncidentState) => {
  const s = plan.severities.find((x) => x.id === state.severity);
  return s ? `${s.id}` : null;
};

/** The public title and the status page's public text as they will go (the commander's words, else the plan's). */
export function publicWords(c: ComposeContext): { title: string; body: string } {
  const page = c.choice.page;
  const next = fromLocalInput(page.nextUpdateAt);
  const title = page.title ?? publicTitleOf(c.plan, c.state.systemTimeline.map((e) => e.event));
  const body = page.body ?? publicText(c.plan, page.status, page.components, Number.isNaN(next) ? null : c.readerTime(next));
  return { title, body };
}

/** Every message of this Post and the request that sends them. */
export function outgoing(c: ComposeContext): { messages: OutgoingMessage[]; request: BuiltRequest | null } {
  const { plan, state, audience, choice } = c;
  const audienceName = plan.audiences.find((a) => a.id === audience)?.name ?? audience;
  const audiencePublic = isPublicAudience(plan, audience);
  const words = publicWords(c);
  const incident = { severity: SEVERITY_WORDS(plan, state), status: state.status, title: state.title };
  const subject = emailSubject(incident, audiencePublic ? words.title : null);
  const messages: OutgoingMessage[] = [];
  if (choice.email) {
    const byAddress = new Map(c.contacts.filter((x) => x.email.trim()).map((x) => [x.email.trim().toLowerCase(), x.name]));
    const recipients = recipientsFor(plan, audience, c.contacts).map((address) => ({ address, name: byAddress.get(address.toLowerCase()) ?? null }));
    messages.push({ kind: 'email', label: `Email to ${audienceName}`, public: audiencePublic, subject, recipients, text: c.text });
  }
  if (choice.statusPage) {
    const p = choice.page;
    const at = (v: string) => { const ms = fromLocalInput(v); return Number.isNaN(ms) ? 'not set' : c.readerTime(ms); };
    messages.push({
      kind: 'status-page', label: c.statuspageIo ? 'Status page (and Statuspage.io)' : 'Status page', public: true,
      title: words.title, text: words.body, status: p.status,
      components: plan.statusPage.components.filter((x) => p.components[x.id] !== undefined).map((x) => ({ id: x.id, name: x.name, state: p.components[x.id] as ComponentStatus })),
      times: [
        { label: 'Started', value: at(p.startedAt) },
        ...(p.status === 'resolved' ? [] : [{ label: 'Estimated resolution', value: at(p.estimatedResolutionAt) }, { label: 'Next update', value: at(p.nextUpdateAt) }]),
      ],
    });
  }
  for (const key of choice.chat) {
    const [kind, name] = key.split(':', 2) as [string, string];
    messages.push({ kind: 'chat', label: chatLabel(kind, name), public: false, title: emailSubject(incident), text: c.text });
  }
  if (messages.length === 0) messages.push({ kind: 'by-hand', label: `${c.byHand} (posted by hand)`, public: audiencePublic, text: c.text });
  const goesPublic = choice.statusPage || (choice.email && audiencePublic);
  const request = buildRequest(choice, plan, c.contacts, audience, c.statuspageIo, {
    ...(choice.email ? { subject } : {}),
    ...(goesPublic ? { publicTitle: words.title } : {}),
    ...(choice.statusPage ? { publicBody: words.body } : {}),
  });
  return { messages, request };
}
