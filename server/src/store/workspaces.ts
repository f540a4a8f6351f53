// Workspaces, invites and devices: creation, joining with an invite, token lookup, listing and revoking.
import { sql, type Kysely } from 'kysely';
import { personPrincipal } from '@shared/access/principal';
import { personKey } from '@shared/incident/authorship';
import type { DeviceInfo, DeviceRole } from '@shared/sync/protocol';
import { newId, newInviteCode, newToken, normaliseInviteCode, sha256 } from '../auth/secrets';
import { tokenCacheFor } from '../auth/token-cache';
import type { Database } from '../db/schema';

export interface Caller {
  deviceId: string;
  workspaceId: string;
  role: DeviceRole;
  displayName: string;
  /** The device's registered Ed25519 key (base64url), or null before it registered one. */
  publicKey: string | null;
}

/** `id`: a given one only to recreate a lost workspace under the id its consoles sync with (backup/cli.ts). */
export async function createWorkspace(db: Kysely<Database>, name: string, id: string = newId()): Promise<string> {
  await db.insertInto('workspaces').values({ id, name, last_seq: 0, created_at: new Date() }).execute();
  return id;
}

/** Keys of the servers that held this workspace before it was recreated (their signatures on server events count). */
export async function formerServerKeys(db: Kysely<Database>, workspaceId: string): Promise<string[]> {
  const row = await db.selectFrom('workspaces').select('former_server_keys').where('id', '=', workspaceId).executeTakeFirst();
  return row?.former_server_keys ?? [];
}

export async function countWorkspaces(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('workspaces').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function firstWorkspace(db: Kysely<Database>): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('workspaces').select(['id', 'name']).orderBy('created_at').limit(1).executeTakeFirst();
}

export interface NewInvite {
  inviteCode: string;
  role: DeviceRole;
  maxUses: number;
  expiresAt: string;
  person?: string;
}

export async function createInvite(
  db: Kysely<Database>,
  workspaceId: string,
  opts: { role: DeviceRole; maxUses: number; expiresInHours: number; createdBy?: string; person?: string | undefined },
): Promise<NewInvite> {
  const inviteCode = newInviteCode();
  const expiresAt = new Date(Date.now() + opts.expiresInHours * 3_600_000);
  await db.insertInto('invites').values({
    id: newId(),
    workspace_id: workspaceId,
    code_hash: sha256(normaliseInviteCode(inviteCode)),
    role: opts.role,
    max_uses: opts.maxUses,
    expires_at: expiresAt,
    created_at: new Date(),
    created_by: opts.createdBy ?? null,
    person: opts.person ?? null,
  }).execute();
  return { inviteCode, role: opts.role, maxUses: opts.maxUses, expiresAt: expiresAt.toISOString(), ...(opts.person ? { person: opts.person } : {}) };
}

export interface Joined {
  token: string;
  workspace: string;
  workspaceName: string;
  deviceId: string;
  role: DeviceRole;
}

/** Why a join was refused: the code (unknown, used up, expired), or the name (see joinWithInvite). */
export type JoinRefusal = { refused: 'invite' } | { refused: 'name'; message: string };

/**
 * Redeem an invite: one new device with a fresh token. The name a console joins under is who it is to the server
 * (whose acts it may record, which restricted incidents it reads), so it is not free: an invite made for a person
 * joins under that person's name only; any other invite joins under a name no console of the workspace holds
 * (revoked ones aside) and that has no standing (`standing`: security officers' and restricted incidents'
 * participants' names, as personKey principals). A second laptop, or a security officer's first, needs an invite
 * made for that person.
 */
export async function joinWithInvite(
  db: Kysely<Database>,
  code: string,
  device: { deviceName: string; displayName: string; deviceId?: string | undefined; publicKey?: string | undefined },
  standing: (workspaceId: string) => Promise<ReadonlySet<string>> = async () => new Set(),
): Promise<Joined | JoinRefusal> {
  const codeHash = sha256(normaliseInviteCode(code));
  // Who has standing is read before the transaction (it reads the log; the embedded store has one connection).
  const known = await db.selectFrom('invites').select('workspace_id').where('code_hash', '=', codeHash).executeTakeFirst();
  if (!known) return { refused: 'invite' };
  const withStanding = await standing(known.workspace_id);
  return db.transaction().execute(async (trx): Promise<Joined | JoinRefusal> => {
    // One join at a time per workspace (several instances on PostgreSQL): two joins under one name with two codes
    // would each find the name free. The invite row's lock covers only joins with the same code.
    await sql`select pg_advisory_xact_lock(4711004, hashtext(${known.workspace_id}))`.execute(trx);
    const invite = await trx.selectFrom('invites').selectAll().where('code_hash', '=', codeHash).forUpdate().executeTakeFirst();
    if (!invite || invite.uses >= invite.max_uses || new Date(invite.expires_at).getTime() < Date.now()) return { refused: 'invite' };
    const ws = await trx.selectFrom('workspaces').select(['id', 'name']).where('id', '=', invite.workspace_id).executeTakeFirstOrThrow();
    let displayName = device.displayName;
    if (invite.person !== null) {
      if (personKey(displayName) !== personKey(invite.person)) {
        return { refused: 'name', message: `this invite is for ${invite.person}: join under that name, or ask an admin for an invite of your own` };
      }
      displayName = invite.person;
    } else {
      const key = personKey(displayName);
      const holders = await trx.selectFrom('devices').select('display_name')
        .where('workspace_id', '=', ws.id).where('revoked_at', 'is', null).execute();
      if (holders.some((h) => personKey(h.display_name) === key)) {
        return { refused: 'name', message: `another console of this workspace already joined as ${displayName}: choose your own name, or (this laptop connecting again after Disconnect, or your second laptop) ask an admin for an invite made for ${displayName}, or to revoke the old device on the Server page` };
      }
      // An invite waiting for this person (made for them, not used up, not expired): the name is kept for it.
      const waiting = await trx.selectFrom('invites').select('person').where('workspace_id', '=', ws.id).where('person', 'is not', null)
        .where('uses', '<', sql<number>`max_uses`).where('expires_at', '>', new Date()).execute();
      if (waiting.some((w) => w.person !== null && personKey(w.person) === key)) {
        return { refused: 'name', message: `an invite is waiting for ${displayName}: join under your own name, or (you are ${displayName}) use the invite made for you` };
      }
      if (withStanding.has(personPrincipal(displayName))) {
        return { refused: 'name', message: `${displayName} is a security officer or a participant of a restricted incident: joining under that name needs an invite an admin made for ${displayName}` };
      }
    }
    const token = newToken();
    const row = {
      workspace_id: ws.id,
      name: device.deviceName,
      display_name: displayName,
      role: invite.role,
      token_hash: sha256(token),
      created_at: new Date(),
      // The key comes with the invite's authority: this device, and no one else, signs as it from now on.
      public_key: device.publicKey ?? null,
      key_registered_at: device.publicKey ? new Date() : null,
    };
    // Adopt the console's own id when it is free, so what it logged before joining is its own; an id some
    // device already has is never taken over (a concurrent join racing for it also falls back to a fresh id).
    const adopted = device.deviceId === undefined ? undefined : await trx.insertInto('devices').values({ id: device.deviceId, ...row })
      .onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
    const deviceId = adopted?.id ?? newId();
    if (!adopted) await trx.insertInto('devices').values({ id: deviceId, ...row }).execute();
    await trx.updateTable('invites').set({ uses: sql`uses + 1` }).where('id', '=', invite.id).execute();
    return { token, workspace: ws.id, workspaceName: ws.name, deviceId, role: invite.role };
  });
}

