// Command handover commands: the outgoing commander offers (with the briefing) from their own console; the incoming
// commander accepts on theirs, which also passes the Incident Commander role (both events in one write). Nobody
// offers or accepts in someone else's name (shared/incident/authorship.ts; the server refuses it too).
import { COMMANDER_ROLE_ID } from '@shared/plan/commander';
import { samePerson } from '@shared/incident/authorship';
import { newId } from '@shared/incident/create';
import type { Handover } from '@shared/warroom/handover';
import { CommandRefused } from '../../core/command-failure';
import { recordEvents } from '../../db/commands';

/** `me`: this console's person; `commander`: who holds the Incident Commander role now ('' when nobody does). */
export async function offerHandover(incidentId: string, me: string, commander: string, to: string, briefing: string): Promise<void> {
  if (commander && !samePerson(commander, me)) {
    throw new CommandRefused(`Only the incident commander, ${commander}, hands over command, from their own console.`);
  }
  if (!to.trim()) throw new CommandRefused('Name the incoming incident commander.');
  if (samePerson(to, me)) throw new CommandRefused('Name the person taking over: you are handing command over.');
  if (!briefing.trim()) throw new CommandRefused('The briefing is empty: the incoming commander needs it.');
  await recordEvents([{ incidentId, type: 'command.handover-offered', payload: { handoverId: newId(), from: me, to: to.trim(), briefing } }]);
}

/** Accept on the incoming commander's own console: `me` must be the person the handover names. */
export async function acceptHandover(incidentId: string, handover: Pick<Handover, 'id' | 'to'>, me: string): Promise<void> {
  if (!samePerson(handover.to, me)) {
    throw new CommandRefused(`This handover is for ${handover.to}: they accept it on their own console, after reading the briefing.`);
  }
  await recordEvents([
    { incidentId, type: 'command.handover-accepted', payload: { handoverId: handover.id, to: me } },
    { incidentId, type: 'role.assigned', payload: { roleId: COMMANDER_ROLE_ID, person: me } },
  ]);
}
