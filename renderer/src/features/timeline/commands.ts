// Timeline commands: log an entry (optionally back-dated). Each validates, then writes in one call.
import type { EntryKind } from '@shared/incident/events';
import { recordEvents } from '../../db/commands';

export interface NewEntry { kind: EntryKind; text: string; url?: string; occurredAt?: number }

export async function addEntry(incidentId: string, entry: NewEntry): Promise<void> {
  await recordEvents([{
    incidentId, type: 'entry.added', occurredAt: entry.occurredAt,
    payload: { kind: entry.kind, text: entry.text, ...(entry.url ? { url: entry.url } : {}) },
  }]);
}
