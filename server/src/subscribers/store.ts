// Status-page subscribers: personal data, kept only here (never in the event log, never on a public page or API).
// A subscription is confirmed through a one-time link (32 random bytes, only its sha256 stored, 48 hours); an
// unsubscribe link is the subscriber id with an HMAC under the workspace's own key (nothing per subscriber stored,
// and it works from every email ever sent). Unsubscribing deletes the address.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { sha256, newId } from '../auth/secrets';
import type { Database } from '../db/schema';

/** How long a confirmation link works; an unconfirmed address is deleted once it expires (the stated retention). */
export const CONFIRM_TTL_MS = 48 * 3_600_000;
/** At most one confirmation email per address in this time, whoever asks (no mail-bombing someone through us). */
export const CONFIRM_RESEND_MS = 10 * 60_000;
export const CONFIRM_TOKEN = /^sub_[A-Za-z0-9_-]{43}$/;
const UNSUBSCRIBE_TOKEN = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

export interface Subscriber {
  id: string;
  email: string;
  componentIds: string[];
  confirmedAt: Date | null;
  createdAt: Date;
}

const emailKey = (email: string) => email.trim().toLowerCase();

/** Start (or renew) a subscription: a new confirmation token, or `throttled` when one went out to this address lately. */
export async function requestSubscription(db: Kysely<Database>, workspaceId: string, email: string, componentIds: string[], now: Date):
  Promise<{ token: string; subscriberId: string } | 'throttled'> {
  const token = `sub_${randomBytes(32).toString('base64url')}`;
  const expires = new Date(now.getTime() + CONFIRM_TTL_MS);
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('subscribers').select(['id', 'confirm_sent_at', 'confirmed_at'])
      .where('workspace_id', '=', workspaceId).where('email_key', '=', emailKey(email)).forUpdate().executeTakeFirst();
    if (existing?.confirm_sent_at && now.getTime() - new Date(existing.confirm_sent_at).getTime() < CONFIRM_RESEND_MS) return 'throttled';
    if (existing) {
      await trx.updateTable('subscribers').set({
        confirm_hash: sha256(token), confirm_expires_at: expires, confirm_sent_at: now,
        // A confirmed subscriber keeps what they have until the new choice is confirmed.
        ...(existing.confirmed_at ? { pending_component_ids: JSON.stringify(componentIds) } : { component_ids: JSON.stringify(componentIds) }),
      }).where('workspace_id', '=', workspaceId).where('id', '=', existing.id).execute();
      return { token, subscriberId: existing.id };
    }
    const id = newId();
    await trx.insertInto('subscribers').values({
      workspace_id: workspaceId, id, email: email.trim(), email_key: emailKey(email), component_ids: JSON.stringify(componentIds),
      confirm_hash: sha256(token), confirm_expires_at: expires, confirm_sent_at: now, created_at: now,
    }).execute();
    return { token, subscriberId: id };
  });
}

/** Undo the throttle stamp when the confirmation email could not be sent (the person may try again at once). */
export async function confirmationNotSent(db: Kysely<Database>, workspaceId: string, subscriberId: string): Promise<void> {
  await db.updateTable('subscribers').set({ confirm_sent_at: null }).where('workspace_id', '=', workspaceId).where('id', '=', subscriberId).execute();
}

export type TokenState = { state: 'valid'; workspaceId: string; subscriberId: string; email: string } | { state: 'expired' | 'unknown' };

export async function readConfirmToken(db: Kysely<Database>, token: string, now: Date): Promise<TokenState> {
  if (!CONFIRM_TOKEN.test(token)) return { state: 'unknown' };
  const row = await db.selectFrom('subscribers').select(['workspace_id', 'id', 'email', 'confirm_expires_at']).where('confirm_hash', '=', sha256(token)).executeTakeFirst();
  if (!row) return { state: 'unknown' };
  if (!row.confirm_expires_at || new Date(row.confirm_expires_at) <= now) return { state: 'expired' };
  return { state: 'valid', workspaceId: row.workspace_id, subscriberId: row.id, email: row.email };
}

