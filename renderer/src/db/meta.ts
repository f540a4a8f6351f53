// Device metadata in the meta table: device id, display name, persisted HLC state and sync cursors.
import { decodeHlc, encodeHlc, HybridClock, type Hlc } from '@shared/hlc/hlc';
import type { Actor } from '@shared/incident/events';
import type { IncidentDb } from './schema';
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
  return db.transaction('rw', db.meta, async () => {
    const deviceId = await ensureDeviceId(db);
    await db.meta.put({ key: META.displayName, value: trimmed });
    return { deviceId, name: trimmed };
  });
}

export async function readHlc(db: IncidentDb): Promise<Hlc | undefined> {
  const row = await db.meta.get(META.hlc);
  return typeof row?.value === 'string' ? decodeHlc(row.value) : undefined;
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
