// The server's view of planned maintenance: the maintenance stream's stored events folded with the console's own
// foldMaintenance (never a second model). The status page and alert intake read windows only through this.
import type { Kysely } from 'kysely';
import { foldMaintenance, type MaintenanceWindow } from '@shared/maintenance/windows';
import { MAINTENANCE_STREAM_ID } from '@shared/workspace/streams';
import type { Database } from '../db/schema';
import { incidentEvents } from '../deliveries/incident';

export async function loadMaintenance(db: Kysely<Database>, workspaceId: string): Promise<MaintenanceWindow[]> {
  return foldMaintenance(await incidentEvents(db, workspaceId, MAINTENANCE_STREAM_ID));
}
