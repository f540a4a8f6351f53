// Outbound commands: ask the server to retry a delivery that gave up (posting and sending an update is
// comms/commands.ts: postUpdate).
import { recordEvents } from '../../db/commands';

export async function retryDelivery(incidentId: string, requestId: string, target: string): Promise<void> {
  await recordEvents([{ incidentId, type: 'delivery.retried', payload: { requestId, target } }]);
}
