// Who sees an incident: restrict it to the people working it or open it to the workspace (each with a reason), invite
// a person, remove one. Each is one event; the server enforces it (docs/server.md, Restricted incidents).
import { openRefusal } from '@shared/access/who-opens';
import { samePerson } from '@shared/incident/authorship';
import type { ParticipantLine } from '@shared/access/participants';
import type { IncidentState } from '@shared/incident/state';
import { CommandRefused } from '../../core/command-failure';
import { recordEvents } from '../../db/commands';

export async function restrictIncident(state: IncidentState, reason: string): Promise<void> {
  if (state.visibility.restricted) throw new CommandRefused('This incident is already restricted.');
  await recordEvents([{ incidentId: state.id, type: 'visibility.changed', payload: { to: 'restricted', reason: reason.trim() } }]);
}

export async function openToWorkspace(state: IncidentState, reason: string, me: string, officers: readonly string[]): Promise<void> {
  if (!state.visibility.restricted) throw new CommandRefused('This incident is already open to the workspace.');
  const refused = openRefusal(state, officers, me);
  if (refused) throw new CommandRefused(`Not opened: ${refused}.`);
  if (!reason.trim()) throw new CommandRefused('Say why it can be opened to everyone: the timeline keeps the reason.');
  await recordEvents([{ incidentId: state.id, type: 'visibility.changed', payload: { to: 'open', reason: reason.trim() } }]);
}

export async function inviteParticipant(state: IncidentState, person: string, lines: readonly ParticipantLine[]): Promise<void> {
  const name = person.trim();
  if (!name) throw new CommandRefused('Name the person to invite, as their console joined the server.');
  const line = lines.find((l) => samePerson(l.name, name));
  if (line?.why.includes('invited') || line?.why.includes('security-officer') || line?.why.includes('role')) {
    throw new CommandRefused(`${line.name} already sees this incident.`);
  }
  await recordEvents([{ incidentId: state.id, type: 'participant.invited', payload: { person: name } }]);
}

/** Removes every invitation of that person (by name and by console); a role holder is relieved in Roles instead. */
export async function removeParticipant(state: IncidentState, line: ParticipantLine, reason: string): Promise<void> {
  if (line.invitations.length === 0) {
    throw new CommandRefused(line.why.includes('role')
      ? `${line.name} holds a role: relieve them in Roles to remove them.`
      : `${line.name} is a security officer of the plan and sees every restricted incident.`);
  }
  await recordEvents(line.invitations.map((i) => ({
    incidentId: state.id, type: 'participant.removed' as const,
    payload: { person: i.person, ...(i.deviceId ? { deviceId: i.deviceId } : {}), reason: reason.trim() },
  })));
}
