// Signatures in an incident archive: the archive carries each event's signature (made by the device that brought it
// in, or the server) and the public keys they are checked with, so an exported incident proves who wrote what even
// far from the server (shared/sync/signature.ts; docs/server.md, Authorship).
import { z } from 'zod';
import type { IncidentEvent } from '../incident/events';
import { isServerIdentity } from '../sync/server-actor';
import { PUBLIC_KEY_PATTERN, signerOf, verifyEventSignature } from '../sync/signature';

const publicKey = z.string().regex(PUBLIC_KEY_PATTERN, 'expected an Ed25519 public key (43 base64url characters)');

/** The keys an archive's signatures are checked with: the server's, and each device's by its id. */
export const archiveSignersSchema = z.object({
  server: publicKey.optional(),
  /** Keys of servers that held the workspace before (it was recreated): the server's older events are signed by them. */
  formerServer: z.array(publicKey).max(50).optional(),
  /** The workspace the server's signatures are bound to (shared/sync/signature.ts, signedBytes' scope). */
  workspace: z.string().max(100).optional(),
  devices: z.record(z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'expected a device id'), publicKey),
});
export type ArchiveSigners = z.infer<typeof archiveSignersSchema>;

export interface SignatureReport {
  /** Signed, and the signature verifies with the signer's key in the archive. */
  verified: number;
  /** No signature (written before signing, or by a console without Ed25519). */
  unsigned: number;
  /** Signed, but the archive holds no key for its signer. */
  unknownKey: number;
  /** Signed, and the signature does not verify: the event was altered after it was signed. Their ids. */
  invalid: string[];
}

/** Check every event's signature against the archive's keys. */
export async function verifyArchiveSignatures(events: readonly IncidentEvent[], signers: ArchiveSigners | undefined): Promise<SignatureReport> {
  const report: SignatureReport = { verified: 0, unsigned: 0, unknownKey: 0, invalid: [] };
  const results = await Promise.all(events.map(async (e) => {
    if (!e.sig) return 'unsigned' as const;
    const signer = signerOf(e);
    const server = isServerIdentity(signer);
    const keys = (server ? [signers?.server, ...(signers?.formerServer ?? [])] : [signers?.devices[signer]]).filter((k): k is string => k !== undefined);
    if (keys.length === 0) return 'unknownKey' as const;
    const scope = server ? signers?.workspace ?? '' : '';
    const checks = await Promise.all(keys.map((k) => verifyEventSignature(k, e, scope)));
    return checks.includes(true) ? 'verified' as const : 'invalid' as const;
  }));
  results.forEach((r, i) => {
    if (r === 'invalid') report.invalid.push((events[i] as IncidentEvent).id);
    else report[r] += 1;
  });
  return report;
}

/** In words, for the import's result line. */
export function describeSignatures(r: SignatureReport): string {
  const parts = [`${r.verified} signed by their authors`];
  if (r.unsigned) parts.push(`${r.unsigned} unsigned`);
  if (r.unknownKey) parts.push(`${r.unknownKey} signed with keys the archive does not carry`);
  if (r.invalid.length) parts.push(`${r.invalid.length} whose signature does not match (altered after signing)`);
  return parts.join(', ');
}
