// What the composer's "Send via" section holds, and how it becomes a delivery request: the audience's email
// list resolved from the plan and contacts, the hosted status page with the plan's five fields, the chat
// destinations configured on the server; and the words the update records as its channel.
import { adapterOf, type DestinationKind } from '@shared/delivery/channels/registry';
import { chatLabel } from '@shared/delivery/channels-protocol';
import { recipientsFor, type ContactLike } from '@shared/delivery/recipients';
import type { IncidentStatus } from '@shared/incident/events';
import { statusPageFieldsSchema, type ComponentStatus, type DeliveryTarget, type PublicIncidentStatus, type StatusPageFields } from '@shared/incident/events-delivery';
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { parseDuration } from '@shared/time/duration';
import { lastStatusPageRequest } from '@shared/statuspage/public-text';
import { fromLocalInput, toLocalInput } from '../../core/format';

export interface StatusPageDraft {
  status: PublicIncidentStatus;
  /** Component id -> its state; absent = not affected. Starts from the incident's last update (carried over). */
  components: Record<string, ComponentStatus>;
  /** The incident's public title; null follows the incident's last one or the plan's template. */
  title: string | null;
  /** The public text of this update; null follows the plan's template for the status and components. */
  body: string | null;
  /** DateTimeInput texts (the commander's local time, 24-hour), '' when not filled in. */
  startedAt: string;
  estimatedResolutionAt: string;
  nextUpdateAt: string;
}

export interface SendChoice {
  email: boolean;
  statusPage: boolean;
  /** The status page's email subscribers of the affected services (all of them when no service is chosen). */
  subscribers: boolean;
  /** Chat destinations chosen, as `${kind}:${name}` ("slack:incidents"). */
  chat: string[];
  /** Ask Slack(-compatible) destinations to notify everyone present (@here): the only way a mention is sent. */
  notifyHere?: boolean;
  page: StatusPageDraft;
}

/** The key a choice's delivery is judged by (the channel adapters' targetKey): "email:users", "status-page", "slack:incidents". */
export const choiceKey = {
  email: (audience: string) => `email:${audience}`,
  statusPage: 'status-page',
  subscribers: 'subscribers',
} as const;

/**
 * The choice with what may not go out left out: a restricted incident's updates go only where its plan allows
 * (shared/access/deliveries.ts, the rule the server applies). `refusal` says why a target key may not, or null.
 */
export function allowedOnly(choice: SendChoice, audience: string, refusal: (targetKey: string) => string | null): SendChoice {
  const ok = (key: string) => refusal(key) === null;
  return {
    ...choice,
    email: choice.email && ok(choiceKey.email(audience)),
    statusPage: choice.statusPage && ok(choiceKey.statusPage),
    subscribers: choice.subscribers && ok(choiceKey.subscribers),
    chat: choice.chat.filter(ok),
  };
}

/** Nothing chosen yet: the composer's starting point. */
export const noSend = (page: StatusPageDraft): SendChoice => ({ email: false, statusPage: false, subscribers: false, chat: [], page });

/**
 * What the update's "channel" says: where the server sends it, in words ("Email to Stakeholders, Status page,
 * Slack #incidents"); null when nothing goes through the server (the commander names where they posted it).
 */
