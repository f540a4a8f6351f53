// Timeline commands: log an entry (optionally back-dated), amend or retract one, star one. Each validates, then
// writes in one call; the original entry always stays on record.
import type { EntryKind } from '@shared/incident/events';
import { CommandRefused } from '../../core/command-failure';
import { recordEvents } from '../../db/commands';

/** `id`: made before the write when the entry is shown while it is being saved (the stored event keeps it). */
export interface NewEntry { kind: EntryKind; text: string; url?: string; occurredAt?: number; id?: string }

export async function addEntry(incidentId: string, entry: NewEntry): Promise<void> {
  await recordEvents([{
    incidentId, type: 'entry.added', occurredAt: entry.occurredAt, id: entry.id,
    payload: { kind: entry.kind, text: entry.text, ...(entry.url ? { url: entry.url } : {}) },
  }]);
}

export async function amendEntry(incidentId: string, entryId: string, text: string): Promise<void> {
  if (!text.trim()) throw new CommandRefused('The amended text must not be empty.');
  await recordEvents([{ incidentId, type: 'entry.amended', payload: { entryId, text: text.trim() } }]);
}

export async function retractEntry(incidentId: string, entryId: string, reason: string): Promise<void> {
  if (!reason.trim()) throw new CommandRefused('Give a reason for the retraction.');
  await recordEvents([{ incidentId, type: 'entry.retracted', payload: { entryId, reason: reason.trim() } }]);
}

export async function starEntry(incidentId: string, entryId: string, starred: boolean): Promise<void> {
  await recordEvents([{ incidentId, type: 'entry.starred', payload: { entryId, starred } }]);
}
