// The Dexie database: versioned schema with upgrade steps. Every table the renderer persists lives here.
import Dexie, { type Table } from 'dexie';
import { eventOfRow, rowOfEvent, type Contact, type DrillScriptRow, type EventRow, type IncidentSummary, type MetaRow, type PlanRow, type RestrictedRow, type SnapshotRow } from './types';
import { emptySummary, summarise } from './summary';
import { LEGACY_SCRIPTS_DB, readLegacyScripts } from './legacy-scripts';
import { isLogEntry } from '@shared/incident/partial';
import { SUMMARIES_UP_TO } from './summaries';
import { OUTBOX_MARK, queuedRow } from './outbox';
import type { IncidentEvent } from '@shared/incident/events';

/** A row of the outbox table of v1-v7 (read once by the v8 upgrade). */
interface LegacyOutboxRow {
  seq?: number;
  eventId: string;
  event: IncidentEvent;
}

export const DEFAULT_DB_NAME = 'incident-console';

export class IncidentDb extends Dexie {
  events!: Table<EventRow, number>;
  incidents!: Table<IncidentSummary, string>;
  contacts!: Table<Contact, string>;
  plans!: Table<PlanRow, string>;
  meta!: Table<MetaRow, string>;
  snapshots!: Table<SnapshotRow, string>;
  drillScripts!: Table<DrillScriptRow, string>;
  restricted!: Table<RestrictedRow, string>;

  /** `legacyScriptsDb`: the separate database drill scripts lived in before v4 (a parameter for tests). */
  constructor(name: string = DEFAULT_DB_NAME, legacyScriptsDb: string = LEGACY_SCRIPTS_DB) {
    // Dexie's query cache is off: a local write takes the native path (native-add.ts) and tells the live queries
    // itself, which would leave a cached result stale; every live query reads IndexedDB again when told.
    super(name, { cache: 'disabled' });
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
    // v4: the facilitator's drill scripts, which had a database of their own: copied in here during the upgrade
    // (Dexie.waitFor keeps the upgrade transaction open while the old database is read); the old one is deleted
    // only once this upgrade has committed (see on('ready')), so a failed upgrade loses nothing.
    this.version(4)
      .stores({ drillScripts: 'id' })
      .upgrade(async (tx) => {
        const rows = await Dexie.waitFor(readLegacyScripts(legacyScriptsDb));
        if (rows.length) await tx.table<DrillScriptRow, string>('drillScripts').bulkPut(rows);
      });
    // v5: the sparse `headOf` index over every event but log entries (types.ts EventRow), so a console opens on
    // its state and newest rows before the bulk is read; rows stored before it get the field here.
    this.version(5)
      .stores({ events: '++seq, &id, incidentId, [incidentId+hlc], [incidentId+seq], headOf' })
      .upgrade(async (tx) => {
        await tx.table<EventRow, number>('events').toCollection().modify((row) => {
          const event = eventOfRow(row);
          if (!isLogEntry(event)) row.headOf = row.incidentId;
        });
      });
    // v6: streams the server says this console may no longer read (restricted incidents; db/restricted.ts).
    this.version(6).stores({ restricted: 'id, hiddenAt' });
    // v7 (v6 is taken by restricted incidents' table, issue #24): a local write no longer reads or writes meta or the
    // summaries. The outbox is indexed by its events' stamps (the newest is where a tab's clock resumes: meta.ts
    // localWriter), and the summaries carry a watermark (summaries.ts), set here to every row stored so far: the
    // summaries were kept exact in each write's transaction until now.
    this.version(7)
      .stores({ outbox: '++seq, &eventId, event.hlc' })
      .upgrade(async (tx) => {
        const last = await tx.table<EventRow, number>('events').orderBy(':id').lastKey();
        await tx.table<MetaRow, string>('meta').put({ key: SUMMARIES_UP_TO, value: typeof last === 'number' ? last : 0 });
      });
    // v8 (issue #27 item 3): the outbox moves into the event rows (outbox.ts): a row still to push carries `out`, in the
    // sparse [out+seq] index, so a local write adds one row to one store. Each outbox row's event row is marked here
    // (added from the outbox's copy, should it be missing); the mark starts at 0, so every marked row is unsent. The
    // unused [incidentId+hlc] index goes. v9 then deletes the old table (after v8 read it, in the same upgrade).
    this.version(8)
      .stores({ events: '++seq, &id, incidentId, [incidentId+seq], headOf, [out+seq]' })
      .upgrade(async (tx) => {
        const queued = await tx.table<LegacyOutboxRow, number>('outbox').orderBy(':id').toArray();
        if (queued.length === 0) return;
        const events = tx.table<EventRow, number>('events');
        const stored = new Map((await events.where('id').anyOf(queued.map((q) => q.eventId)).toArray()).map((row) => [row.id, row]));
        const marked = queued.filter((q) => stored.has(q.eventId)).map((q) => queuedRow(stored.get(q.eventId) as EventRow));
        const missing = queued.filter((q) => !stored.has(q.eventId)).map((q) => queuedRow(rowOfEvent(q.event)));
        await events.bulkPut(marked);
        if (missing.length) await events.bulkAdd(missing);
        await tx.table<MetaRow, string>('meta').put({ key: OUTBOX_MARK, value: { through: 0 } });
      });
    this.version(9).stores({ outbox: null });
    this.on('ready', (db) => dropLegacyScripts(db as IncidentDb, legacyScriptsDb));
  }
}

/**
 * Deletes the pre-v4 scripts database once its rows are in drillScripts. The v4 upgrade copied them; a row it could
 * not have seen (the old database outlived a fresh v4 one) is copied first, never over a script saved since.
 */
async function dropLegacyScripts(db: IncidentDb, name: string): Promise<void> {
  try {
    if (!(await Dexie.exists(name))) return;
    const rows = await readLegacyScripts(name);
    const have = new Set(await db.drillScripts.toCollection().primaryKeys());
    const missing = rows.filter((row) => !have.has(row.id));
    if (missing.length) await db.drillScripts.bulkAdd(missing);
    await Dexie.delete(name);
  } catch (error) {
    console.warn('the old drill-scripts database stays until the next start: moving it failed', error);
  }
}
