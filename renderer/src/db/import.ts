// Importing already-validated events (an incident archive) into the local database in one transaction.
import type { IncidentEvent } from '@shared/incident/events';
import type { ArchiveEventStore } from '@shared/pir/archive';
import { db as defaultDb } from './instance';
import type { IncidentDb } from './schema';
import { eventOfRow } from './types';
import { currentActor } from './meta';
import { storeReceivedInTx } from './store-received';

export interface ImportEventsResult {
  added: number;
  alreadyPresent: number;
}

/**
 * Store events that are not present yet, all in one transaction (all or nothing); events already stored
 * are skipped, so importing twice changes nothing. New events keep their authors, are marked as imported
 * by this device (`imported: {by, at}`) and queued for sync, so a connected team sees them with who brought
 * them in. The device's clock moves past the newest stamp.
 */
export async function importEventsIn(db: IncidentDb, events: IncidentEvent[], now: () => number = Date.now): Promise<ImportEventsResult> {
  return db.transaction('rw', [db.events, db.incidents, db.meta], async () => {
    const importedBy = { actor: await currentActor(db), at: new Date(now()).toISOString() };
    const fresh = await storeReceivedInTx(db, events, { importedBy });
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
