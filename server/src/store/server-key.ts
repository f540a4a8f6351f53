// The server's own Ed25519 key: it signs every event the server writes (alerts, delivery results, acknowledgements),
// so those too can come back through a console after the server went back. Made once per store, kept in
// `server_keys` (and so in every backup, settings backups included), loaded at start.
import type { Kysely } from 'kysely';
import type { IncidentEvent } from '@shared/incident/events';
import { fromBase64Url, generateSigningKey, signEvent, toBase64Url } from '@shared/sync/signature';
import type { Database } from '../db/schema';

const KEY_ID = 'events';

export interface ServerKey {
  publicKey: string;
  /** Sign an event the server writes in `workspaceId` (the signature names the workspace: shared/sync/signature.ts). */
  sign<E extends IncidentEvent>(event: E, workspaceId: string): Promise<E>;
}

/** Load the key, making it on first use; several instances starting together agree on one (first insert wins). */
export async function loadServerKey(db: Kysely<Database>): Promise<ServerKey> {
  let row = await db.selectFrom('server_keys').select(['public_key', 'private_key']).where('id', '=', KEY_ID).executeTakeFirst();
  if (!row) {
    const made = await generateSigningKey(true);
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', made.privateKey));
    await db.insertInto('server_keys').values({ id: KEY_ID, public_key: made.publicKey, private_key: toBase64Url(pkcs8), created_at: new Date() })
      .onConflict((oc) => oc.column('id').doNothing()).execute();
    row = await db.selectFrom('server_keys').select(['public_key', 'private_key']).where('id', '=', KEY_ID).executeTakeFirstOrThrow();
  }
  const pkcs8 = fromBase64Url(row.private_key);
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8 as BufferSource, { name: 'Ed25519' }, false, ['sign']);
  const publicKey = row.public_key;
  return { publicKey, sign: (event, workspaceId) => signEvent(privateKey, event, workspaceId) };
}
