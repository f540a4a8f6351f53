// Comms commands: post a status update to an audience through a channel, and (when asked) have the server
// send it: update.posted and its delivery.requested are one action, so both land or neither does.
import { newId } from '@shared/incident/create';
import type { EventOf } from '@shared/incident/events';
import type { DeliveryTarget, StatusPageFields } from '@shared/incident/events-delivery';
import { CommandRefused } from '../../core/command-failure';
import { recordEvents } from '../../db/commands';
import type { EventDraft } from '../../db/write';

export interface SendRequest { targets: DeliveryTarget[]; statusPage?: StatusPageFields; publicTitle?: string }

export async function postUpdate(incidentId: string, update: { audience: string; channel: string; text: string }, send: SendRequest | null = null): Promise<EventOf<'update.posted'>> {
  if (!update.text.trim()) throw new CommandRefused('The update is empty.');
  const updateId = newId();
  const drafts: EventDraft[] = [{ incidentId, type: 'update.posted', id: updateId, payload: update }];
  if (send && send.targets.length > 0) {
    drafts.push({ incidentId, type: 'delivery.requested', payload: {
      updateId, targets: send.targets, ...(send.statusPage ? { statusPage: send.statusPage } : {}), ...(send.publicTitle ? { publicTitle: send.publicTitle } : {}),
    } });
  }
  const [event] = await recordEvents(drafts);
  return event as EventOf<'update.posted'>;
}