/** Use the link once: one conditional UPDATE, so two clicks (or two instances) cannot both confirm. */
export async function confirmSubscription(db: Kysely<Database>, token: string, now: Date): Promise<{ workspaceId: string; subscriberId: string } | undefined> {
  if (!CONFIRM_TOKEN.test(token)) return undefined;
  const row = await db.updateTable('subscribers')
    .set({
      confirm_hash: null, confirm_expires_at: null, confirmed_at: sql<Date>`coalesce(confirmed_at, ${now})`,
      component_ids: sql<string>`coalesce(pending_component_ids, component_ids)`, pending_component_ids: null,
    })
    .where('confirm_hash', '=', sha256(token)).where('confirm_expires_at', '>', now)
    .returning(['workspace_id', 'id']).executeTakeFirst();
  return row ? { workspaceId: row.workspace_id, subscriberId: row.id } : undefined;
}

async function unsubscribeKey(db: Kysely<Database>, workspaceId: string): Promise<Buffer> {
  const found = await db.selectFrom('subscriber_keys').select('unsubscribe_key').where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (found) return Buffer.from(found.unsubscribe_key, 'base64url');
  await db.insertInto('subscriber_keys').values({ workspace_id: workspaceId, unsubscribe_key: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('workspace_id').doNothing()).execute();
  return unsubscribeKey(db, workspaceId);
}

const mac = (key: Buffer, subscriberId: string) => createHmac('sha256', key).update(`unsubscribe|${subscriberId}`).digest('base64url');

/** The token of a subscriber's unsubscribe link (the same in every email). */
export async function unsubscribeToken(db: Kysely<Database>, workspaceId: string, subscriberId: string): Promise<string> {
  return `${subscriberId}.${mac(await unsubscribeKey(db, workspaceId), subscriberId)}`;
}

/** A workspace's token maker, for sending to many subscribers with one key read. */
export async function unsubscribeTokens(db: Kysely<Database>, workspaceId: string): Promise<(subscriberId: string) => string> {
  const key = await unsubscribeKey(db, workspaceId);
  return (id) => `${id}.${mac(key, id)}`;
}

/** The subscriber id an unsubscribe token proves, or undefined for a forged or malformed one. */
export async function verifyUnsubscribeToken(db: Kysely<Database>, workspaceId: string, token: string): Promise<string | undefined> {
  const m = UNSUBSCRIBE_TOKEN.exec(token);
  if (!m) return undefined;
  const [, id, given] = m as unknown as [string, string, string];
  const expected = Buffer.from(mac(await unsubscribeKey(db, workspaceId), id));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? id : undefined;
}

/** Whether the subscription an unsubscribe link names still exists (a deleted one is never brought back by its link). */
export async function isSubscribed(db: Kysely<Database>, workspaceId: string, subscriberId: string): Promise<boolean> {
  return (await db.selectFrom('subscribers').select('id').where('workspace_id', '=', workspaceId).where('id', '=', subscriberId).executeTakeFirst()) !== undefined;
}

/** Unsubscribing or an admin's delete: the address and its send records are gone. True when there was one. */
export async function deleteSubscriber(db: Kysely<Database>, workspaceId: string, subscriberId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('subscriber_sends').where('workspace_id', '=', workspaceId).where('subscriber_id', '=', subscriberId).execute();
    const r = await trx.deleteFrom('subscribers').where('workspace_id', '=', workspaceId).where('id', '=', subscriberId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  });
}

/** An admin empties the list: every address and every send record of the workspace, in one transaction. */
export async function deleteAllSubscribers(db: Kysely<Database>, workspaceId: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('subscriber_sends').where('workspace_id', '=', workspaceId).execute();
    const r = await trx.deleteFrom('subscribers').where('workspace_id', '=', workspaceId).executeTakeFirst();
    return Number(r.numDeletedRows);
  });
}

/** How many addresses are confirmed and how many still wait for their link (the admin's count). */
export async function subscriberSummary(db: Kysely<Database>, workspaceId: string): Promise<{ confirmed: number; waiting: number }> {
  const rows = await db.selectFrom('subscribers')
    .select([sql<boolean>`confirmed_at is not null`.as('confirmed'), (eb) => eb.fn.countAll<string>().as('n')])
    .where('workspace_id', '=', workspaceId).groupBy(sql`confirmed_at is not null`).execute();
  const n = (confirmed: boolean) => Number(rows.find((r) => Boolean(r.confirmed) === confirmed)?.n ?? 0);
  return { confirmed: n(true), waiting: n(false) };
}

