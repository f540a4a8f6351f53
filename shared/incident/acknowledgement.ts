// When an incident counts as acknowledged: the plan's response target and MTTA run until then (issue #23).
// The rule is versioned and recorded on incident.opened, so an incident keeps the meaning it was declared under:
//  - rule 1 (incidents declared before the change, no `acknowledgementRule`): the first incident.acknowledged event
//    or the first role assignment, whoever made it (the commander assigning themselves included);
//  - rule 2 (ACK_RULE): the first acknowledgement by a responder: a person paged for a role or assigned one by
//    someone else, acknowledging themselves, through the page's link (recorded by the server, naming them) or
//    with Acknowledge on their own console. Assigning a role is never an acknowledgement.
import { isServerIdentity } from '../sync/server-actor';
import { personKey, samePerson } from './authorship';
import type { IncidentEvent } from './events';
import type { TimelineEntry } from './state';

/** The rule new incidents are declared under (incident.opened's `acknowledgementRule`). */
export const ACK_RULE = 2 as const;
export type AckRule = 1 | 2;

export const ACK_RULE_TEXT: Record<AckRule, string> = {
  1: 'the first acknowledgement or role assignment by anyone (the rule before acknowledgements were bound to responders)',
  2: 'a paged or assigned responder acknowledged, through the page link or on their own console',
};

export interface Acknowledgement {
  at: number;
  /** Who acknowledged (rule 2 always; rule 1: the author, or the person assigned). */
  person: string;
  roleId: string | null;
  via: 'page-link' | 'console' | 'role-assignment';
  eventId: string;
}

/** Someone the incident asked to respond: paged for a role, or assigned one by another person. */
export interface Responder {
  person: string;
  roleId: string;
  /** The page's id, when paged. */
  pageId: string | null;
  at: number;
  by: string;
  /** When this person acknowledged (for this page or role), or null. */
  acknowledgedAt: number | null;
  /** The acknowledgement event that answered it. */
  answeredBy: string | null;
}

type Timed = { at: number; event: IncidentEvent };

/** Rule 1, or 2 from `acknowledgementRule` on incident.opened (a later rule from a newer console: the latest known here). */
export function ackRuleOf(opened: IncidentEvent | undefined): AckRule {
  return opened?.type === 'incident.opened' && (opened.payload.acknowledgementRule ?? 1) >= 2 ? 2 : 1;
}

function ackPerson(event: Extract<IncidentEvent, { type: 'incident.acknowledged' }>): string {
  return event.payload.person ?? event.actor.name;
}

/** Whether an acknowledgement counts under rule 2: the server's from a page link, or a console's by the person it names. */
function responderAck(event: Extract<IncidentEvent, { type: 'incident.acknowledged' }>): boolean {
  if (isServerIdentity(event.actor.deviceId)) return event.payload.pageId !== undefined && event.payload.person !== undefined;
  return event.payload.person !== undefined && samePerson(event.payload.person, event.actor.name);
}

/** Everyone asked to respond, in time order, with whether they acknowledged since. Events in occurrence order. */
export function respondersIn(events: readonly Timed[]): Responder[] {
  const out: Responder[] = [];
  for (const { at, event } of events) {
    if (event.type === 'page.requested' && event.payload.person) {
      out.push({ person: event.payload.person, roleId: event.payload.roleId, pageId: event.id, at, by: event.actor.name, acknowledgedAt: null, answeredBy: null });
    } else if (event.type === 'role.assigned' && !isServerIdentity(event.actor.deviceId) && !samePerson(event.payload.person, event.actor.name)) {
      // Assigned by another person (the server assigns only on a page link's acknowledgement: not a new request).
      out.push({ person: event.payload.person, roleId: event.payload.roleId, pageId: null, at, by: event.actor.name, acknowledgedAt: null, answeredBy: null });
    }
  }
  for (const { at, event } of events) {
    if (event.type !== 'incident.acknowledged' || !responderAck(event)) continue;
    const who = personKey(ackPerson(event));
    const { pageId, roleId } = event.payload;
    for (const r of out) {
      if (personKey(r.person) !== who || r.acknowledgedAt !== null || at < r.at) continue;
      // An acknowledgement of a page answers that page (and an assignment to its role); one naming only a role answers
      // every request for that role; one naming neither answers every request.
      const answers = pageId !== undefined
        ? pageId === r.pageId || (r.pageId === null && roleId === r.roleId)
        : roleId === undefined || roleId === r.roleId;
      if (answers) {
        r.acknowledgedAt = at;
        r.answeredBy = event.id;
      }
    }
  }
  return out;
}

/** The acknowledgement that ends the response clock under `rule`, or null. Events in occurrence order. */
export function acknowledgementIn(events: readonly Timed[], rule: AckRule): Acknowledgement | null {
  if (rule === 1) {
    for (const { at, event } of events) {
      if (event.type === 'incident.acknowledged') {
        return { at, person: ackPerson(event), roleId: event.payload.roleId ?? null, via: event.payload.pageId && isServerIdentity(event.actor.deviceId) ? 'page-link' : 'console', eventId: event.id };
      }
      if (event.type === 'role.assigned') return { at, person: event.payload.person, roleId: event.payload.roleId, via: 'role-assignment', eventId: event.id };
    }
    return null;
  }
  // A console's acknowledgement counts when it answered a page or assignment made before it (respondersIn).
  const answering = new Set(respondersIn(events).map((r) => r.answeredBy).filter((id): id is string => id !== null));
  for (const { at, event } of events) {
    if (event.type !== 'incident.acknowledged' || !responderAck(event)) continue;
    const fromLink = isServerIdentity(event.actor.deviceId);
    if (!fromLink && !answering.has(event.id)) continue;
    return { at, person: ackPerson(event), roleId: event.payload.roleId ?? null, via: fromLink ? 'page-link' : 'console', eventId: event.id };
  }
  return null;
}

const cache = new WeakMap<readonly TimelineEntry[], Responder[]>();

/** The responders of an incident (from its system timeline, cached: logging an entry keeps that array). */
export function respondersOf(state: { systemTimeline: readonly TimelineEntry[] }): Responder[] {
  const hit = cache.get(state.systemTimeline);
  if (hit) return hit;
  const out = respondersIn(state.systemTimeline.map((e) => ({ at: e.occurredAt, event: e.event })));
  cache.set(state.systemTimeline, out);
  return out;
}

/** What `me` was asked to respond to and has not acknowledged: one per role (the latest page or assignment). */
export function awaitingMyAcknowledgement(state: { systemTimeline: readonly TimelineEntry[]; roles: Record<string, { person: string }> }, me: string): Responder[] {
  if (!me.trim()) return [];
  const byRole = new Map<string, Responder>();
  for (const r of respondersOf(state)) {
    if (!samePerson(r.person, me)) continue;
    // An assignment counts while I still hold the role; a page until I acknowledge it.
    if (r.pageId === null && !samePerson(state.roles[r.roleId]?.person ?? '', me)) continue;
    byRole.set(r.roleId, r);
  }
  return [...byRole.values()].filter((r) => r.acknowledgedAt === null);
}
