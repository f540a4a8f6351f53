// What the delivery worker and its channels share: the server's delivery settings (secrets live only here,
// read from the environment by config.ts), one job to send, and a channel's answer.
import type { UpdateToSend } from '@shared/delivery/channels/adapter';
import type { ConfigurableKind } from '@shared/delivery/channels/registry';
import type { ChannelInfo, ChannelTestResult } from '@shared/delivery/channels-protocol';
import type { AckLinkRecord } from '@shared/incident/events-delivery';
import type { OutboundPolicy } from '../outbound/policy';

/** A destination set in CHAT_WEBHOOKS ("<kind>:<name>": url; kinds whose adapter says `inChatWebhooks`). */
export interface WebhookDestination {
  kind: string;
  name: string;
  url: string;
}

/** A destination of a kind set in the console, as the senders need it: its URL and its own secret, if any. */
export interface ResolvedDestination {
  kind: ConfigurableKind;
  name: string;
  url: string;
  /** The destination's own secret (added in the console): an HMAC key (absent: WEBHOOK_SECRET signs), a routing key. */
  secret?: string;
  source: 'console' | 'environment';
}

export interface DeliverySettings {
  /** smtp(s)://user:password@host:port; absent: email is not configured. */
  smtpUrl?: string;
  /** The From of every email ("Incident Console <incidents@example.com>"). */
  mailFrom: string;
  /** The address people reach this server at (links in messages, the status page's url). */
  publicUrl: string;
  pollMs: number;
  /** Attempts running at once on this instance (DELIVERY_CONCURRENCY). */
  concurrency: number;
  /** Attempts running at once to one destination (target key), so a dead one holds only its own rows. */
  perDestination: number;
  /** A claimed delivery not finished within this is taken over by another instance (after a crash). */
  leaseMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  /** Per-attempt network timeout; kept well under the lease so a live sender never loses its claim. */
  sendTimeoutMs: number;
  /** Which internal addresses the operator lets destinations reach (OUTBOUND_ALLOW); none by default. */
  outbound: OutboundPolicy;
  /** Chat and webhook destinations by `${kind}:${name}`, with their (secret) URLs. */
  webhooks: Map<string, WebhookDestination>;
  /** HMAC-SHA256 key of the generic webhook's X-Incident-Signature header. */
  webhookSecret?: string;
  statuspage?: { apiUrl: string; apiKey: string; pageId: string };
  /** How long a page's acknowledge link works (default one hour). */
  ackLinkTtlMs?: number;
  /** After the history went back, send requests recorded before wait this long for their outcomes (default 5 min). */
  recoveryHoldMs?: number;
}

/** One attempt of one update to one target: what the channel renders from, plus the worker's bookkeeping. */
export interface DeliveryJob extends UpdateToSend {
  workspaceId: string;
  attempt: number;
  /** The id an outside system may use to recognise a retry (email Message-ID, Statuspage incident). */
  externalId: string | null;
  /** Targets naming a destination: where the workspace's configuration sends them (undefined: not configured). */
  destination?: ResolvedDestination;
}

export type SendResult =
  | { ok: true; detail: string; messageId?: string; externalId?: string; ackLink?: AckLinkRecord }
  | { ok: false; reason: string; permanent: boolean };

/** A channel's answer: sent, failed, or (subscriber emails) work left after this attempt's share of time. */
export type ChannelResult = SendResult | { ok: 'continue'; detail: string };

/** What "Send test" gets: the destination for kinds set in the console, the address for email, who asked. */
export interface TestRequest {
  destination?: ResolvedDestination;
  to?: string;
  by: string;
}

/** A kind's server side: sending an update (kinds that take updates), "Send test", and entries the environment sets. */
export interface Channel {
  /** `continue`: the next attempt follows at once and is not counted. */
  send?(job: DeliveryJob, settings: DeliverySettings): Promise<ChannelResult>;
  test(request: TestRequest, settings: DeliverySettings): Promise<ChannelTestResult>;
  /** Destinations of this kind set in the server's environment (listed in Integrations with source 'environment'). */
  environment?(settings: DeliverySettings): ChannelInfo[];
}
