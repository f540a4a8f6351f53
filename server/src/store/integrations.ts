// Integration tokens: what a monitoring system posts alerts with. Created and revoked by an admin; hashed at rest.
import { sql, type Kysely } from 'kysely';
import type { CreatedIntegration, IntegrationInfo } from '@shared/alerts/integration-protocol';
import { randomBytes } from 'node:crypto';
import { newId, sha256 } from '../auth/secrets';
import type { Database } from '../db/schema';

export function newIntegrationToken(): string {
  return `ici_${randomBytes(32).toString('base64url')}`;
}

/** Tokens are long random strings of this shape; anything else is refused before a lookup. */
export const INTEGRATION_TOKEN = /^ici_[A-Za-z0-9_-]{43}$/;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

type Row = { id: string; name: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null };
const info = (r: Row): IntegrationInfo => ({
  id: r.id, name: r.name, createdAt: new Date(r.created_at).toISOString(), lastUsedAt: iso(r.last_used_at), revokedAt: iso(r.revoked_at),
});

export async function createIntegration(db: Kysely<Database>, workspaceId: string, name: string, createdBy: string): Promise<CreatedIntegration> {
  const token = newIntegrationToken();
  const row = { id: newId(), workspace_id: workspaceId, name, token_hash: sha256(token), created_at: new Date(), created_by: createdBy };
  await db.insertInto('integration_tokens').values(row).execute();
  return { ...info({ ...row, last_used_at: null, revoked_at: null }), token };
}

export async function listIntegrations(db: Kysely<Database>, workspaceId: string): Promise<IntegrationInfo[]> {
  const rows = await db.selectFrom('integration_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
  return rows.map(info);
}

export async function revokeIntegration(db: Kysely<Database>, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.updateTable('integration_tokens').set({ revoked_at: sql`coalesce(revoked_at, now())` })
    .where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface IntegrationCaller {
  integrationId: string;
  workspaceId: string;
  name: string;
}

/** The workspace a live token posts into; undefined when unknown or revoked. */
export async function integrationForToken(db: Kysely<Database>, token: string): Promise<IntegrationCaller | undefined> {
  if (!INTEGRATION_TOKEN.test(token)) return undefined;
  const row = await db.selectFrom('integration_tokens').select(['id', 'workspace_id', 'name', 'revoked_at', 'last_used_at'])
    .where('token_hash', '=', sha256(token)).executeTakeFirst();
  if (!row || row.revoked_at) return undefined;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.updateTable('integration_tokens').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
  }
  return { integrationId: row.id, workspaceId: row.workspace_id, name: row.name };
}
