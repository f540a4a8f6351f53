// Review commands: edit a review field (the review status is one), record the breach notification facts.
import type { PayloadInput } from '@shared/incident/events';
import { recordEvents } from '../../db/commands';

export async function editPirField(incidentId: string, field: string, value: string): Promise<void> {
  await recordEvents([{ incidentId, type: 'pir.edited', payload: { field, value } }]);
}

export async function recordBreach(incidentId: string, record: PayloadInput<'breach.recorded'>): Promise<void> {
  await recordEvents([{ incidentId, type: 'breach.recorded', payload: record }]);
}
