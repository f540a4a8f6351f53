// What one outbound channel kind declares (docs/architecture.md, "How to add a channel"): its kind and the words for
// it, the settings an admin enters (one zod schema: the Integrations form and POST /channels both read it), the
// delivery target it accepts, how the composer offers it, and how it is sent. A kind that speaks HTTP is rendered
// here (pure: payload, escaping, idempotency key, what an answer means) and posted by the server's one outbound
// client; a kind that needs the server's own means (SMTP, the database) says `via: 'server'` and has a sender in
// server/src/deliveries/channels/. Everything that lists kinds derives from registry.ts.
import { z } from 'zod';
import type { IncidentEvent } from '../../incident/events';
import type { DeliveryTarget } from '../../incident/events-delivery';
import type { IncidentState } from '../../incident/state';
import type { Plan } from '../../plan/schema';

/** How the Integrations form shows one settings field. */
export interface FieldMeta {
  label: string;
  /** url: a URL input; secret: a password input, never shown again; text: plain. */
  input: 'url' | 'secret' | 'text';
  placeholder?: string;
  /** What the console says when the field is refused (default: "<label>: <the schema's message>."). */
  problem?: string;
}
/** Labels of settings fields, kept beside their schemas (read by the Integrations form). */
export const fieldMeta = z.registry<FieldMeta>();
export const field = <S extends z.ZodType>(schema: S, meta: FieldMeta): S => {
  fieldMeta.add(schema, meta);
  return schema;
};

export const httpUrl = z.string().trim().max(2_000, 'longer than 2000 characters')
  .refine((u) => { try { return ['http:', 'https:'].includes(new URL(u).protocol); } catch { return false; } }, { message: 'expected an http:// or https:// URL' });

/**
 * What an admin stores for a destination: where it goes (`url`, checked by the outbound policy when saved and at
 * every send) and at most one secret (a signing key, a routing key), stored apart and never shown again.
 */
export type SettingsShape = { url: z.ZodType<string | undefined>; secret?: z.ZodType<string | undefined> };
export type SettingsSchema = z.ZodObject<SettingsShape>;

/** The target of a delivery that names a configured destination ("slack:incidents"). */
export const destinationName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'expected an id of letters, digits and dashes').max(100);
export const destinationTarget = <K extends string>(kind: K) => z.object({
  channel: z.literal(kind),
  destination: destinationName,
  /** A channel-wide `@here` / `@channel` (kinds with `mentions`): the only way one is sent; mentions in text are escaped. */
  mention: z.enum(['here', 'channel']).optional(),
});

type DeliveryRequested = Extract<IncidentEvent, { type: 'delivery.requested' }>;
type UpdatePosted = Extract<IncidentEvent, { type: 'update.posted' }>;

/** One update on its way to one target: everything a channel renders from (the server adds its own bookkeeping). */
export interface UpdateToSend {
  requestId: string;
  /** The target as requested (its channel is the adapter's kind). */
  target: DeliveryTarget;
  targetKey: string;
  incident: IncidentState;
  request: DeliveryRequested;
  update: UpdatePosted;
  plan: Plan;
}

export interface RenderContext {
  /** The address people reach the server at (links to the status page). */
  publicUrl: string;
  /** The destination's own URL (the admin's `url` setting). */
  url: string;
  now: Date;
  /** The destination's own secret, for kinds that carry it in the message (a routing key). Never logged. */
  secret?: string;
}

/**
 * What goes out over HTTP: a JSON body and headers, to the destination's URL or, with `url`, another address of the
 * same service (a test endpoint; the outbound policy judges it like any). `refuse`: nothing can be sent (a permanent
 * failure, saying why).
 */
export type HttpMessage = { body: unknown; headers?: Record<string, string>; url?: string } | { refuse: string };

/** What an HTTP answer means for a delivery. */
export type HttpVerdict = 'sent' | 'retry' | 'give-up';

/** 2xx sent; 408, 429, 5xx retried (a busy or failing destination); any other answer is a configuration problem. */
export function defaultVerdict(status: number): HttpVerdict {
  if (status >= 200 && status < 300) return 'sent';
  return status === 408 || status === 429 || status >= 500 ? 'retry' : 'give-up';
}

export interface HttpSending {
  via: 'http';
  /** How reasons name the destination ("Slack webhook"). */
  what: string;
  /** Signed with the destination's key, else WEBHOOK_SECRET (X-Incident-Timestamp, X-Incident-Signature). */
  signed?: boolean;
  /** An update as this destination receives it; its idempotency key, if the target has one, in its headers or body. */
  render(update: UpdateToSend, at: RenderContext): HttpMessage;
  /** "Send test" from the Integrations page: a real message, no incident. */
  test(at: RenderContext & { by: string }): HttpMessage;
  /** What an answer's status means; absent: defaultVerdict. */
  verdict?(status: number): HttpVerdict;
}

export interface ServerSending {
  /** Sent by the server's own sender for this kind (server/src/deliveries/channels/index.ts). */
  via: 'server';
}

export type SetIn = 'console' | 'environment' | 'built-in';
export type Sending<V extends 'http' | 'server'> = { via: V } & (V extends 'http' ? HttpSending : ServerSending);

export interface ChannelAdapter<
  K extends string = string,
  T extends z.ZodObject | undefined = z.ZodObject | undefined,
  S extends SetIn = SetIn,
  V extends 'http' | 'server' = 'http' | 'server',
  C extends 'destination' | undefined = 'destination' | undefined,
> {
  /** The kind, as Integrations, the API and the delivery events name it. */
  kind: K;
  /** How Integrations names the kind ("Slack", "Paging gateway"). */
  words: string;
  /** How the timeline names a delivery through it ("Microsoft Teams", "Status page"). */
  timelineName: string;
  /** Where its destinations are set: by an admin in the console, only in the server's environment, or nowhere (built in). */
  setIn: S;
  /** console: the settings an admin enters (see SettingsShape). */
  settings?: SettingsSchema;
  /** The channel in delivery events when it differs from the kind (paging's outcomes are the page's, 'page'). */
  deliveryChannel?: string;
  /** The target it accepts in `delivery.requested`; absent: not a target of updates (paging). */
  target: T;
  /** The key of one delivery of a request to it (one deliveries row, one line on the console); default: the kind. */
  targetKey?(target: NonNullable<T> extends z.ZodObject ? z.infer<NonNullable<T>> : never): string;
  /** A request to it must carry the status page's fields (status, components, times: `delivery.requested.statusPage`). */
  statusPageFields?: boolean;
  /** How the composer offers it: each configured destination as a choice. Absent: the composer has its own control. */
  composer?: C;
  /** Destinations may ask for a channel-wide mention (the composer's "Notify everyone … (@here)"). */
  mentions?: boolean;
  /** An example destination name for the Integrations form (default "incidents"). */
  exampleName?: string;
  /** How the console names one destination ("Slack #incidents"); default "<words> <name>". */
  label?(name: string): string;
  /** CHAT_WEBHOOKS may name destinations of this kind ("<kind>:<name>": url). */
  inChatWebhooks?: boolean;
  sending: Sending<V>;
}

/** Declares an adapter, keeping its kind, target schema, where it is set, how it is sent and offered as types (the registry derives from them). */
export const defineChannel = <
  K extends string, T extends z.ZodObject | undefined, S extends SetIn, V extends 'http' | 'server', C extends 'destination' | undefined = undefined,
>(adapter: ChannelAdapter<K, T, S, V, C>): ChannelAdapter<K, T, S, V, C> => adapter;
