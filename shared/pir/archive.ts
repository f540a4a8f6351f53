// The incident archive: every event, the plan snapshot used, and a SHA-256 over the events so tampering
// shows. Reading one validates everything before anything is stored (all or nothing).
import { z } from 'zod';
import { canonicalJson, eventContentKey } from '../incident/canonical';
import { isoInstant, parseEvent, type IncidentEvent } from '../incident/events';
import { planSchema, type Plan } from '../plan/schema';
import { describeFirstIssue } from '../validation/zod-issues';
import { archiveSignersSchema, verifyArchiveSignatures, type ArchiveSigners, type SignatureReport } from './archive-signatures';

export const ARCHIVE_FORMAT = 'incident-console-archive';
export const ARCHIVE_VERSION = 1;

export interface IncidentArchive {
  format: typeof ARCHIVE_FORMAT;
  version: typeof ARCHIVE_VERSION;
  exportedAt: string;
  incidentId: string;
  plan: Plan;
  events: IncidentEvent[];
  /** Hex SHA-256 of canonicalJson(events sorted by id). */
  contentHash: string;
  /** The public keys the events' signatures are checked with (archive-signatures.ts); absent in older archives. */
  signers?: ArchiveSigners;
}

export { canonicalJson };

/** SHA-256 through Web Crypto (Node 20+ and browsers), as lowercase hex. */
export async function sha256Hex(text: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('Web Crypto is not available in this runtime');
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const idOf = (e: unknown): string => (e && typeof e === 'object' && typeof (e as { id?: unknown }).id === 'string' ? (e as { id: string }).id : '');

/** The hash over events exactly as given (raw JSON values), sorted by id. */
export function eventsContentHash(events: readonly unknown[]): Promise<string> {
  const sorted = [...events].sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
  return sha256Hex(canonicalJson(sorted));
}

export async function buildArchive(incidentId: string, plan: Plan, events: readonly IncidentEvent[], exportedAt: number, signers?: ArchiveSigners): Promise<IncidentArchive> {
  const own = events.filter((e) => e.incidentId === incidentId).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Round-trip through JSON so the hash is over exactly what the file will hold.
  const plain = JSON.parse(JSON.stringify(own)) as IncidentEvent[];
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: new Date(exportedAt).toISOString(),
    incidentId,
    plan,
    events: plain,
    contentHash: await eventsContentHash(plain),
    ...(signers ? { signers } : {}),
  };
}

export function archiveText(archive: IncidentArchive): string {
  return `${JSON.stringify(archive, null, 2)}\n`;
}

const envelopeSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT, { message: `expected format "${ARCHIVE_FORMAT}"` }),
  version: z.literal(ARCHIVE_VERSION, { message: `unsupported archive version (this console reads version ${ARCHIVE_VERSION})` }),
  exportedAt: isoInstant,
  incidentId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID'),
  plan: z.unknown(),
  events: z.array(z.unknown()).min(1, 'an archive holds at least the incident.opened event'),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a hex SHA-256'),
  signers: archiveSignersSchema.optional(),
});

export type ArchiveReadResult = { ok: true; archive: IncidentArchive; signatures: SignatureReport } | { ok: false; error: string };

/**
 * Validate an archive (text or parsed JSON): envelope, plan snapshot, every event (the error names the
 * event's index and field), one incident only, no conflicting duplicates, and the content hash.
 */
export async function readArchive(input: unknown): Promise<ArchiveReadResult> {
  let value = input;
  if (typeof input === 'string') {
    try { value = JSON.parse(input); } catch (e) { return { ok: false, error: `not JSON: ${(e as Error).message}` }; }
  }
  const envelope = envelopeSchema.safeParse(value);
  if (!envelope.success) {
    return { ok: false, error: describeFirstIssue(envelope.error, { root: 'archive' }) };
  }
  const raw = envelope.data;
  const plan = planSchema.safeParse(raw.plan);
  if (!plan.success) {
    return { ok: false, error: describeFirstIssue(plan.error, { at: 'plan' }) };
  }
  const events: IncidentEvent[] = [];
  const byId = new Map<string, string>();
  for (const [index, rawEvent] of raw.events.entries()) {
    const parsed = parseEvent(rawEvent);
    if (!parsed.ok) return { ok: false, error: `events[${index}].${parsed.error}` };
    const event = parsed.event;
    if (event.incidentId !== raw.incidentId) return { ok: false, error: `events[${index}].incidentId: belongs to another incident (${event.incidentId})` };
    const text = canonicalJson(rawEvent);
    const seen = byId.get(event.id);
    if (seen !== undefined) {
      if (seen !== text) return { ok: false, error: `events[${index}].id: two different events share the id ${event.id}` };
      continue;
    }
    byId.set(event.id, text);
    events.push(event);
  }
  if (!events.some((e) => e.type === 'incident.opened')) return { ok: false, error: 'events: no incident.opened event' };
  const hash = await eventsContentHash(raw.events);
  if (hash !== raw.contentHash) {
    return { ok: false, error: `contentHash: the events do not match the archive's hash (expected ${raw.contentHash.slice(0, 12)}…, got ${hash.slice(0, 12)}…); the file was altered or damaged` };
  }
  // A signature that does not verify with the key the archive names: the event was altered after its author signed
  // it (the content hash alone can be recomputed by whoever altered it). Nothing of such an archive is read.
  const signatures = await verifyArchiveSignatures(events, raw.signers);
  const forged = signatures.invalid[0];
  if (forged !== undefined) {
    const index = raw.events.findIndex((e) => idOf(e) === forged);
    return { ok: false, error: `events[${index}].sig: does not verify with its signer's key in the archive: the event was altered after it was signed` };
  }
  return {
    ok: true,
    archive: { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, exportedAt: raw.exportedAt, incidentId: raw.incidentId, plan: plan.data, events, contentHash: raw.contentHash, ...(raw.signers ? { signers: raw.signers } : {}) },
    signatures,
  };
}

/** Where imported events go: lookups by id and one atomic write. */
export interface ArchiveEventStore {
  getEvents(ids: string[]): Promise<Array<IncidentEvent | undefined>>;
  /** Store all of them or none. */
  addEvents(events: IncidentEvent[]): Promise<void>;
}

export type ArchiveImportResult =
  | { ok: true; incidentId: string; added: number; alreadyPresent: number; signatures: SignatureReport }
  | { ok: false; error: string };

/** Import a validated archive: new events are added in one write; events already present are skipped (idempotent). */
export async function importArchive(store: ArchiveEventStore, input: unknown): Promise<ArchiveImportResult> {
  const read = await readArchive(input);
  if (!read.ok) return read;
  const { events, incidentId } = read.archive;
  const existing = await store.getEvents(events.map((e) => e.id));
  const fresh: IncidentEvent[] = [];
  for (const [i, event] of events.entries()) {
    const local = existing[i];
    if (!local) { fresh.push(event); continue; }
    // Who imported an event is not its content: a copy marked by an earlier import is the same event.
    if (eventContentKey(local) !== eventContentKey(event)) {
      return { ok: false, error: `events: event ${event.id} differs from the copy already stored here; nothing was imported` };
    }
  }
  if (fresh.length) await store.addEvents(fresh);
  return { ok: true, incidentId, added: fresh.length, alreadyPresent: events.length - fresh.length, signatures: read.signatures };
}
