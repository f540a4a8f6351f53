// Making new events on this device: id, clock stamp, actor and times filled in, payload validated.
import { v7 as uuidv7 } from 'uuid';
import { encodeHlc, type HybridClock } from '../hlc/hlc';
import { MAX_DRIFT_MS } from '../hlc/hlc';
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
  return event;
}
