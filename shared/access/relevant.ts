// The events that decide who may see an incident: what the server folds to know it (besides the team stream, whose
// contacts and plan name the security officers). Everything else about an incident never changes who sees it.
import type { EventType, IncidentEvent } from '../incident/events';

export const ACCESS_EVENT_TYPES = [
  'incident.opened', 'visibility.changed', 'participant.invited', 'participant.removed',
  'role.assigned', 'role.relieved', 'plan.adopted', 'alert.attached',
  // Who commands a restricted incident decides who may open it (who-opens.ts): the incoming commander takes command by
  // accepting the handover offered to them.
  'command.handover-offered', 'command.handover-accepted',
] as const satisfies readonly EventType[];

const TYPES: ReadonlySet<string> = new Set(ACCESS_EVENT_TYPES);

export const isAccessEvent = (event: Pick<IncidentEvent, 'type'>): boolean => TYPES.has(event.type);
