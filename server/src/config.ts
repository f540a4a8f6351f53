// Server settings from the environment, validated: where the data lives, where to listen, limits.
import { resolve } from 'node:path';
import { z } from 'zod';
import { SOURCES } from '@shared/alerts/sources/registry';
import { CHAT_WEBHOOK_KINDS } from '@shared/delivery/channels/registry';
import { orList } from '@shared/text/or-list';
import { describeFirstIssue } from '@shared/validation/zod-issues';
import type { DeliverySettings, WebhookDestination } from './deliveries/types';
import { parseOutboundAllow, refusedUrl, refusalAdvice, type OutboundPolicy } from './outbound/policy';

const envSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  WEB_DIR: z.string().default('./dist/web'),
  WORKSPACE_NAME: z.string().min(1).max(100).default('Incident response'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  /** Bearer token Prometheus must present at /metrics; unset: /metrics is open. */
  METRICS_TOKEN: z.string().min(16, 'use at least 16 characters').regex(/^\S+$/, 'must not contain spaces').optional(),
  // Deliveries (docs/server.md). Every secret lives here, in the environment: never in events, plans or exports.
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'expected smtp://user:password@host:port or smtps://...').optional(),
  MAIL_FROM: z.string().min(3).default('Incident Console <incident-console@localhost>'),
  PUBLIC_URL: z.string().url().optional(),
  DELIVERY_POLL_MS: z.coerce.number().int().min(50).default(1000),
  DELIVERY_LEASE_SECONDS: z.coerce.number().int().min(2).default(120),
  DELIVERY_RETRY_BASE_MS: z.coerce.number().int().min(10).default(5000),
  DELIVERY_RETRY_MAX_MS: z.coerce.number().int().min(10).default(600_000),
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  DELIVERY_PER_DESTINATION: z.coerce.number().int().min(1).max(64).default(2),
  /** Deadline of one attempt's network exchange: a destination that hangs holds only its own row this long. */
  DELIVERY_TIMEOUT_SECONDS: z.coerce.number().min(1).max(60).default(10),
  /** JSON object: {"slack:incidents": "https://hooks.slack.com/...", "teams:bridge": "...", "webhook:pager": "..."} */
  CHAT_WEBHOOKS: z.string().optional(),
  WEBHOOK_SECRET: z.string().min(16, 'use at least 16 characters').optional(),
  STATUSPAGE_API_URL: z.string().url().default('https://api.statuspage.io/v1'),
  STATUSPAGE_API_KEY: z.string().min(1).optional(),
  STATUSPAGE_PAGE_ID: z.string().min(1).optional(),
  /** Internal addresses destinations may reach (on-premises gateways): CIDR ranges, addresses, host names. */
  OUTBOUND_ALLOW: z.string().max(4_000).optional(),
  ACK_LINK_TTL_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  /** Recovery mode: 'admins' lets admin devices relay events whose signature cannot be checked (docs/server.md). */
  RELAY_UNVERIFIED: z.enum(['refuse', 'admins']).default('refuse'),
  /** After the history went back: how long send requests from before wait for their outcomes to come back. */
  RECOVERY_HOLD_SECONDS: z.coerce.number().int().min(0).max(24 * 3600).default(300),
});

/** "<kind>:<name>" for the kinds whose adapter says `inChatWebhooks` (shared/delivery/channels/registry.ts). */
const chatWebhookKey = new RegExp(`^(${CHAT_WEBHOOK_KINDS.join('|')}):[a-z0-9][a-z0-9-]*$`, 'i');
const webhooksSchema = z.record(z.string().regex(chatWebhookKey, `expected ${orList(CHAT_WEBHOOK_KINDS.map((k) => `"${k}:<name>"`))}`),
  z.string().url().refine((u) => /^https?:\/\//.test(u), { message: 'expected an http(s) URL' }));

function parseWebhooks(raw: string | undefined, policy: OutboundPolicy): Map<string, WebhookDestination> {
  const out = new Map<string, WebhookDestination>();
  if (!raw) return out;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('bad environment: CHAT_WEBHOOKS: expected a JSON object of "kind:name": "url"');
  }
  const parsed = webhooksSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`bad environment: ${describeFirstIssue(parsed.error, { at: 'CHAT_WEBHOOKS' })}`);
  }
  for (const [key, url] of Object.entries(parsed.data)) {
    const refused = refusedUrl(url, policy);
    if (refused) throw new Error(`bad environment: CHAT_WEBHOOKS["${key}"]: ${refused}; ${refusalAdvice}`);
    const [kind, name] = key.toLowerCase().split(':') as [string, string];
    out.set(`${kind}:${name}`, { kind, name, url });
  }
  return out;
}

