// Importing already-validated events (an incident archive) into the local database in one transaction.
import type { IncidentEvent } from '@shared/incident/events';
import type { ArchiveEventStore } from '@shared/pir/archive';
import { db as defaultDb } from './instance';
import type { IncidentDb } from './schema';
import { eventOfRow } from './types';
import { storeReceivedInTx } from './store-received';

export interface ImportEventsResult {
  added: number;
  alreadyPresent: number;
}

/**
 * Store events that are not present yet, all in one transaction (all or nothing); events already stored
 * are skipped, so importing twice changes nothing. Imported events are not queued for sync (they are
 * someone else's record, not this device's writes). The device's clock moves past the newest stamp.
 */
export async function importEventsIn(db: IncidentDb, events: IncidentEvent[]): Promise<ImportEventsResult> {
  return db.transaction('rw', [db.events, db.outbox, db.incidents, db.meta], async () => {
    const fresh = await storeReceivedInTx(db, events);
    return { added: fresh.length, alreadyPresent: events.length - fresh.length };
  });
}

/** The local database as an archive import target (see shared/pir/archive.ts importArchive). */
export function archiveStore(db: IncidentDb = defaultDb): ArchiveEventStore {
  return {
    async getEvents(ids) {
      const rows = await db.events.where('id').anyOf(ids).toArray();
      const byId = new Map(rows.map((r) => [r.id, eventOfRow(r)]));
      return ids.map((id) => byId.get(id));
    },
    async addEvents(events) { await importEventsIn(db, events); },
  };
}

/** Every stored event of one incident (for the archive export). */
export async function incidentEvents(incidentId: string, db: IncidentDb = defaultDb): Promise<IncidentEvent[]> {
  const rows = await db.events.where('incidentId').equals(incidentId).toArray();
  return rows.map(eventOfRow);
}
