// Storing events this device did not write (pulled from the server, imported from an archive): new ids only,
// and the device clock moves past the newest stamp so its next events sort after them. Pulled events are not
// queued for sync; imported ones are, marked with who imported them (the server accepts them on that basis).
import type { Actor, IncidentEvent } from '@shared/incident/events';
import { ClockDriftError, decodeHlc } from '@shared/hlc/hlc';
import { isServerIdentity } from '@shared/sync/server-actor';
import { advanceWriterClock, ensureDeviceId, loadClock, ownDeviceIds, saveClock } from './meta';
import { saveOwnStampsInTx } from './outbox';
import type { IncidentDb } from './schema';
import { storeEvents } from './write';

export interface ReceivedOptions {
  wallClock?: () => number;
  /** The caller already dropped the events this database holds (in the same transaction). */
  absentChecked?: boolean;
  /** An archive import by this actor: other devices' events get the import mark and go to the outbox. */
  importedBy?: { actor: Actor; at: string };
}

/**
 * The form an imported event is stored and pushed in: this device's own events stay as they are; another
 * device's carry `imported: {by, at}`; the server's own events are stored but never pushed (nobody but the
 * server may send them, and the server has them already).
 */
export function importForm(event: IncidentEvent, by: Actor, at: string): { event: IncidentEvent; queue: boolean } {
  if (isServerIdentity(event.actor.deviceId)) return { event, queue: false };
  if (event.actor.deviceId === by.deviceId) {
    const { imported: _imported, ...own } = event;
    return { event: own as IncidentEvent, queue: true };
  }
  return { event: { ...event, imported: { by, at } }, queue: true };
}

/** Call inside a rw transaction over events and meta. Returns the events actually added. */
export async function storeReceivedInTx(db: IncidentDb, events: readonly IncidentEvent[], options: ReceivedOptions = {}): Promise<IncidentEvent[]> {
  if (events.length === 0) return [];
  const present = new Set(options.absentChecked ? [] : (await db.events.where('id').anyOf(events.map((e) => e.id)).keys()).map(String));
  const seen = new Set<string>();
  const fresh = events.filter((e) => !present.has(e.id) && !seen.has(e.id) && seen.add(e.id));
  const { importedBy } = options;
  if (importedBy) {
    const forms = fresh.map((e) => importForm(e, importedBy.actor, importedBy.at));
    await saveOwnStampsInTx(db, await ownDeviceIds(db)); // its rows go above this device's own in the outbox index
    await storeEvents(db, forms.map((f) => f.event), { outbox: forms.map((f) => f.queue) });
  } else {
    await storeEvents(db, fresh, { outbox: false });
  }
  const newest = fresh.reduce<string | null>((max, e) => (max === null || e.hlc > max ? e.hlc : max), null);
  if (newest) {
    const clock = await loadClock(db, await ensureDeviceId(db), options.wallClock);
    try {
      clock.receive(decodeHlc(newest));
      await saveClock(db, clock);
      void advanceWriterClock(db, newest);
    } catch (error) {
      // A peer's clock far ahead must not block storing its events; this device just does not follow it.
      if (!(error instanceof ClockDriftError)) throw error;
    }
  }
  return fresh;
}
