// The outbound-channels API shared by the server and the console (Server page → Integrations, the composer's
// chat options, paging): names and kinds only travel to the console; URLs and signing secrets stay on the server.
import { z } from 'zod';

/** Destinations an admin can add in the console. */
export const CONFIGURABLE_KINDS = ['slack', 'teams', 'webhook', 'paging'] as const;
export type ConfigurableKind = (typeof CONFIGURABLE_KINDS)[number];
/** Everything the Integrations list shows: the configurable kinds plus what only the server's environment sets. */
export const CHANNEL_KINDS = [...CONFIGURABLE_KINDS, 'email', 'statuspage-io'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const channelName = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a name of letters, digits and dashes, like "incidents"').max(60, 'longer than 60 characters');

export const channelInfoSchema = z.object({
  kind: z.enum(CHANNEL_KINDS),
  name: z.string(),
  /** console: added by an admin (removable here); environment: set in the server's configuration. */
  source: z.enum(['console', 'environment']),
  /** Where it goes, without the secret part: the host of a webhook URL, the SMTP host, the Statuspage page id. */
  where: z.string(),
  createdAt: z.string().nullable(),
});
export type ChannelInfo = z.infer<typeof channelInfoSchema>;

export const channelListSchema = z.object({ channels: z.array(channelInfoSchema) });

const httpUrl = z.string().trim().max(2_000, 'longer than 2000 characters')
  .refine((u) => { try { return ['http:', 'https:'].includes(new URL(u).protocol); } catch { return false; } }, { message: 'expected an http:// or https:// URL' });

export const createChannelSchema = z.object({
  kind: z.enum(CONFIGURABLE_KINDS),
  name: channelName,
  url: httpUrl,
  /** HMAC key of the signed kinds (webhook, paging); absent: the server's WEBHOOK_SECRET signs. */
  secret: z.string().min(16, 'use at least 16 characters').max(500).optional(),
});
export type CreateChannel = z.infer<typeof createChannelSchema>;

export const channelTestRequestSchema = z.object({
  /** Email only: where the test message goes (default: the server's own From address). */
  to: z.string().trim().max(320).regex(/^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/, 'expected an email address').optional(),
});

/** The real result of a "Send test": what the destination answered, or exactly why it failed. */
export const channelTestResultSchema = z.object({ ok: z.boolean(), detail: z.string() });
export type ChannelTestResult = z.infer<typeof channelTestResultSchema>;

const KIND_WORDS: Record<ChannelKind, string> = {
  slack: 'Slack', teams: 'Teams', webhook: 'Webhook', paging: 'Paging gateway', email: 'Email (SMTP)', 'statuspage-io': 'Atlassian Statuspage',
};
export const kindWords = (kind: ChannelKind): string => KIND_WORDS[kind];

/** How the console names a chat destination: "Slack #incidents", "Teams bridge". */
export function chatLabel(kind: 'slack' | 'teams' | 'webhook', name: string): string {
  return kind === 'slack' ? `Slack #${name}` : `${KIND_WORDS[kind]} ${name}`;
}
