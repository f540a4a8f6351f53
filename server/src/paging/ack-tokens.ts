// One-time acknowledge links of pages: 32 random bytes (unguessable), stored only as their sha256, single use,
// expiring. Redeeming is one conditional UPDATE, so two clicks (or two instances) cannot both succeed.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { parseEvent } from '@shared/incident/events';
import { sha256 } from '../auth/secrets';
import type { Database } from '../db/schema';

/** The token in an acknowledge link; anything else is refused before a lookup. */
export const ACK_TOKEN = /^ack_[A-Za-z0-9_-]{43}$/;

export interface AckLink {
  workspaceId: string;
  incidentId: string;
  pageId: string;
  contactId: string | null;
  person: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export async function issueAckToken(db: Kysely<Database>, link: Omit<AckLink, 'usedAt'>, now: Date): Promise<string> {
  const token = `ack_${randomBytes(32).toString('base64url')}`;
  await db.insertInto('ack_tokens').values({
    token_hash: sha256(token), workspace_id: link.workspaceId, incident_id: link.incidentId, page_id: link.pageId,
    contact_id: link.contactId, person: link.person, expires_at: link.expiresAt, created_at: now,
  }).execute();
  return token;
}

export async function readAckToken(db: Kysely<Database>, token: string): Promise<AckLink | undefined> {
  if (!ACK_TOKEN.test(token)) return undefined;
  const row = await db.selectFrom('ack_tokens').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst();
  if (!row) return undefined;
  return {
    workspaceId: row.workspace_id, incidentId: row.incident_id, pageId: row.page_id, contactId: row.contact_id, person: row.person,
    expiresAt: new Date(row.expires_at), usedAt: row.used_at ? new Date(row.used_at) : null,
  };
}

/** Mark the link used if it is unused and unexpired; false otherwise (already used, expired, unknown). */
export async function redeemAckToken(db: Kysely<Database>, token: string, now: Date): Promise<boolean> {
  if (!ACK_TOKEN.test(token)) return false;
  const r = await db.updateTable('ack_tokens').set({ used_at: now })
    .where('token_hash', '=', sha256(token)).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Undo a redemption whose event could not be written (so the person can try again). */
export async function releaseAckToken(db: Kysely<Database>, token: string): Promise<void> {
  await db.updateTable('ack_tokens').set({ used_at: null }).where('token_hash', '=', sha256(token)).execute();
}

/**
 * A link this server has no row for, because it came back from a backup older than the page: the page's
 * delivery.sent, given back by a console, records the link's hash, person and expiry. The row is made again from it,
 * unused (whether it was used is what the log's acknowledgement says: routes/ack.ts). Undefined when no page sent it.
 */
export async function recoverAckToken(db: Kysely<Database>, token: string): Promise<AckLink | undefined> {
  if (!ACK_TOKEN.test(token)) return undefined;
  const hash = sha256(token);
  const found = await db.selectFrom('events').select(['workspace_id', 'incident_id', 'body'])
    .where('type', '=', 'delivery.sent').where(sql<string>`body->'payload'->'ackLink'->>'tokenHash'`, '=', hash).limit(1).executeTakeFirst();
  if (!found) return undefined;
  const parsed = parseEvent(found.body);
  if (!parsed.ok || parsed.event.type !== 'delivery.sent' || !parsed.event.payload.ackLink) return undefined;
  const link = parsed.event.payload.ackLink;
  await db.insertInto('ack_tokens').values({
    token_hash: hash, workspace_id: found.workspace_id, incident_id: found.incident_id, page_id: parsed.event.payload.requestId,
    contact_id: link.contactId ?? null, person: link.person, expires_at: new Date(link.expiresAt), created_at: new Date(),
  }).onConflict((oc) => oc.column('token_hash').doNothing()).execute();
  return readAckToken(db, token);
}
