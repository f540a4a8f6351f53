// Event signatures: each device signs the events it brings into the workspace (its own, and those it imports) with
// an Ed25519 key through Web Crypto (browsers, Electron and Node alike), and the server signs what it writes. A
// signature lets an event travel through another device (a relay after the server went back, an archive) and still
// prove who wrote it. docs/server.md, "Authorship through relays".
import { canonicalJson } from '../incident/canonical';
import type { IncidentEvent } from '../incident/events';

const ED25519 = { name: 'Ed25519' } as const;

/** A signature as it travels in the event: base64url of the 64 bytes. */
export const SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{86}$/;
/** A public key: base64url of the raw 32 bytes. */
export const PUBLIC_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('Web Crypto is not available in this runtime');
  return s;
}

export function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const plain = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(plain.length);
  for (let i = 0; i < plain.length; i++) out[i] = plain.charCodeAt(i);
  return out;
}

/**
 * Who vouches for an event with their signature: the device that imported it when it carries an import mark (the
 * mark is its claim), else its author. A relay mark never changes the signer: a relaying device only carries.
 */
export function signerOf(event: Pick<IncidentEvent, 'actor' | 'imported'>): string {
  return event.imported?.by.deviceId ?? event.actor.deviceId;
}

/**
 * The bytes a signature covers: the event as canonical JSON without its signature and relay mark. `scope` binds it to
 * one workspace: the server's one key signs for every workspace it holds, so its signatures name the workspace, and
 * an event it wrote in one cannot be carried into another. (A device belongs to one workspace: its key is enough.)
 */
export function signedBytes(event: IncidentEvent, scope = ''): Uint8Array {
  const { sig: _sig, relayed: _relayed, ...content } = event;
  const text = canonicalJson(content);
  return new TextEncoder().encode(scope ? `${scope}\n${text}` : text);
}

/** Ed25519 through Web Crypto: Chromium from 137 (Electron 37), Node 20; false where the runtime lacks it. */
export async function ed25519Supported(): Promise<boolean> {
  try {
    await subtle().generateKey(ED25519, false, ['sign', 'verify']);
    return true;
  } catch {
    return false;
  }
}

export interface SigningKey {
  /** May be non-extractable (the console keeps it so in IndexedDB). */
  privateKey: CryptoKey;
  /** base64url of the raw public key, as registered with the server. */
  publicKey: string;
}

/** A new key pair; `extractable` only where the private key must be stored outside Web Crypto (the server's). */
export async function generateSigningKey(extractable = false): Promise<SigningKey> {
  const pair = await subtle().generateKey(ED25519, extractable, ['sign', 'verify']) as CryptoKeyPair;
  const raw = new Uint8Array(await subtle().exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: toBase64Url(raw) };
}

export async function signBytes(key: CryptoKey, bytes: Uint8Array): Promise<string> {
  return toBase64Url(new Uint8Array(await subtle().sign(ED25519, key, bytes as BufferSource)));
}

/** The event with its signature (any earlier one replaced). Ed25519 is deterministic: the same event signs the same. */
export async function signEvent<E extends IncidentEvent>(key: CryptoKey, event: E, scope = ''): Promise<E> {
  const { sig: _old, ...rest } = event;
  return { ...rest, sig: await signBytes(key, signedBytes(event, scope)) } as E;
}

const importedKeys = new Map<string, Promise<CryptoKey>>();

/** A public key (base64url raw) ready to verify with; imports are cached (a handful of devices per workspace). */
export function importPublicKey(publicKey: string): Promise<CryptoKey> {
  let key = importedKeys.get(publicKey);
  if (!key) {
    if (!PUBLIC_KEY_PATTERN.test(publicKey)) return Promise.reject(new Error('not an Ed25519 public key (base64url, 32 bytes)'));
    key = subtle().importKey('raw', fromBase64Url(publicKey) as BufferSource, ED25519, true, ['verify']);
    key.catch(() => importedKeys.delete(publicKey));
    if (importedKeys.size > 10_000) importedKeys.clear();
    importedKeys.set(publicKey, key);
  }
  return key;
}

/** True when `event.sig` is a valid signature of the event by `publicKey` (for `scope`: see signedBytes). */
export async function verifyEventSignature(publicKey: string, event: IncidentEvent, scope = ''): Promise<boolean> {
  if (!event.sig || !SIGNATURE_PATTERN.test(event.sig)) return false;
  try {
    return await subtle().verify(ED25519, await importPublicKey(publicKey), fromBase64Url(event.sig) as BufferSource, signedBytes(event, scope) as BufferSource);
  } catch {
    return false;
  }
}

/** What signs events on a device: its public key and a sign function (the key itself never leaves its store). */
export interface EventSigner {
  publicKey: string;
  sign<E extends IncidentEvent>(event: E): Promise<E>;
}

export function signerFor(key: SigningKey): EventSigner {
  return { publicKey: key.publicKey, sign: (event) => signEvent(key.privateKey, event) };
}
