// The workspace's chat destinations for the composer (Slack #incidents, the Teams bridge, webhooks), by name, and
// whether status-page updates also go to Atlassian Statuspage: read from the server each time the composer opens
// while connected, and kept in the meta table, so an offline commander still sees them.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { z } from 'zod';
import { channelInfoSchema, type ChannelInfo } from '@shared/delivery/channels-protocol';
import { db } from '../../db/instance';
import { readSyncConnection } from '../../db/sync-connection';
import { createAdminApi } from '@shared/sync/admin-api';

const KEY = 'outboundChannels';
const cachedSchema = z.object({ workspace: z.string(), channels: z.array(channelInfoSchema) });
export type ChatChannel = ChannelInfo & { kind: 'slack' | 'teams' | 'webhook' };
const isChat = (c: ChannelInfo): c is ChatChannel => c.kind === 'slack' || c.kind === 'teams' || c.kind === 'webhook';

export interface OutboundOptions {
  chat: ChatChannel[];
  /** The server also publishes status-page updates to the organisation's Atlassian Statuspage page. */
  statuspageIo: boolean;
}

export function useOutboundChannels(): OutboundOptions {
  // The stored connection, read from the db (not the sync service: this hook must not start one by importing it).
  const connection = useLiveQuery(() => readSyncConnection(db), []) ?? null;
  const row = useLiveQuery(() => db.meta.get(KEY), []);
  const baseUrl = connection?.baseUrl;
  const token = connection?.token;
  const workspace = connection?.workspace;
  useEffect(() => {
    if (baseUrl === undefined || !token || !workspace) return;
    // GET /channels is open to every member (the client is named for its admin calls).
    const api = createAdminApi({ baseUrl, token, fetch: (url, init) => fetch(url, init) });
    let live = true;
    api.listChannels()
      .then((channels) => { if (live) return db.meta.put({ key: KEY, value: { workspace, channels } }); })
      .catch(() => undefined); // offline or refused: the last list stays
    return () => { live = false; };
  }, [baseUrl, token, workspace]);
  const cached = cachedSchema.safeParse(row?.value);
  if (!connection || !cached.success || cached.data.workspace !== connection.workspace) return { chat: [], statuspageIo: false };
  return { chat: cached.data.channels.filter(isChat), statuspageIo: cached.data.channels.some((c) => c.kind === 'statuspage-io') };
}
