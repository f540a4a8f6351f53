// What the delivery worker and its channels share: the server's delivery settings (secrets live only here,
// read from the environment by config.ts), one job to send, and a channel's answer.
import type { IncidentEvent } from '@shared/incident/events';
import type { DeliveryTarget } from '@shared/incident/events-delivery';
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import type { OutboundPolicy } from '../outbound/policy';

export interface WebhookDestination {
  kind: 'slack' | 'teams' | 'webhook';
  name: string;
  url: string;
}

/** A chat, webhook or paging destination as the senders need it: its URL and, for the signed kinds, its own key. */
export interface ResolvedDestination {
  kind: 'slack' | 'teams' | 'webhook' | 'paging';
  name: string;
  url: string;
  /** The destination's own HMAC key (added in the console); absent: WEBHOOK_SECRET signs. */
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
}

export interface DeliveryJob {
  workspaceId: string;
  requestId: string;
  target: DeliveryTarget;
  targetKey: string;
  attempt: number;
  incident: IncidentState;
  request: Extract<IncidentEvent, { type: 'delivery.requested' }>;
  update: Extract<IncidentEvent, { type: 'update.posted' }>;
  plan: Plan;
  /** The id an outside system may use to recognise a retry (email Message-ID, Statuspage incident). */
  externalId: string | null;
  /** Chat and webhook targets: where the workspace's configuration sends them (undefined: not configured). */
  destination?: ResolvedDestination;
}

export type SendResult =
  | { ok: true; detail: string; messageId?: string; externalId?: string }
  | { ok: false; reason: string; permanent: boolean };

export interface Channel {
  send(job: DeliveryJob, settings: DeliverySettings): Promise<SendResult>;
}
