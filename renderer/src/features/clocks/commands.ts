// Clock commands: snooze a clock for a while with a reason. (Acknowledging is the responder's own act: roles/commands.ts.)
import { CommandRefused } from '../../core/command-failure';
import { recordEvents } from '../../db/commands';

export async function snoozeClock(incidentId: string, clockId: string, forMs: number, reason: string, now = Date.now()): Promise<void> {
  if (!reason.trim()) throw new CommandRefused('A reason is required to snooze a clock.');
  await recordEvents([{ incidentId, type: 'clock.snoozed', payload: { clockId, until: new Date(now + forMs).toISOString(), reason: reason.trim() } }]);
}
