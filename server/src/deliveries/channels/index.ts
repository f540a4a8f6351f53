// The server side of every channel kind of the registry (shared/delivery/channels/registry.ts): kinds rendered
// there (`via: 'http'`) are sent by http-kind.ts; kinds that need the server's own means have a sender here, one
// line each (a kind marked `via: 'server'` without one does not compile).
import type { Kysely } from 'kysely';
import type { ChannelAdapter, HttpSending } from '@shared/delivery/channels/adapter';
import { CHANNELS, type ServerSentKind } from '@shared/delivery/channels/registry';
import type { Database } from '../../db/schema';
import type { Channel } from '../types';
import { emailChannel } from './email';
import { subscribersChannel } from './email-subscribers';
import { httpChannel } from './http-kind';
import { pagingChannel } from './paging';
import { statusPageChannel } from './status-page';
import { statuspageChannel } from './statuspage-io';

const SERVER_SENDERS: Record<ServerSentKind, (db: Kysely<Database>, now: () => number) => Channel> = {
  email: () => emailChannel,
  'status-page': () => statusPageChannel,
  'statuspage-io': statuspageChannel,
  paging: () => pagingChannel,
  subscribers: subscribersChannel,
};

/** Every kind's server side, by kind. */
export function createChannels(db: Kysely<Database>, now: () => number = Date.now): ReadonlyMap<string, Channel> {
  return new Map(CHANNELS.map((a) => {
    const adapter = a as ChannelAdapter;
    return [a.kind, adapter.sending.via === 'http' ? httpChannel(adapter as ChannelAdapter & { sending: HttpSending }) : SERVER_SENDERS[a.kind as ServerSentKind](db, now)];
  }));
}
