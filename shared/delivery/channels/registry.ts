// Every outbound channel kind, one line each (docs/architecture.md, "How to add a channel"). The delivery events'
// targets and channels, the Integrations kinds, words and settings, the composer's choices, CHAT_WEBHOOKS and the
// server's senders all derive from this list.
import type { z } from 'zod';
import type { ChannelAdapter } from './adapter';
import { email } from './email';
import { pagerduty } from './pagerduty';
import { paging } from './paging';
import { slack } from './slack';
import { statusPage } from './status-page';
import { statuspageIo } from './statuspage-io';
import { subscribers } from './subscribers';
import { teams } from './teams';
import { webhook } from './webhook';

/** In the order Integrations offers them. */
export const CHANNELS = [
  slack,
  teams,
  webhook,
  paging,
  pagerduty,
  email,
  statuspageIo,
  statusPage,
  subscribers,
] as const;

type Channels = typeof CHANNELS;
export type Adapter = Channels[number];
export type ChannelKind = Adapter['kind'];
export type AdapterOf<K extends ChannelKind> = Extract<Adapter, { kind: K }>;

/** Kinds an admin adds in the console (Server page → Integrations). */
export type ConfigurableKind = Extract<Adapter, { setIn: 'console' }>['kind'];
/** Kinds the composer offers by destination ("Slack #incidents"). */
export type DestinationKind = Adapter extends infer A ? A extends { kind: infer K; composer?: infer C } ? 'destination' extends C ? K : never : never : never;
/** Kinds sent by a sender of the server's own (server/src/deliveries/channels/index.ts). */
export type ServerSentKind = Extract<Adapter, { sending: { via: 'server' } }>['kind'];
/** Kinds rendered here and posted by the server's outbound client. */
export type HttpKind = Extract<Adapter, { sending: { via: 'http' } }>['kind'];

/** The target schemas of the kinds that take updates, as a tuple (for the discriminated union of targets). */
type TargetsOf<A extends readonly unknown[]> = A extends readonly [infer H, ...infer R]
  ? H extends { target: infer T extends z.ZodObject } ? [T, ...TargetsOf<R>] : TargetsOf<R>
  : [];
export type TargetSchemas = TargetsOf<Channels>;
export const TARGET_SCHEMAS = CHANNELS.flatMap((a) => (a.target ? [a.target] : [])) as unknown as TargetSchemas;

const byKind = new Map<string, ChannelAdapter>(CHANNELS.map((a) => [a.kind, a as ChannelAdapter]));
/** The adapter of a kind; undefined for a kind this build does not know (an older console reading newer data). */
export const adapterOf = (kind: string): ChannelAdapter | undefined => byKind.get(kind);

const is = <K extends ChannelKind>(pred: (a: ChannelAdapter) => boolean) => CHANNELS.filter((a) => pred(a as ChannelAdapter)).map((a) => a.kind) as K[];
export const CONFIGURABLE_KINDS = is<ConfigurableKind>((a) => a.setIn === 'console') as [ConfigurableKind, ...ConfigurableKind[]];
/** What Integrations lists: every kind with destinations (the built-in status page has none). */
export const LISTED_KINDS = is((a) => a.setIn !== 'built-in') as [ChannelKind, ...ChannelKind[]];
export const DESTINATION_KINDS = is<DestinationKind>((a) => a.composer === 'destination');
export const CHAT_WEBHOOK_KINDS = is((a) => a.inChatWebhooks === true);
/** Every channel a delivery outcome can name (a page's is 'page'). */
export const DELIVERY_CHANNEL_NAMES = CHANNELS.map((a) => (a as ChannelAdapter).deliveryChannel ?? a.kind) as [string, ...string[]];