export interface ServerConfig {
  databaseUrl?: string;
  dataDir: string;
  host: string;
  port: number;
  webDir: string;
  workspaceName: string;
  logLevel: string;
  rateLimitPerMinute: number;
  metricsToken?: string;
  relayUnverified: 'refuse' | 'admins';
  /** Signing secrets of the alert sources that sign their bodies, by source id, from each one's setting (SENTRY_CLIENT_SECRET). */
  intakeSecrets: Record<string, string>;
  deliveries: DeliverySettings;
}

/** Each signing source's secret from its variable (`signature.setting` in its adapter), when set. */
function intakeSecrets(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of SOURCES) {
    const setting = 'signature' in source ? source.signature?.setting : undefined;
    const value = setting ? env[setting]?.trim() : undefined;
    if (setting && value) {
      if (/\s/.test(value)) throw new Error(`bad environment: ${setting}: must not contain spaces`);
      out[source.id] = value;
    }
  }
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`bad environment: ${describeFirstIssue(parsed.error)}`);
  }
  const e = parsed.data;
  let outbound: OutboundPolicy;
  try { outbound = parseOutboundAllow(e.OUTBOUND_ALLOW); } catch (err) { throw new Error(`bad environment: OUTBOUND_ALLOW: ${(err as Error).message}`); }
  const statuspageRefused = e.STATUSPAGE_API_KEY ? refusedUrl(e.STATUSPAGE_API_URL, outbound) : undefined;
  if (statuspageRefused) throw new Error(`bad environment: STATUSPAGE_API_URL: ${statuspageRefused}; ${refusalAdvice}`);
  return {
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    dataDir: resolve(e.DATA_DIR),
    host: e.HOST,
    port: e.PORT,
    webDir: resolve(e.WEB_DIR),
    workspaceName: e.WORKSPACE_NAME,
    logLevel: e.LOG_LEVEL,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    ...(e.METRICS_TOKEN ? { metricsToken: e.METRICS_TOKEN } : {}),
    relayUnverified: e.RELAY_UNVERIFIED,
    intakeSecrets: intakeSecrets(env),
    deliveries: {
      ...(e.SMTP_URL ? { smtpUrl: e.SMTP_URL } : {}),
      mailFrom: e.MAIL_FROM,
      publicUrl: e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`,
      pollMs: e.DELIVERY_POLL_MS,
      concurrency: e.DELIVERY_CONCURRENCY,
      perDestination: Math.min(e.DELIVERY_PER_DESTINATION, e.DELIVERY_CONCURRENCY),
      leaseMs: e.DELIVERY_LEASE_SECONDS * 1000,
      retryBaseMs: e.DELIVERY_RETRY_BASE_MS,
      retryMaxMs: e.DELIVERY_RETRY_MAX_MS,
      maxAttempts: e.DELIVERY_MAX_ATTEMPTS,
      // Under half the lease: a sender that is alive always finishes (or times out) before its claim runs out.
      sendTimeoutMs: Math.min(e.DELIVERY_TIMEOUT_SECONDS * 1000, Math.floor((e.DELIVERY_LEASE_SECONDS * 1000) / 3)),
      webhooks: parseWebhooks(e.CHAT_WEBHOOKS, outbound),
      outbound,
      ...(e.WEBHOOK_SECRET ? { webhookSecret: e.WEBHOOK_SECRET } : {}),
      ackLinkTtlMs: e.ACK_LINK_TTL_MINUTES * 60_000,
      recoveryHoldMs: e.RECOVERY_HOLD_SECONDS * 1000,
      ...(e.STATUSPAGE_API_KEY && e.STATUSPAGE_PAGE_ID ? { statuspage: { apiUrl: e.STATUSPAGE_API_URL, apiKey: e.STATUSPAGE_API_KEY, pageId: e.STATUSPAGE_PAGE_ID } } : {}),
    },
  };
}
