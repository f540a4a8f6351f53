// The workspace's chat destinations for the composer (Slack #incidents, the Teams bridge, webhooks), by name, and
// whether status-page updates also go to Atlassian Statuspage: read from the server when the composer opens, when
// the window comes back to the front and when the commander moves into the composer (a channel an admin added
// on another laptop mid-incident shows up without reopening anything), and kept in the meta table, so an
// offline commander still sees them.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef } from 'react';
import { z } from 'zod';
import { adapterOf, type DestinationKind } from '@shared/delivery/channels/registry';
import { channelInfoSchema, type ChannelInfo } from '@shared/delivery/channels-protocol';
import { db } from '../../db/instance';
import { readSyncConnection } from '../../db/sync-connection';
import { createAdminApi } from '@shared/sync/admin-api';

const KEY = 'outboundChannels';
const cachedSchema = z.object({ workspace: z.string(), channels: z.array(channelInfoSchema) });
/** A destination the composer offers by name: a kind whose adapter says `composer: 'destination'`. */
export type ChatChannel = ChannelInfo & { kind: DestinationKind };
const isChat = (c: ChannelInfo): c is ChatChannel => adapterOf(c.kind)?.composer === 'destination';

export interface OutboundOptions {
  chat: ChatChannel[];
  /** The server also publishes status-page updates to the organisation's Atlassian Statuspage page. */
  statuspageIo: boolean;
  /** Read the list again (skipped while a read is under way); the composer calls it when the commander moves into it. */
  refresh: () => void;
}

export function useOutboundChannels(): OutboundOptions {
  // The stored connection, read from the db (not the sync service: this hook must not start one by importing it).
  const connection = useLiveQuery(() => readSyncConnection(db), []) ?? null;
  const row = useLiveQuery(() => db.meta.get(KEY), []);
  const baseUrl = connection?.baseUrl;
  const token = connection?.token;
  const workspace = connection?.workspace;
  const load = useRef<() => void>(() => undefined);
  useEffect(() => {
    if (baseUrl === undefined || !token || !workspace) return;
    // GET /channels is open to every member (the client is named for its admin calls).
    const api = createAdminApi({ baseUrl, token, fetch: (url, init) => fetch(url, init) });
    let live = true;
    let reading = false; // focus moves often: one read at a time is plenty
    load.current = () => {
      if (reading) return;
      reading = true;
      api.listChannels()
        .then((channels) => { if (live) return db.meta.put({ key: KEY, value: { workspace, channels } }); })
        .catch(() => undefined) // offline or refused: the last list stays
        .finally(() => { reading = false; });
    };
    load.current();
    const onFront = () => { if (document.visibilityState === 'visible') load.current(); };
    window.addEventListener('focus', onFront);
    document.addEventListener('visibilitychange', onFront);
    return () => {
      live = false;
      load.current = () => undefined;
      window.removeEventListener('focus', onFront);
      document.removeEventListener('visibilitychange', onFront);
    };
  }, [baseUrl, token, workspace]);
  const refresh = useCallback(() => load.current(), []);
  const cached = cachedSchema.safeParse(row?.value);
  if (!connection || !cached.success || cached.data.workspace !== connection.workspace) return { chat: [], statuspageIo: false, refresh };
  return { chat: cached.data.channels.filter(isChat), statuspageIo: cached.data.channels.some((c) => c.kind === 'statuspage-io'), refresh };
}
