// Restricted incidents on this console (issue #24): what the server says it may no longer read is purged here, in one
// transaction (events and their outbox marks, snapshots, the summary, quarantined copies, and what is held in memory), leaving only a
// row saying that one exists; what it may read again is owed a whole read from the start (the sync engine does it).
import { isIncidentStream } from '@shared/workspace/streams';
import { forgetIncidentState } from './all-incidents';
import { purgeLiveIncident } from './live-incident';
import { META } from './meta';
import { forgetUnsentInTx } from './outbox';
import { forgetStreamsInFolding, summariesSettled } from './summaries';
import type { IncidentDb } from './schema';
import { activeIncidents } from './active-incidents';
import type { RestrictedRow } from './types';

const hiddenKey = (workspace: string) => `hidden:${workspace}`;
const owedKey = (workspace: string) => `owedStreams:${workspace}`;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Delete every local copy of these streams. Call inside a rw transaction over events, incidents, snapshots, meta, restricted. */
async function purgeInTx(db: IncidentDb, streams: readonly string[], now: number): Promise<void> {
  const set = new Set(streams);
  const unsentByStream = await forgetUnsentInTx(db, set);
  forgetStreamsInFolding(db, set); // their summaries are deleted below and must not be folded back from memory
  await db.events.where('incidentId').anyOf([...set]).delete();
  await db.snapshots.bulkDelete([...set]);
  await db.incidents.bulkDelete([...set]);
  const quarantine = await db.meta.get(META.quarantine);
  if (Array.isArray(quarantine?.value)) {
    const kept = quarantine.value.filter((raw: unknown) => !(raw && typeof raw === 'object' && set.has(String((raw as { incidentId?: unknown }).incidentId))));
    if (kept.length !== quarantine.value.length) await db.meta.put({ key: META.quarantine, value: kept });
  }
  const rows: RestrictedRow[] = streams.filter(isIncidentStream).map((id) => ({ id, hiddenAt: now, droppedUnsent: unsentByStream.get(id) ?? 0 }));
  await db.restricted.bulkPut(rows);
}

/**
 * The server's list of streams this console may not read now. Newly hidden: purged. No longer hidden: owed a read
 * from the start (their events were left out of pulls below the cursor) and their notice removed.
 */
export async function applyAccess(db: IncidentDb, workspace: string, hidden: readonly string[], now = Date.now()): Promise<void> {
  const purged = await db.transaction('rw', [db.events, db.incidents, db.snapshots, db.meta, db.restricted], async () => {
    const [was, owedRow] = await db.meta.bulkGet([hiddenKey(workspace), owedKey(workspace)]);
    const before = new Set(strings(was?.value));
    const now_ = new Set(hidden);
    const newlyHidden = [...now_].filter((id) => !before.has(id));
    const readable = [...before].filter((id) => !now_.has(id));
    if (newlyHidden.length === 0 && readable.length === 0) return [];
    if (newlyHidden.length) await purgeInTx(db, newlyHidden, now);
    const owed = new Set(strings(owedRow?.value).filter((id) => !now_.has(id)));
    for (const id of readable) owed.add(id);
    if (readable.length) await db.restricted.bulkDelete(readable);
    await db.meta.bulkPut([{ key: hiddenKey(workspace), value: [...now_].sort() }, { key: owedKey(workspace), value: [...owed] }]);
    return newlyHidden;
  });
  for (const id of purged) { purgeLiveIncident(db, id); forgetIncidentState(id); }
}

/**
 * Streams owed a whole read: those noted owed, and every incident this console joined without whose status is active
 * again (opened again since: it is read like the active ones at a join).
 */
export async function owedStreams(db: IncidentDb, workspace: string): Promise<string[]> {
  // Reopened ones are told by their summaries, folded first (a join's summary events may still wait for their fold);
  // only when this console holds incidents it has not read (settling in every round would slow a long catch-up).
  const notRead = () => db.incidents.filter((s) => s.unread !== undefined);
  const anyNotRead = (await notRead().first()) !== undefined;
  if (anyNotRead) await summariesSettled(db);
  const [row, reopened] = await Promise.all([
    db.meta.get(owedKey(workspace)),
    anyNotRead ? activeIncidents(db).filter((s) => s.unread !== undefined).primaryKeys() : [],
  ]);
  const owed = strings(row?.value);
  const have = new Set(owed);
  return [...owed, ...reopened.filter((id) => !have.has(id))];
}

/**
 * Streams to read whole from the start at the next sync round (the engine's owed reads): those a console that joined
 * without the history needs now, or an incident opened whose history it has not read (issue #27). Inside a rw
 * transaction over meta.
 */
export async function oweStreamsInTx(db: IncidentDb, workspace: string, streams: readonly string[]): Promise<void> {
  if (streams.length === 0) return;
  const owed = strings((await db.meta.get(owedKey(workspace)))?.value);
  const have = new Set(owed);
  await db.meta.put({ key: owedKey(workspace), value: [...owed, ...streams.filter((id) => !have.has(id) && have.add(id))] });
}

export async function oweStreams(db: IncidentDb, workspace: string, streams: readonly string[]): Promise<void> {
  await db.transaction('rw', db.meta, () => oweStreamsInTx(db, workspace, streams));
}

/** Read whole: no longer owed, and an incident's summary no longer says its history is on the server only. */
export async function streamRead(db: IncidentDb, workspace: string, streamId: string): Promise<void> {
  await db.transaction('rw', [db.meta, db.incidents], async () => {
    const owed = strings((await db.meta.get(owedKey(workspace)))?.value);
    await db.meta.put({ key: owedKey(workspace), value: owed.filter((id) => id !== streamId) });
    const summary = await db.incidents.get(streamId);
    if (summary?.unread !== undefined) {
      const { unread: _unread, ...read } = summary;
      await db.incidents.put(read);
    }
  });
}
