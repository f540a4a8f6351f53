// Replicas for the convergence test: an in-memory store, or the renderer's real Dexie store on fake-indexeddb.
import Dexie from 'dexie';
import type { EventType, IncidentEvent, PayloadInput } from '@shared/incident/events';
import type { SyncLocalStore } from '@shared/sync/engine';
import { IncidentDb } from '../../renderer/src/db/schema';
import { META } from '../../renderer/src/db/meta';
import { createLocalSyncStore } from '../../renderer/src/db/sync-store';
import { eventOfRow } from '../../renderer/src/db/types';
import { oweStreams } from '../../renderer/src/db/restricted';
import { recordEventIn } from '../../renderer/src/db/write';
import { MemoryStore } from './memory-store';

export interface ReplicaStore {
  store: SyncLocalStore;
  record<T extends EventType>(incidentId: string, type: T, payload: PayloadInput<T>): Promise<IncidentEvent>;
  allEvents(): Promise<IncidentEvent[]>;
  /** Open every incident listed as not read (joined on its summary): owed, read whole at the next round; how many. */
  openUnread(workspace: string): Promise<number>;
  dispose(): Promise<void>;
}

export type StoreKind = 'memory' | 'dexie';

let counter = 0;

/** `deviceId`: the id the server gave this replica (a device may only push events in its own name). */
export async function makeReplicaStore(kind: StoreKind, name: string, wallClock: () => number, deviceId = name): Promise<ReplicaStore> {
  if (kind === 'memory') {
    const mem = new MemoryStore(deviceId, wallClock);
    return {
      store: mem,
      record: async (incidentId, type, payload) => mem.record(incidentId, type, payload),
      allEvents: () => mem.allEvents(),
      openUnread: async () => 0, // reads the whole log: nothing is left unread
      dispose: async () => {},
    };
  }
  const db = new IncidentDb(`convergence-${process.pid}-${++counter}-${name}`);
  await db.meta.put({ key: META.deviceId, value: deviceId });
  return {
    store: createLocalSyncStore(db, wallClock),
    record: (incidentId, type, payload) => recordEventIn(db, incidentId, type, payload, { now: wallClock }) as Promise<IncidentEvent>,
    allEvents: async () => (await db.events.toArray()).map(eventOfRow),
    openUnread: async (workspace) => {
      const ids = (await db.incidents.filter((s) => s.unread !== undefined).primaryKeys()).map(String);
      await oweStreams(db, workspace, ids);
      return ids.length;
    },
    dispose: async () => {
      db.close();
      await Dexie.delete(db.name);
    },
  };
}
