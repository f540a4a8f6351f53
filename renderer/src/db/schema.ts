// The Dexie database: versioned schema with upgrade steps. Every table the renderer persists lives here.
import Dexie, { type Table } from 'dexie';
import { eventOfRow, type Contact, type EventRow, type IncidentSummary, type MetaRow, type OutboxRow, type PlanRow, type SnapshotRow } from './types';
import { emptySummary, summarise } from './summary';

export const DEFAULT_DB_NAME = 'incident-console';

export class IncidentDb extends Dexie {
  events!: Table<EventRow, number>;
  outbox!: Table<OutboxRow, number>;
  incidents!: Table<IncidentSummary, string>;
  contacts!: Table<Contact, string>;
  plans!: Table<PlanRow, string>;
  meta!: Table<MetaRow, string>;
  snapshots!: Table<SnapshotRow, string>;

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name);
    // v1: the event log, its outbox, contacts, the active plan and device metadata. (contacts and plans are legacy
    // now: the team stream holds them; migrate-team.ts moved their rows into it once, and nothing writes them.)
    this.version(1).stores({
      events: '++seq, &id, incidentId, [incidentId+hlc], [incidentId+seq]',
      outbox: '++seq, &eventId',
      contacts: 'id, name',
      plans: 'id',
      meta: 'key',
    });
    // v2: incident summaries for the list screen, rebuilt from the event log on upgrade.
    this.version(2)
      .stores({ incidents: 'id, status, drill, lastActivityAt' })
      .upgrade(async (tx) => {
        const summaries = new Map<string, IncidentSummary>();
        await tx.table<EventRow, number>('events').each((row) => {
          const current = summaries.get(row.incidentId) ?? emptySummary(row.incidentId);
          summaries.set(row.incidentId, summarise(current, eventOfRow(row)));
        });
        await tx.table<IncidentSummary, string>('incidents').bulkPut([...summaries.values()]);
      });
    // v3: per-incident snapshots of the event set (a read cache for large incidents; starts empty).
    this.version(3).stores({ snapshots: 'incidentId' });
  }
}
