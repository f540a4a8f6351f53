// This console's Ed25519 signing key, kept in its own database as a non-extractable CryptoKey (IndexedDB stores
// CryptoKey objects as they are): the private key can sign here and never be read out, not even by this code.
// Made once, on first connect; where the runtime has no Ed25519, there is none and events go out unsigned.
import { ed25519Supported, generateSigningKey, PUBLIC_KEY_PATTERN, signerFor, type EventSigner, type SigningKey } from '@shared/sync/signature';
import type { IncidentDb } from './schema';

export const DEVICE_KEY = 'deviceSigningKey';

function asKey(value: unknown): SigningKey | null {
  if (!value || typeof value !== 'object') return null;
  const { privateKey, publicKey } = value as { privateKey?: unknown; publicKey?: unknown };
  if (typeof CryptoKey === 'undefined' || !(privateKey instanceof CryptoKey) || typeof publicKey !== 'string' || !PUBLIC_KEY_PATTERN.test(publicKey)) return null;
  return { privateKey, publicKey };
}

/** The stored key, or a new one stored now; null where Ed25519 is not available (events then go unsigned). */
export async function deviceSigningKey(db: IncidentDb): Promise<SigningKey | null> {
  const stored = asKey((await db.meta.get(DEVICE_KEY))?.value);
  if (stored) return stored;
  if (!(await ed25519Supported())) return null;
  const made = await generateSigningKey(false);
  // Two windows making one at once: the first stored wins, and both use it.
  return db.transaction('rw', db.meta, async () => {
    const again = asKey((await db.meta.get(DEVICE_KEY))?.value);
    if (again) return again;
    await db.meta.put({ key: DEVICE_KEY, value: made });
    return made;
  });
}

export async function deviceSigner(db: IncidentDb): Promise<EventSigner | undefined> {
  const key = await deviceSigningKey(db);
  return key ? signerFor(key) : undefined;
}
