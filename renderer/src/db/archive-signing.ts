// What an exported archive carries of signatures: this console signs its own events (those of other devices and of
// the server arrived signed), and the archive names the keys to check them with: this console's own and the
// workspace's as last read from the server (GET /sync/keys, kept here so an export works offline).
import type { IncidentEvent } from '@shared/incident/events';
import type { ArchiveSigners } from '@shared/pir/archive-signatures';
import type { KeysResponse } from '@shared/sync/protocol';
import { keysResponseSchema } from '@shared/sync/protocol';
import { signerOf } from '@shared/sync/signature';
import { deviceSigner } from './device-key';
import { readIdentity } from './meta';
import type { IncidentDb } from './schema';
import { readSyncConnection } from './sync-connection';

export const KNOWN_KEYS = 'signingKeys';

/**
 * Keep the workspace's signing keys as the server listed them. A server key this console knew before and the server
 * no longer names (the workspace was recreated on a new server) stays as a former one: the server's older events
 * this console holds are signed by it, and its archives must still check them.
 */
export async function saveKnownKeys(db: IncidentDb, keys: KeysResponse): Promise<void> {
  const before = await knownKeys(db);
  const former = new Set([...(before?.formerServer ?? []), ...(before && before.server !== keys.server ? [before.server] : []), ...(keys.formerServer ?? [])]);
  former.delete(keys.server);
  await db.meta.put({ key: KNOWN_KEYS, value: { ...keys, formerServer: [...former] } });
}

/** The server's key as this console last read it (the Server page shows it: an admin recreating a lost server needs it). */
export async function knownServerKey(db: IncidentDb): Promise<string | null> {
  return (await knownKeys(db))?.server ?? null;
}

async function knownKeys(db: IncidentDb): Promise<KeysResponse | null> {
  const parsed = keysResponseSchema.safeParse((await db.meta.get(KNOWN_KEYS))?.value);
  return parsed.success ? parsed.data : null;
}

/** The events as the archive holds them (this console's own signed now) and the keys that check them. */
export async function signedForArchive(db: IncidentDb, events: IncidentEvent[]): Promise<{ events: IncidentEvent[]; signers: ArchiveSigners }> {
  const [signer, me, keys, connection] = await Promise.all([deviceSigner(db), readIdentity(db), knownKeys(db), readSyncConnection(db)]);
  const devices: Record<string, string> = {};
  for (const d of keys?.devices ?? []) devices[d.id] = d.publicKey;
  if (signer && me.deviceId) devices[me.deviceId] = signer.publicKey;
  const signed = signer && me.deviceId
    ? await Promise.all(events.map((e) => (!e.sig && signerOf(e) === me.deviceId ? signer.sign(e) : e)))
    : events;
  const former = keys?.formerServer ?? [];
  return { events: signed, signers: { ...(keys ? { server: keys.server } : {}), ...(former.length ? { formerServer: former } : {}), ...(connection ? { workspace: connection.workspace } : {}), devices } };
}
