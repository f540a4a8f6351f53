// The local side of sync: the outbox to push, remote events to apply, cursors and the HLC, over Dexie.
import { parseEvent, type IncidentEvent } from '../../../shared/incident/events';
import { ClockDriftError, decodeHlc, encodeHlc, isEncodedHlc } from '../../../shared/sync/hlc';
import { ensureDeviceId, loadClock, META, readHlc, saveClock } from './meta';
import type { IncidentDb } from './schema';
import { storeEvents } from './write';

export interface ApplyRemoteResult {
  /** Events newly stored (not already present). */
  applied: number;
  /** Events that failed validation, by index in the input, with a path-named error. */
  rejected: Array<{ index: number; error: string }>;
}

export interface LocalSyncStore {
  readOutbox(limit: number): Promise<IncidentEvent[]>;
  ackOutbox(eventIds: string[]): Promise<void>;
  applyRemote(events: readonly unknown[]): Promise<ApplyRemoteResult>;
  getCursor(workspace: string): Promise<number>;
  setCursor(workspace: string, cursor: number): Promise<void>;
  /** Encoded HLC of this device, or null before its first event. */
  getHlc(): Promise<string | null>;
  /** Merge a remote clock value so our next stamp sorts after it; refuses a clock too far ahead. */
  mergeHlc(remote: string): Promise<void>;
  countOutbox(): Promise<number>;
}

export function createLocalSyncStore(db: IncidentDb, wallClock: () => number = Date.now): LocalSyncStore {
  async function mergeInTx(remote: string): Promise<void> {
    const deviceId = await ensureDeviceId(db);
    const clock = await loadClock(db, deviceId, wallClock);
    clock.receive(decodeHlc(remote));
    await saveClock(db, clock);
  }

  return {
    async readOutbox(limit) {
      const rows = await db.outbox.orderBy('seq').limit(Math.max(0, limit)).toArray();
      return rows.map((r) => r.event);
    },

    countOutbox: () => db.outbox.count(),

    async ackOutbox(eventIds) {
      if (eventIds.length === 0) return;
      await db.outbox.where('eventId').anyOf(eventIds).delete();
    },

    async applyRemote(input) {
      const rejected: ApplyRemoteResult['rejected'] = [];
      const valid: IncidentEvent[] = [];
      const seen = new Set<string>();
      input.forEach((raw, index) => {
        const parsed = parseEvent(raw);
        if (!parsed.ok) rejected.push({ index, error: parsed.error });
        else if (!seen.has(parsed.event.id)) { seen.add(parsed.event.id); valid.push(parsed.event); }
      });
      if (valid.length === 0) return { applied: 0, rejected };
      return db.transaction('rw', [db.events, db.outbox, db.incidents, db.meta], async () => {
        const present = new Set(await db.events.where('id').anyOf(valid.map((e) => e.id)).toArray((rows) => rows.map((r) => r.id)));
        const fresh = valid.filter((e) => !present.has(e.id));
        await storeEvents(db, fresh, { outbox: false });
        const newest = fresh.reduce<string | null>((max, e) => (max === null || e.hlc > max ? e.hlc : max), null);
        if (newest) {
          try {
            await mergeInTx(newest);
          } catch (error) {
            // A peer's clock far ahead must not block storing its (server-accepted) events; we just don't follow it.
            if (!(error instanceof ClockDriftError)) throw error;
          }
        }
        return { applied: fresh.length, rejected };
      });
    },

    async getCursor(workspace) {
      const row = await db.meta.get(META.cursor(workspace));
      return typeof row?.value === 'number' ? row.value : 0;
    },

    async setCursor(workspace, cursor) {
      await db.meta.put({ key: META.cursor(workspace), value: cursor });
    },

    async getHlc() {
      const hlc = await readHlc(db);
      return hlc ? encodeHlc(hlc) : null;
    },

    async mergeHlc(remote) {
      if (!isEncodedHlc(remote)) throw new Error(`not a hybrid logical clock value: "${remote}"`);
      await db.transaction('rw', db.meta, async () => { await mergeInTx(remote); });
    },
  };
}
