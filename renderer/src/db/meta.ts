// Device metadata in the meta table: device id, display name, persisted HLC state and sync cursors.
import { decodeHlc, encodeHlc, HybridClock, isEncodedHlc, type Hlc } from '@shared/hlc/hlc';
import type { Actor } from '@shared/incident/events';
import type { IncidentDb } from './schema';
import { newestOwnStamp } from './outbox';
import type { Identity } from './types';

export const META = {
  deviceId: 'deviceId',
  displayName: 'displayName',
  hlc: 'hlc',
  cursor: (workspace: string) => `cursor:${workspace}`,
  /** Pulled events that failed validation, raw, as an array (the cursor moves past them). */
  quarantine: 'syncQuarantine',
  /** The server history (epoch) the cursor belongs to, and whether a re-push is owed (shared/sync/recovery.ts). */
  history: (workspace: string) => `history:${workspace}`,
  /** Ids this console wrote under before a server gave it another (its events under them are still its own). */
  previousDeviceIds: 'previousDeviceIds',
} as const;

function randomDeviceId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The device id, created on first use. Call inside a rw transaction that includes meta. */
export async function ensureDeviceId(db: IncidentDb): Promise<string> {
  const row = await db.meta.get(META.deviceId);
  if (typeof row?.value === 'string') return row.value;
  const id = randomDeviceId();
  await db.meta.put({ key: META.deviceId, value: id });
  return id;
}

/**
 * After joining a server that gave this console another id than its own (its id was already taken, e.g. when
 * joining again): write new events under the server's id, so the server accepts them as this device's.
 */
export async function adoptDeviceId(db: IncidentDb, deviceId: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const [current, previous] = await db.meta.bulkGet([META.deviceId, META.previousDeviceIds]);
    const earlier = Array.isArray(previous?.value) ? (previous.value as unknown[]).filter((v): v is string => typeof v === 'string') : [];
    if (typeof current?.value === 'string' && current.value !== deviceId && !earlier.includes(current.value)) {
      await db.meta.put({ key: META.previousDeviceIds, value: [...earlier, current.value] });
    }
    await db.meta.put({ key: META.deviceId, value: deviceId });
  });
  identityChanged(db);
}

/** Every id this console wrote under: the current one and those it had before a server gave it another. */
export async function ownDeviceIds(db: IncidentDb): Promise<Set<string>> {
  const [current, previous] = await db.meta.bulkGet([META.deviceId, META.previousDeviceIds]);
  const ids = new Set(Array.isArray(previous?.value) ? (previous.value as unknown[]).filter((v): v is string => typeof v === 'string') : []);
  if (typeof current?.value === 'string') ids.add(current.value);
  return ids;
}

/** This device as the actor of what it writes or imports now. Call inside a rw transaction that includes meta. */
export async function currentActor(db: IncidentDb): Promise<Actor> {
  const deviceId = await ensureDeviceId(db);
  const nameRow = await db.meta.get(META.displayName);
  const name = typeof nameRow?.value === 'string' && nameRow.value.trim() ? nameRow.value : 'Unnamed';
  return { name, deviceId };
}

export async function readIdentity(db: IncidentDb): Promise<Identity> {
  const [device, name] = await db.meta.bulkGet([META.deviceId, META.displayName]);
  return {
    deviceId: typeof device?.value === 'string' ? device.value : '',
    name: typeof name?.value === 'string' ? name.value : '',
  };
}

export async function setDisplayName(db: IncidentDb, name: string): Promise<Identity> {
  const trimmed = name.trim().slice(0, 80);
  if (!trimmed) throw new Error('Display name must not be empty');
  const identity = await db.transaction('rw', db.meta, async () => {
    const deviceId = await ensureDeviceId(db);
    await db.meta.put({ key: META.displayName, value: trimmed });
    return { deviceId, name: trimmed };
  });
  identityChanged(db);
  return identity;
}

export async function readHlc(db: IncidentDb): Promise<Hlc | undefined> {
  const row = await db.meta.get(META.hlc);
  return typeof row?.value === 'string' ? decodeHlc(row.value) : undefined;
}

/**
 * What a local write needs (this device as the actor, its clock), kept in memory per database and per tab: read
 * once, then no read per write, and no write of the clock either. The clock survives a restart without being saved
 * per write: it is recovered as the newest of the saved stamp (meta.hlc, moved past every event this device has
 * received, acknowledged or purged, and before an import queues others' rows above its own: outbox.ts) and the newest
 * of its own queued rows on top of the outbox index (every local write is there, and stays once acknowledged). Tabs of the same database keep each other's clocks
 * and identity current over a BroadcastChannel.
 */
interface WriterState { actor: Actor; hlc: Hlc | undefined }
const writers = new WeakMap<IncidentDb, Promise<WriterState>>();
const channels = new WeakMap<IncidentDb, BroadcastChannel | null>();
type WriterMessage = { hlc: string } | { identity: true };