export function sentVia(choice: SendChoice, audienceName: string, statuspageIo = false): string | null {
  const parts = [
    choice.email && `Email to ${audienceName}`,
    choice.statusPage && (statuspageIo ? 'Status page (and Statuspage.io)' : 'Status page'),
    choice.subscribers && 'Email to status-page subscribers',
    ...choice.chat.map((key) => {
      const [kind, name] = key.split(':', 2) as [string, string];
      return chatLabel(kind, name);
    }),
  ].filter((p): p is string => typeof p === 'string');
  if (parts.length === 0) return null;
  const text = parts.join(', ');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

const PUBLIC_STATUS: Record<IncidentStatus, PublicIncidentStatus> = {
  investigating: 'investigating', identified: 'identified', mitigating: 'identified', monitoring: 'monitoring', resolved: 'resolved', closed: 'resolved',
};

/** A DateTimeInput's text as an ISO instant; undefined when empty or not a time. */
const localInputIso = (value: string): string | undefined => {
  const ms = fromLocalInput(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
};

/**
 * Defaults from the incident and the plan: impact start, the resolution target, the audience's cadence; the affected
 * components and their states carried over from the incident's last status-page update (back to Operational once
 * resolved), never a guessed "Major outage".
 */
export function defaultStatusPage(plan: Plan, state: IncidentState, audience: string, now: number): StatusPageDraft {
  const severity = plan.severities.find((s) => s.id === state.severity);
  const resolveBy = severity ? state.detectedAt + parseDuration(severity.resolutionTarget) : null;
  const cadence = severity?.updateCadences.find((c) => c.audience === audience);
  const status = PUBLIC_STATUS[state.status];
  const last = lastStatusPageRequest(state.systemTimeline.map((e) => e.event))?.components ?? {};
  const components = status === 'resolved' ? Object.fromEntries(Object.keys(last).map((id) => [id, 'operational' as const])) : last;
  return {
    status,
    components,
    title: null,
    body: null,
    startedAt: toLocalInput(state.impactStartedAt),
    estimatedResolutionAt: resolveBy !== null && resolveBy > now ? toLocalInput(resolveBy) : '',
    nextUpdateAt: cadence ? toLocalInput(now + parseDuration(cadence.every)) : '',
  };
}

export type BuiltRequest = { targets: DeliveryTarget[]; statusPage?: StatusPageFields; publicTitle?: string } | { error: string };

const FIELD_NAMES: Record<string, string> = {
  body: 'Public text', startedAt: 'Start time', estimatedResolutionAt: 'Estimated resolution time', nextUpdateAt: 'Next update time', components: 'Affected services', status: 'Current status',
};

/** The words a request carries beyond the update's text, exactly as the preview shows them (outgoing.ts). */
export interface RequestWords {
  /** The email's subject. */
  subject?: string;
  /** The incident's public title (status page, a public audience's email). */
  publicTitle?: string;
  /** The status page's public text. */
  publicBody?: string;
}

/** `statuspageIo`: the server publishes to Atlassian Statuspage too, so a status-page update also targets it. */
export function buildRequest(choice: SendChoice, plan: Plan, contacts: readonly ContactLike[], audience: string, statuspageIo = false, words: RequestWords = {}): BuiltRequest | null {
  const targets: DeliveryTarget[] = [];
  if (choice.email) {
    const to = recipientsFor(plan, audience, contacts);
    const name = plan.audiences.find((a) => a.id === audience)?.name ?? audience;
    if (to.length === 0) return { error: `No email addresses for ${name}: add them to the plan's distribution list or to contacts with its roles.` };
    targets.push({ channel: 'email', list: audience, to, ...(words.subject ? { subject: words.subject } : {}) });
  }
  let statusPage: StatusPageFields | undefined;
  if (choice.statusPage) {
    const p = choice.page;
    const resolved = p.status === 'resolved';
    const missing = [
      !words.publicTitle?.trim() && 'Public title',
      !words.publicBody?.trim() && 'Public text',
      !p.startedAt && 'Start time',
      Object.keys(p.components).length === 0 && 'Affected services',
      !resolved && !p.estimatedResolutionAt && 'Estimated resolution time',
      !resolved && !p.nextUpdateAt && 'Next update time',
    ].filter(Boolean);
    if (missing.length) return { error: `The status page needs: ${missing.join(', ')}.` };
    const parsed = statusPageFieldsSchema.safeParse({
      status: p.status,
      components: Object.entries(p.components).map(([id, status]) => ({ id, status })),
      startedAt: localInputIso(p.startedAt),
      body: words.publicBody?.trim(),
      ...(resolved ? {} : { estimatedResolutionAt: localInputIso(p.estimatedResolutionAt), nextUpdateAt: localInputIso(p.nextUpdateAt) }),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { error: `${FIELD_NAMES[String(issue?.path[0])] ?? 'Status page'}: ${issue?.message ?? 'invalid'}` };
    }
    statusPage = parsed.data;
    targets.push({ channel: 'status-page' });
    if (statuspageIo) targets.push({ channel: 'statuspage-io' });
  }
  // Subscribers are the public: they get the update with the status page's fields, never an internal one alone.
  if (choice.subscribers) {
    if (!choice.statusPage) return { error: 'Email to status-page subscribers goes with a status-page update: tick Status page and fill in its fields.' };
    targets.push({ channel: 'subscribers' });
  }
  for (const key of choice.chat) {
    const [kind, destination] = key.split(':', 2);
    const adapter = kind ? adapterOf(kind) : undefined;
    if (!adapter || adapter.composer !== 'destination' || !destination) continue;
    // The kinds that take a channel-wide mention get it only when asked (the composer's "Notify everyone …").
    targets.push({ channel: kind as DestinationKind, destination, ...(adapter.mentions && choice.notifyHere ? { mention: 'here' as const } : {}) });
  }
  if (targets.length === 0) return null;
  const publicTitle = words.publicTitle?.trim();
  return { targets, ...(statusPage ? { statusPage } : {}), ...(publicTitle ? { publicTitle } : {}) };
}
