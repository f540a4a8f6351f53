// Test support for command tests (imported only by *.test.ts): an empty app database and an incident's folded state.
import { fold } from '@shared/incident/fold';
import type { IncidentState } from '@shared/incident/state';
import { db } from './instance';
import { eventOfRow } from './types';
import { forgetFolding, summariesSettled } from './summaries';
import { forgetLocalWriter } from './meta';

/** Empty every table of the app's database (fake-indexeddb in tests), and what the app keeps in memory about it. */
export async function resetDb(): Promise<void> {
  await summariesSettled(db);
  await Promise.all(db.tables.map((t) => t.clear()));
  forgetFolding(db);
  forgetLocalWriter(db);
}

export async function stateOf(incidentId: string): Promise<IncidentState> {
  const rows = await db.events.where('incidentId').equals(incidentId).toArray();
  return fold(incidentId, rows.map(eventOfRow));
}

export { db };