function channelOf(db: IncidentDb): BroadcastChannel | null {
  if (channels.has(db)) return channels.get(db) ?? null;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`incident-console-writer:${db.name}`) : null;
  if (channel) {
    channel.onmessage = (message: MessageEvent<WriterMessage>) => {
      const data = message.data;
      if ('identity' in data) writers.delete(db);
      else if (typeof data.hlc === 'string' && isEncodedHlc(data.hlc)) void advanceWriterClock(db, data.hlc, false);
    };
    db.on('close', () => { channel.close(); channels.delete(db); writers.delete(db); });
  }
  channels.set(db, channel);
  return channel;
}

async function loadWriter(db: IncidentDb): Promise<WriterState> {
  return db.transaction('rw', [db.meta, db.events], async () => {
    const deviceId = await ensureDeviceId(db);
    const [nameRow, hlcRow] = await db.meta.bulkGet([META.displayName, META.hlc]);
    const queued = await newestOwnStamp(db, await ownDeviceIds(db));
    const name = typeof nameRow?.value === 'string' && nameRow.value.trim() ? nameRow.value : 'Unnamed';
    const saved = typeof hlcRow?.value === 'string' ? hlcRow.value : undefined;
    const newest = saved !== undefined && queued !== undefined ? (saved > queued ? saved : queued) : (saved ?? queued);
    return { actor: { name, deviceId }, hlc: newest !== undefined ? decodeHlc(newest) : undefined };
  });
}

/** This device and its clock for a local write (read from the database once per tab). */
export function localWriter(db: IncidentDb): Promise<WriterState> {
  channelOf(db);
  let writer = writers.get(db);
  if (!writer) {
    writer = loadWriter(db);
    writers.set(db, writer);
    writer.catch(() => { if (writers.get(db) === writer) writers.delete(db); });
  }
  return writer;
}

/**
 * A local write was stamped up to `hlc` (other tabs follow). Told as the stamps are minted, before the commit: the
 * tabs of one database share a device id, so the sooner the others hear, the smaller the window in which two tabs
 * could mint the same stamp (a write that then fails leaves the clocks ahead, which is harmless).
 */
export function wroteWithClock(db: IncidentDb, hlc: Hlc): void {
  const writer = writers.get(db);
  if (writer) void writer.then((w) => { if (!w.hlc || encodeHlc(hlc) > encodeHlc(w.hlc)) w.hlc = { ...hlc, node: w.actor.deviceId }; }, () => undefined);
  channelOf(db)?.postMessage({ hlc: encodeHlc(hlc) } satisfies WriterMessage);
}

/**
 * Events received from elsewhere (or a tab's write) carried the stamp `hlc`: this tab's next local stamp sorts after
 * it (a stamp too far ahead is not followed, as HybridClock.receive refuses it).
 */
export async function advanceWriterClock(db: IncidentDb, hlc: string, tell = true): Promise<void> {
  const writer = writers.get(db);
  if (writer) {
    try {
      const w = await writer;
      const clock = new HybridClock(w.actor.deviceId, Date.now, w.hlc);
      w.hlc = clock.receive(decodeHlc(hlc));
    } catch {
      // A failed load is retried at the next write (which reads meta, already past `hlc`); drift is not followed.
    }
  }
  if (tell) channelOf(db)?.postMessage({ hlc } satisfies WriterMessage);
}

/** Read identity and clock again at the next write (tests that empty the tables under a running app). */
export function forgetLocalWriter(db: IncidentDb): void {
  writers.delete(db);
}

/** The identity changed (name, device id): every tab reads it again at its next write. */
function identityChanged(db: IncidentDb): void {
  writers.delete(db);
  channelOf(db)?.postMessage({ identity: true } satisfies WriterMessage);
}

/** A clock restored from meta; the caller must persist it with saveClock in the same transaction. */
export async function loadClock(db: IncidentDb, deviceId: string, wallClock: () => number = Date.now): Promise<HybridClock> {
  return new HybridClock(deviceId, wallClock, await readHlc(db));
}

/**
 * What a local write needs from meta (device id, display name, clock), read in ONE request; the caller puts
 * `newDeviceId` (when set) and the advanced clock in the same transaction. Call inside a rw transaction with meta.
 */
export async function readWriterMeta(db: IncidentDb, wallClock: () => number = Date.now): Promise<{ actor: Actor; clock: HybridClock; newDeviceId: boolean }> {
  const [device, nameRow, hlc] = await db.meta.bulkGet([META.deviceId, META.displayName, META.hlc]);
  const known = typeof device?.value === 'string' ? device.value : null;
  const deviceId = known ?? randomDeviceId();
  const name = typeof nameRow?.value === 'string' && nameRow.value.trim() ? nameRow.value : 'Unnamed';
  const clock = new HybridClock(deviceId, wallClock, typeof hlc?.value === 'string' ? decodeHlc(hlc.value) : undefined);
  return { actor: { name, deviceId }, clock, newDeviceId: known === null };
}

export async function saveClock(db: IncidentDb, clock: HybridClock): Promise<void> {
  await db.meta.put({ key: META.hlc, value: encodeHlc(clock.current()) });
}
