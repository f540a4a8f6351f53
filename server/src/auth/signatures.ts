// Signature checks at the server's door. A device with a registered key signs what it pushes; a relayed copy of
// another device's (or the server's) event must carry its signer's valid signature. Nothing here ever lets a device
// write in someone else's name: a relay only carries what its author signed. docs/server.md, "Authorship".
import type { Kysely } from 'kysely';
import type { IncidentEvent } from '@shared/incident/events';
import { isServerIdentity } from '@shared/sync/server-actor';
import { signerOf, verifyEventSignature } from '@shared/sync/signature';
import type { Database } from '../db/schema';
import { ApiError } from '../errors';
import { formerServerKeys, type Caller } from '../store/workspaces';

/** The caller's registered key (the cached caller may predate a registration a moment ago on another instance). */
async function callerKey(db: Kysely<Database>, caller: Caller): Promise<string | null> {
  if (caller.publicKey) return caller.publicKey;
  const row = await db.selectFrom('devices').select('public_key').where('id', '=', caller.deviceId).executeTakeFirst();
  return row?.public_key ?? null;
}

/**
 * A push (the caller's own events and imports): once the device has registered a key, every event it pushes must be
 * signed by it; a signature from a device without a key cannot be checked and is refused the same way. The first
 * bad event fails the batch with its index (the engine holds it back and pushes the rest).
 */
export async function checkPushSignatures(db: Kysely<Database>, caller: Caller, events: IncidentEvent[]): Promise<void> {
  const anySigned = events.some((e) => e.sig !== undefined);
  const key = caller.publicKey ?? (anySigned ? await callerKey(db, caller) : null);
  if (!key) {
    const index = events.findIndex((e) => e.sig !== undefined);
    if (index >= 0) throw new ApiError(403, 'signature_invalid', `events[${index}].sig: this device has no registered key to check it with; register one (POST /sync/key) first`, { index, path: 'sig' });
    return;
  }
  const valid = await Promise.all(events.map((e) => (e.sig === undefined ? Promise.resolve(false) : verifyEventSignature(key, e))));
  const index = valid.indexOf(false);
  if (index < 0) return;
  const missing = (events[index] as IncidentEvent).sig === undefined;
  throw new ApiError(403, missing ? 'signature_required' : 'signature_invalid',
    missing ? `events[${index}].sig: this device registered a signing key, so its events must be signed` : `events[${index}].sig: does not verify with this device's key (the event was altered, or signed by another key)`,
    { index, path: 'sig' });
}

export interface Refusal {
  index: number;
  id: string;
  error: 'invalid_event' | 'actor_mismatch' | 'clock_skew' | 'signature_required' | 'signature_invalid' | 'unknown_signer' | 'signer_revoked';
  message: string;
}

export interface RelayPolicy {
  /** The server's own public key: relayed server-authored events must carry its signature. */
  serverPublicKey: string;
  /**
   * 'admins': an admin device may relay events whose signature cannot be checked (unsigned events from before
   * signing, a signer unknown to this server or revoked), marked as relayed by that admin. Never a signature that
   * fails. Default 'refuse'.
   */
  unverified: 'refuse' | 'admins';
}

/**
 * Which relayed copies may be stored: the relay mark names the caller, and the signer (the importer, else the author;
 * the server for its own events) signed exactly this content with the key this server knows for it.
 */
export async function checkRelaySignatures(db: Kysely<Database>, workspaceId: string, caller: Caller, events: Array<{ index: number; event: IncidentEvent }>, policy: RelayPolicy): Promise<Refusal[]> {
  const deviceSigners = [...new Set(events.map(({ event }) => signerOf(event)).filter((s) => !isServerIdentity(s)))];
  const rows = deviceSigners.length === 0 ? [] : await db.selectFrom('devices').select(['id', 'public_key', 'revoked_at'])
    .where('workspace_id', '=', workspaceId).where('id', 'in', deviceSigners).execute();
  const keys = new Map(rows.map((r) => [r.id, r]));
  const serverKeys = events.some(({ event }) => isServerIdentity(signerOf(event)))
    ? [policy.serverPublicKey, ...await formerServerKeys(db, workspaceId)]
    : [policy.serverPublicKey];
  const vouched = policy.unverified === 'admins' && caller.role === 'admin';
  const refusals = await Promise.all(events.map(async ({ index, event }): Promise<Refusal | null> => {
    const refuse = (error: Refusal['error'], message: string): Refusal | null => ({ index, id: event.id, error, message: `events[${index}]: ${message}` });
    const signer = signerOf(event);
    const server = isServerIdentity(signer);
    const device = server ? undefined : keys.get(signer);
    const key = server ? policy.serverPublicKey : device?.public_key ?? null;
    if (event.sig !== undefined && key) {
      // A signature that fails is refused whoever relays it: the copy is not what its signer wrote. The server's own
      // events may be signed by a server that held this workspace before (a recreated workspace trusts its key).
      const candidates = server ? serverKeys : [key];
      const checks = await Promise.all(candidates.map((k) => verifyEventSignature(k, event, server ? workspaceId : '')));
      if (!checks.includes(true)) {
        return refuse('signature_invalid', `sig: does not verify with ${server ? 'this server\'s key (or a former server\'s trusted here) for this workspace' : `${signer}'s key`}: the copy was altered, signed by someone else, or written in another workspace`);
      }
      if (device?.revoked_at && !vouched) return refuse('signer_revoked', `signed by ${signer}, a device revoked on this server; an admin may relay it in recovery mode (RELAY_UNVERIFIED=admins)`);
      return null;
    }
    if (vouched) return null; // nothing to check it with: the admin vouches, and the relay mark names them
    if (event.sig === undefined) return refuse('signature_required', `sig: ${signer}'s event is unsigned (written before signing); only its author can push it again, or an admin in recovery mode (RELAY_UNVERIFIED=admins)`);
    return refuse('unknown_signer', `${signer} has no key registered on this server (it has not joined or reconnected since); the relay is tried again later`);
  }));
  return refusals.filter((r): r is Refusal => r !== null);
}
