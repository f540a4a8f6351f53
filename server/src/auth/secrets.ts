// Random tokens and invite codes; only their sha256 hashes are ever stored.
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A device bearer token: 32 random bytes, url-safe. */
export function newToken(): string {
  return `ict_${randomBytes(32).toString('base64url')}`;
}

/** An invite code people can read out or paste: 4 groups of 5 from an unambiguous alphabet (~100 bits). */
export function newInviteCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
  const bytes = randomBytes(20);
  let out = '';
  for (let i = 0; i < 20; i++) {
    if (i > 0 && i % 5 === 0) out += '-';
    out += alphabet[(bytes[i] as number) % alphabet.length];
  }
  return out;
}

/** Invite codes are compared case- and dash-insensitively, so hash a normalised form. */
export function normaliseInviteCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function newId(): string {
  return randomUUID();
}
