// Consoles for recovery tests: each is the renderer's real sync service (Dexie on fake-indexeddb, its signing key in
// IndexedDB, the engine, HTTP to a real server), joined with an invite the way a user connects.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import type { IncidentEvent } from '@shared/incident/events';
import type { SyncStatus } from '@shared/sync/engine';
import { setDisplayName } from '../../renderer/src/db/meta';
import { IncidentDb } from '../../renderer/src/db/schema';
import { eventOfRow } from '../../renderer/src/db/types';
import { recordEventIn, recordEventsIn, type EventDraft } from '../../renderer/src/db/write';
import { SyncService } from '../../renderer/src/features/sync/service';

export interface TestConsole {
  name: string;
  db: IncidentDb;
  service: SyncService;
  deviceId: string;
  write(incidentId: string, text: string): Promise<IncidentEvent>;
  record(drafts: EventDraft[]): Promise<IncidentEvent[]>;
  events(): Promise<IncidentEvent[]>;
  status(): SyncStatus | null;
  /** Sync rounds until one leaves nothing pending (or `rounds` ran); true when everything went out. */
  settle(rounds?: number): Promise<boolean>;
  /** The laptop closes (the sync service stops; its database stays) and opens again (the service resumes). */
  closeLid(): Promise<void>;
  openLid(): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

/** A console named `name` (its display name) connected to `baseUrl` with `inviteCode`. */
export async function connectConsole(baseUrl: string, inviteCode: string, name: string): Promise<TestConsole> {
  const db = new IncidentDb(`console-${process.pid}-${++counter}-${name}`);
  await setDisplayName(db, name);
  const service = new SyncService(db, { fetch: (url, init) => fetch(url, init), onLocalWrite: () => () => undefined });
  await service.start();
  const connection = await service.connect({ serverUrl: baseUrl, inviteCode, deviceName: `${name}'s laptop` });
  // The engine starts once the signing key is read.
  while (!service.getView().status) await new Promise((r) => setTimeout(r, 10));
  return {
    name,
    db,
    service,
    deviceId: connection.deviceId,
    write: (incidentId, text) => recordEventIn(db, incidentId, 'entry.added', { kind: 'note', text }) as Promise<IncidentEvent>,
    record: (drafts) => recordEventsIn(db, drafts),
    events: async () => (await db.events.toArray()).map(eventOfRow),
    status: () => service.getView().status,
    async settle(rounds = 20) {
      for (let i = 0; i < rounds; i++) {
        const ok = await service.syncNow();
        const status = service.getView().status;
        if (ok && status && status.pending === 0 && status.recovery?.state !== 'running') return true;
      }
      return false;
    },
    async closeLid() {
      await service.dispose();
    },
    async openLid() {
      const before = service.getView().status;
      await service.start();
      // The engine starts once the signing key is read: its first status replaces the one from before.
      while (service.getView().status === before) await new Promise((r) => setTimeout(r, 10));
    },
    async close() {
      await service.dispose();
      db.close();
      await Dexie.delete(db.name);
    },
  };
}
