// The device's sync server connection (base URL, token, workspace) in the meta table, and server-address checks.
import { z } from 'zod';
import { roleSchema, workspaceIdSchema } from '@shared/sync/protocol';
import type { IncidentDb } from './schema';

export const SYNC_CONNECTION_KEY = 'syncConnection';

export const syncConnectionSchema = z.object({
  /** '' means the origin this page was served from (the browser build served by the sync server). */
  baseUrl: z.string().max(2048),
  token: z.string().min(1).max(200),
  workspace: workspaceIdSchema,
  workspaceName: z.string().max(200),
  deviceId: z.string().min(1).max(100),
  deviceName: z.string().max(80),
  /** The name this device joined under: the server checks acts in a person's own name against it (absent: older rows). */
  displayName: z.string().max(80).optional(),
  role: roleSchema,
  connectedAt: z.string(),
});
export type SyncConnection = z.infer<typeof syncConnectionSchema>;

/** The stored connection, or null when none is stored (or the stored row is unreadable). */
export async function readSyncConnection(db: IncidentDb): Promise<SyncConnection | null> {
  const row = await db.meta.get(SYNC_CONNECTION_KEY);
  const parsed = syncConnectionSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

export async function saveSyncConnection(db: IncidentDb, connection: SyncConnection): Promise<void> {
  await db.meta.put({ key: SYNC_CONNECTION_KEY, value: syncConnectionSchema.parse(connection) });
}

/** Forget the connection. Local incidents, the outbox and the per-workspace cursor stay. */
export async function clearSyncConnection(db: IncidentDb): Promise<void> {
  await db.meta.delete(SYNC_CONNECTION_KEY);
}

/** Where this page was loaded from (location.protocol and location.origin), if anywhere. */
export interface PageOrigin {
  protocol: string;
  origin: string;
}

export type ServerUrlResult = { ok: true; baseUrl: string } | { ok: false; error: string };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Check and normalise what the user typed as the server address. Empty means "the server this page came
 * from" (only when the page was served over http/https). A bare host gets http://. The result has no
 * trailing slash, no credentials, no query or fragment.
 */
export function normaliseServerUrl(input: string, page: PageOrigin | undefined): ServerUrlResult {
  const text = input.trim();
  const servedOverHttp = page !== undefined && (page.protocol === 'http:' || page.protocol === 'https:');
  if (!text) {
    return servedOverHttp
      ? { ok: true, baseUrl: '' }
      : { ok: false, error: 'Enter the server address, for example https://incidents.example.com' };
  }
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return { ok: false, error: `"${text}" is not a web address; use the form https://host or http://host:port` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, error: 'The server address must start with http:// or https://' };
  if (url.username || url.password) return { ok: false, error: 'The server address must not contain a user name or password' };
  if (url.search || url.hash) return { ok: false, error: 'The server address must not contain ? or #' };
  if (page?.protocol === 'https:' && url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) {
    return { ok: false, error: 'This page was loaded over https, so the browser blocks a plain http server; use https://' };
  }
  const baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  return { ok: true, baseUrl: servedOverHttp && baseUrl === page.origin ? '' : baseUrl };
}

/** The address to show for a stored base URL ('' is this page's own origin). */
export function describeServer(baseUrl: string, page: PageOrigin | undefined): string {
  return baseUrl || page?.origin || 'this page’s server';
}
