// Making new events on this device: id, clock stamp, actor and times filled in, payload validated.
import { v7 as uuidv7 } from 'uuid';
import { encodeHlc, type HybridClock } from '../hlc/hlc';
import { MAX_DRIFT_MS } from '../hlc/hlc';
import { authorshipProblem } from './authorship';
import { parseEvent, payloadSchemas, type Actor, type EventOf, type EventType, type PayloadInput } from './events';

export function newId(): string {
  return uuidv7();
}

export interface EventContext {
  clock: HybridClock;
  actor: Actor;
  /** Wall clock for recordedAt; injectable for tests. */
  now?: () => number;
}

export interface NewEventOptions {
  /** Back-dating: when it happened, if not now. */
  occurredAt?: number | string;
  id?: string;
}

export function createEvent<T extends EventType>(
  ctx: EventContext,
  incidentId: string,
  type: T,
  payload: PayloadInput<T>,
  options: NewEventOptions = {},
): EventOf<T> {
  const parsed = payloadSchemas[type].parse(payload) as EventOf<T>['payload'];
  const recorded = (ctx.now ?? Date.now)();
  const occurred = options.occurredAt === undefined ? recorded : typeof options.occurredAt === 'number' ? options.occurredAt : Date.parse(options.occurredAt);
  if (Number.isNaN(occurred)) throw new Error('occurredAt: not a valid time');
  if (occurred - recorded > MAX_DRIFT_MS) throw new Error('occurredAt: cannot be in the future');
  const event = {
    id: options.id ?? newId(),
    incidentId,
    type,
    hlc: encodeHlc(ctx.clock.now()),
    actor: ctx.actor,
    recordedAt: new Date(recorded).toISOString(),
    occurredAt: new Date(occurred).toISOString(),
    payload: parsed,
  };
  // The whole event must pass the same check every receiver applies, or it would be refused by the server
  // and sit in the outbox forever (a NUL character, a year past 9999, ...).
  const checked = parseEvent(event);
  if (!checked.ok) throw new Error(checked.error);
  // An act in a person's own name (accepting command, acknowledging) is written only by that person.
  const problem = authorshipProblem(checked.event);
  if (problem) throw new AuthorshipError(problem.message);
  return event;
}

/** An event that names someone other than its author as the one acting (shared/incident/authorship.ts). */
export class AuthorshipError extends Error {
  override readonly name: string = 'AuthorshipError';
}
