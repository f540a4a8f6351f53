// Storing events this device did not write (pulled from the server, imported from an archive): new ids only,
// not queued for sync, and the device clock moves past the newest stamp so its next events sort after them.
import type { IncidentEvent } from '@shared/incident/events';
import { ClockDriftError, decodeHlc } from '@shared/hlc/hlc';
import { ensureDeviceId, loadClock, saveClock } from './meta';
import type { IncidentDb } from './schema';
import { storeEvents } from './write';

/** Call inside a rw transaction over events, outbox, incidents and meta. Returns the events actually added. */
export async function storeReceivedInTx(db: IncidentDb, events: readonly IncidentEvent[], wallClock?: () => number): Promise<IncidentEvent[]> {
  if (events.length === 0) return [];
  const present = new Set(await db.events.where('id').anyOf(events.map((e) => e.id)).toArray((rows) => rows.map((r) => r.id)));
  const seen = new Set<string>();
  const fresh = events.filter((e) => !present.has(e.id) && !seen.has(e.id) && seen.add(e.id));
  await storeEvents(db, fresh, { outbox: false });
  const newest = fresh.reduce<string | null>((max, e) => (max === null || e.hlc > max ? e.hlc : max), null);
  if (newest) {
    const clock = await loadClock(db, await ensureDeviceId(db), wallClock);
    try {
      clock.receive(decodeHlc(newest));
      await saveClock(db, clock);
    } catch (error) {
      // A peer's clock far ahead must not block storing its events; this device just does not follow it.
      if (!(error instanceof ClockDriftError)) throw error;
    }
  }
  return fresh;
}