/** Retention: unconfirmed addresses whose link expired, and send records older than 90 days. */
export async function sweepSubscribers(db: Kysely<Database>, now: Date): Promise<void> {
  await db.deleteFrom('subscribers').where('confirmed_at', 'is', null).where('confirm_expires_at', '<', now).execute();
  await db.deleteFrom('subscriber_sends').where('created_at', '<', new Date(now.getTime() - 90 * 24 * 3_600_000)).execute();
}

/** Every subscriber of the workspace, oldest first; `email`: only that address (any case). */
export async function listSubscribers(db: Kysely<Database>, workspaceId: string, filter: { email?: string } = {}): Promise<Subscriber[]> {
  let q = db.selectFrom('subscribers').select(['id', 'email', 'component_ids', 'confirmed_at', 'created_at']).where('workspace_id', '=', workspaceId);
  if (filter.email !== undefined) q = q.where('email_key', '=', emailKey(filter.email));
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, email: r.email, componentIds: r.component_ids, confirmedAt: r.confirmed_at ? new Date(r.confirmed_at) : null, createdAt: new Date(r.created_at) }));
}

/** Confirmed subscribers an update about `componentIds` reaches (all of them when it names none), as of `at`. */
function reached(db: Kysely<Database>, workspaceId: string, componentIds: string[] | null, at: Date) {
  let q = db.selectFrom('subscribers').where('workspace_id', '=', workspaceId).where('confirmed_at', 'is not', null).where('confirmed_at', '<=', at);
  if (componentIds && componentIds.length > 0) {
    q = q.where((eb) => eb.or([
      eb(sql`jsonb_array_length(component_ids)`, '=', 0),
      eb(sql`component_ids ?| ${sql.val(componentIds)}::text[]`, '=', sql.lit(true)),
    ]));
  }
  return q;
}

export async function countReached(db: Kysely<Database>, workspaceId: string, componentIds: string[] | null, at: Date): Promise<number> {
  const row = await reached(db, workspaceId, componentIds, at).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The update's recipients, fixed once: one row per confirmed subscriber of its components as of the request (so a
 * retry adds nobody who subscribed later, and never a second row for anyone).
 */
export async function snapshotRecipients(db: Kysely<Database>, workspaceId: string, requestId: string, componentIds: string[] | null, at: Date): Promise<void> {
  await db.insertInto('subscriber_sends')
    .columns(['workspace_id', 'request_id', 'subscriber_id'])
    .expression(reached(db, workspaceId, componentIds, at).select([sql.val(workspaceId).as('w'), sql.val(requestId).as('r'), 'id']))
    .onConflict((oc) => oc.columns(['workspace_id', 'request_id', 'subscriber_id']).doNothing())
    .execute();
}

export interface PendingSend { subscriberId: string; email: string; componentIds: string[] }

/** The next pending sends of an update whose subscriber is still subscribed (an unsubscribe in between drops it). */
export async function pendingSends(db: Kysely<Database>, workspaceId: string, requestId: string, limit: number): Promise<PendingSend[]> {
  const rows = await db.selectFrom('subscriber_sends as s').innerJoin('subscribers as u', (j) => j.onRef('u.workspace_id', '=', 's.workspace_id').onRef('u.id', '=', 's.subscriber_id'))
    .select(['u.id', 'u.email', 'u.component_ids'])
    .where('s.workspace_id', '=', workspaceId).where('s.request_id', '=', requestId).where('s.state', '=', 'pending')
    .orderBy('s.subscriber_id').limit(limit).execute();
  return rows.map((r) => ({ subscriberId: r.id, email: r.email, componentIds: r.component_ids }));
}

export async function markSends(db: Kysely<Database>, workspaceId: string, requestId: string, ids: string[], state: 'sent' | 'failed', now: Date, error?: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('subscriber_sends').set({ state, sent_at: state === 'sent' ? now : null, error: error ?? null })
    .where('workspace_id', '=', workspaceId).where('request_id', '=', requestId).where('subscriber_id', 'in', ids).execute();
}

export async function sendCounts(db: Kysely<Database>, workspaceId: string, requestId: string): Promise<{ sent: number; failed: number; pending: number }> {
  const rows = await db.selectFrom('subscriber_sends').select(['state', (eb) => eb.fn.countAll<string>().as('n')])
    .where('workspace_id', '=', workspaceId).where('request_id', '=', requestId).groupBy('state').execute();
  const get = (s: string) => Number(rows.find((r) => r.state === s)?.n ?? 0);
  return { sent: get('sent'), failed: get('failed'), pending: get('pending') };
}
