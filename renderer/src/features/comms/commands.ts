// Comms commands: post a status update to an audience through a channel.
import type { EventOf } from '@shared/incident/events';
import { CommandRefused } from '../../core/command-failure';
import { recordEvents } from '../../db/commands';

export async function postUpdate(incidentId: string, update: { audience: string; channel: string; text: string }): Promise<EventOf<'update.posted'>> {
  if (!update.text.trim()) throw new CommandRefused('The update is empty.');
  const [event] = await recordEvents([{ incidentId, type: 'update.posted', payload: update }]);
  return event as EventOf<'update.posted'>;
}
