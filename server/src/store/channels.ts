// Outbound channels: the destinations an admin added in the console (URL and signing secret kept here, never
// shown again), merged with those of the server's environment (CHAT_WEBHOOKS, SMTP_URL, Statuspage).
import type { Kysely } from 'kysely';
import { adapterOf } from '@shared/delivery/channels/registry';
import type { ChannelInfo, ConfigurableKind, CreateChannel } from '@shared/delivery/channels-protocol';
import type { Database } from '../db/schema';
import type { Channel, DeliverySettings, ResolvedDestination, WebhookDestination } from '../deliveries/types';

const hostOf = (url: string): string => { try { return new URL(url).host; } catch { return 'an unusable URL'; } };

export async function saveChannel(db: Kysely<Database>, workspaceId: string, input: CreateChannel, createdBy: string): Promise<ChannelInfo> {
  const row = { workspace_id: workspaceId, kind: input.kind, name: input.name, url: input.url, secret: input.secret ?? null, created_at: new Date(), created_by: createdBy };
  await db.insertInto('outbound_channels').values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'kind', 'name']).doUpdateSet({ url: row.url, secret: row.secret, created_at: row.created_at, created_by: row.created_by }))
    .execute();
  return { kind: input.kind, name: input.name, source: 'console', where: hostOf(input.url), createdAt: row.created_at.toISOString() };
}

export async function removeChannel(db: Kysely<Database>, workspaceId: string, kind: string, name: string): Promise<boolean> {
  const r = await db.deleteFrom('outbound_channels').where('workspace_id', '=', workspaceId).where('kind', '=', kind).where('name', '=', name).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Every channel this workspace can send through, names and kinds only (a console entry hides an environment one of the same name). */
export async function listChannels(db: Kysely<Database>, workspaceId: string, settings: DeliverySettings | undefined, channels: ReadonlyMap<string, Channel>): Promise<ChannelInfo[]> {
  const rows = await db.selectFrom('outbound_channels').select(['kind', 'name', 'url', 'created_at'])
    .where('workspace_id', '=', workspaceId).orderBy('kind').orderBy('name').execute();
  // A row of a kind this server no longer knows (a newer server's, after a downgrade) is not offered.
  const out: ChannelInfo[] = rows.filter((r) => adapterOf(r.kind)?.setIn === 'console')
    .map((r) => ({ kind: r.kind as ConfigurableKind, name: r.name, source: 'console', where: hostOf(r.url), createdAt: new Date(r.created_at).toISOString() }));
  const taken = new Set(out.map((c) => `${c.kind}:${c.name}`));
  for (const d of settings?.webhooks.values() ?? []) {
    if (!taken.has(`${d.kind}:${d.name}`)) out.push({ kind: d.kind as ConfigurableKind, name: d.name, source: 'environment', where: hostOf(d.url), createdAt: null });
  }
  if (settings) for (const channel of channels.values()) out.push(...(channel.environment?.(settings) ?? []));
  return out;
}

/** Where a chat, webhook or paging target goes: the workspace's own entry first, then the environment's. */
export async function resolveDestination(db: Kysely<Database>, workspaceId: string, settings: DeliverySettings, kind: ConfigurableKind, name: string): Promise<ResolvedDestination | undefined> {
  const lower = name.toLowerCase();
  const row = await db.selectFrom('outbound_channels').select(['url', 'secret'])
    .where('workspace_id', '=', workspaceId).where('kind', '=', kind).where('name', '=', lower).executeTakeFirst();
  if (row) return { kind, name: lower, url: row.url, ...(row.secret ? { secret: row.secret } : {}), source: 'console' };
  const env: WebhookDestination | undefined = adapterOf(kind)?.inChatWebhooks ? settings.webhooks.get(`${kind}:${lower}`) : undefined;
  return env ? { kind, name: lower, url: env.url, source: 'environment' } : undefined;
}

/** The first paging gateway of the workspace (paging needs only one). */
export async function pagingGateway(db: Kysely<Database>, workspaceId: string): Promise<ResolvedDestination | undefined> {
  const row = await db.selectFrom('outbound_channels').select(['name', 'url', 'secret'])
    .where('workspace_id', '=', workspaceId).where('kind', '=', 'paging').orderBy('name').executeTakeFirst();
  return row ? { kind: 'paging', name: row.name, url: row.url, ...(row.secret ? { secret: row.secret } : {}), source: 'console' } : undefined;
}
