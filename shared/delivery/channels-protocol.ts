// The outbound-channels API shared by the server and the console (Server page → Integrations, the composer's
// chat options, paging): names and kinds only travel to the console; URLs and signing secrets stay on the server.
// The kinds, their words and the settings each takes come from the channel registry (shared/delivery/channels/).
import { z } from 'zod';
import { adapterOf, CONFIGURABLE_KINDS, CHANNELS, LISTED_KINDS, type ChannelKind as Kind, type ConfigurableKind as Configurable, type DestinationKind } from './channels/registry';

export { CONFIGURABLE_KINDS };
export type ConfigurableKind = Configurable;
/** Everything the Integrations list shows: the configurable kinds plus what only the server's environment sets. */
export const CHANNEL_KINDS = LISTED_KINDS;
export type ChannelKind = Kind;

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

/** A destination an admin adds: its kind, a name, and that kind's settings (its adapter's `settings`: a URL, at most one secret). */
export interface CreateChannel { kind: Configurable; name: string; url: string; secret?: string }
/** What the Integrations form sends (a setting with a default may be left out). */
export type CreateChannelInput = { kind: Configurable; name: string; url?: string; secret?: string };
export const createChannelSchema = z.discriminatedUnion('kind', CHANNELS.flatMap((a) => (a.setIn === 'console' && a.settings
  ? [z.object({ kind: z.literal(a.kind), name: channelName, ...a.settings.shape })] : [])) as unknown as [z.ZodObject]) as unknown as z.ZodType<CreateChannel, CreateChannelInput>;

export const channelTestRequestSchema = z.object({
  /** Email only: where the test message goes (default: the server's own From address). */
  to: z.string().trim().max(320).regex(/^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/, 'expected an email address').optional(),
});

/** The real result of a "Send test": what the destination answered, or exactly why it failed. */
export const channelTestResultSchema = z.object({ ok: z.boolean(), detail: z.string() });
export type ChannelTestResult = z.infer<typeof channelTestResultSchema>;

export const kindWords = (kind: string): string => adapterOf(kind)?.words ?? kind;

/** How the console names a destination: "Slack #incidents", "Teams bridge". */
export function chatLabel(kind: DestinationKind | string, name: string): string {
  const adapter = adapterOf(kind);
  return adapter?.label ? adapter.label(name) : `${adapter?.words ?? kind} ${name}`;
}
