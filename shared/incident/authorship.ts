// Acts bound to the person who did them (issue #23). Some events name a person as the one who acts: the
// incoming commander who accepts command, the responder who acknowledges, the outgoing commander who offers a
// handover. Such an event is valid only when that person is its author: nobody accepts command, acknowledges or
// hands over "as" someone else. The console checks it when it makes an event (createEvent) and the server when a
// device pushes one (routes/sync.ts, with the name the device joined under), so it is the same rule everywhere.
// Events already stored are not re-judged (older records keep the meaning they were recorded with).
import { isServerIdentity } from '../sync/server-actor';
import type { IncidentEvent } from './events';

/** Two spellings of one person's name: case, surrounding and repeated spaces do not count. */
export function personKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

export const samePerson = (a: string, b: string): boolean => personKey(a) === personKey(b);

export interface AuthorshipProblem {
  /** Where in the event (`payload.to`). */
  path: string;
  message: string;
  /** The person the event says acts. */
  person: string;
}

/**
 * The person an event says is acting, when it names one, with the payload path that names them. These are the
 * product's "acts in a person's own name" (docs/architecture.md, Acts bound to their author).
 */
export function actingPerson(event: IncidentEvent): { person: string; path: string; act: string } | null {
  switch (event.type) {
    case 'command.handover-accepted':
      return { person: event.payload.to, path: 'payload.to', act: 'a handover is accepted only by the incoming commander, on their own console' };
    case 'command.handover-offered':
      return { person: event.payload.from, path: 'payload.from', act: 'a handover is offered only by the outgoing commander, on their own console' };
    case 'incident.acknowledged':
      // The server records a page link's acknowledgement naming the person the link was sent to: the link proves it.
      if (isServerIdentity(event.actor.deviceId) || event.payload.person === undefined) return null;
      return { person: event.payload.person, path: 'payload.person', act: 'a responder acknowledges only for themselves, on their own console' };
    default:
      return null;
  }
}

/** Why the event may not be written by its actor (it names someone else as acting), or null when it may. */
export function authorshipProblem(event: IncidentEvent): AuthorshipProblem | null {
  const acting = actingPerson(event);
  if (!acting || samePerson(acting.person, event.actor.name)) return null;
  return {
    path: acting.path,
    person: acting.person,
    message: `${acting.act}: it names ${acting.person}, but ${event.actor.name} is writing it`,
  };
}