/** The caller a bearer token belongs to, unless unknown or revoked. */
export async function callerForToken(db: Kysely<Database>, token: string): Promise<Caller | undefined> {
  const row = await db.selectFrom('devices')
    .select(['id', 'workspace_id', 'role', 'display_name', 'revoked_at', 'last_seen_at', 'public_key'])
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.revoked_at) return undefined;
  // Touch last_seen at most once a minute: a write per request would serialise PGlite for nothing.
  if (!row.last_seen_at || Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable('devices').set({ last_seen_at: new Date() }).where('id', '=', row.id).execute();
  }
  return { deviceId: row.id, workspaceId: row.workspace_id, role: row.role, displayName: row.display_name, publicKey: row.public_key };
}

/**
 * A device registers its signing key: the first key is kept (trusted on first use, on the authority of the device's
 * token, which already lets its holder push in the device's name); the same key again is fine; another key is a
 * conflict (a new key needs a new join with an invite). One conditional update, so two instances cannot both set one.
 */
export async function registerDeviceKey(db: Kysely<Database>, deviceId: string, publicKey: string): Promise<{ outcome: 'registered' | 'same' | 'conflict'; registeredAt: string }> {
  const set = await db.updateTable('devices').set({ public_key: publicKey, key_registered_at: new Date() })
    .where('id', '=', deviceId).where('public_key', 'is', null).returning('key_registered_at').executeTakeFirst();
  if (set) {
    tokenCacheFor(db).forgetDevice(deviceId);
    return { outcome: 'registered', registeredAt: iso(set.key_registered_at) ?? new Date().toISOString() };
  }
  const row = await db.selectFrom('devices').select(['public_key', 'key_registered_at']).where('id', '=', deviceId).executeTakeFirstOrThrow();
  return { outcome: row.public_key === publicKey ? 'same' : 'conflict', registeredAt: iso(row.key_registered_at) ?? '' };
}

/** The registered keys of a workspace's devices (revoked ones included: their past signatures still count). */
export async function listDeviceKeys(db: Kysely<Database>, workspaceId: string): Promise<Array<{ id: string; displayName: string; publicKey: string; registeredAt: string | null; revokedAt: string | null }>> {
  const rows = await db.selectFrom('devices').select(['id', 'display_name', 'public_key', 'key_registered_at', 'revoked_at'])
    .where('workspace_id', '=', workspaceId).where('public_key', 'is not', null).orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, publicKey: r.public_key as string, registeredAt: iso(r.key_registered_at), revokedAt: iso(r.revoked_at) }));
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export async function listDevices(db: Kysely<Database>, workspaceId: string): Promise<DeviceInfo[]> {
  const rows = await db.selectFrom('devices')
    .select(['id', 'name', 'display_name', 'role', 'created_at', 'last_seen_at', 'revoked_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id, name: r.name, displayName: r.display_name, role: r.role,
    createdAt: new Date(r.created_at).toISOString(), lastSeenAt: iso(r.last_seen_at), revokedAt: iso(r.revoked_at),
  }));
}

/** Revoke a device of this workspace. False when no such device exists in this workspace. */
/** LISTEN/NOTIFY channel on which a revoke tells the other instances to close that device's sockets. */
export const REVOKE_CHANNEL = 'incident_revoke';

/** Revoke and, in the same transaction (so delivered on commit only), notify other instances. */
export async function revokeDevice(db: Kysely<Database>, workspaceId: string, deviceId: string, origin = ''): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('devices')
      .set({ revoked_at: sql`coalesce(revoked_at, now())` })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', deviceId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await sql`select pg_notify(${REVOKE_CHANNEL}, ${JSON.stringify({ device: deviceId, origin })})`.execute(trx);
    return true;
  }).then((revoked) => {
    if (revoked) tokenCacheFor(db).forgetDevice(deviceId);
    return revoked;
  });
}
