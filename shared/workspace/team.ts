// The team fold: the team stream's events (any order, duplicates) to the published plan, its version list
// and the contact sheet. Pure and deterministic: the console and the server both use exactly this.
import type { ContactField, ContactFields } from '../incident/events-team';
import { CONTACT_FIELDS } from '../incident/events-team';
import type { Actor, EventOf, IncidentEvent } from '../incident/events';
import { defaultPlan } from '../plan/default-plan';
import type { Plan } from '../plan/schema';
import { currentRoleIds, renameSteps } from './role-renames';
import { TEAM_STREAM_ID } from './streams';

export interface Contact extends ContactFields {
  id: string;
}

/** One publication of the plan. Numbered 1, 2, ... in clock order (`hlc|id`) of the plan.published events. */
export interface PlanVersion {
  version: number;
  /** The plan.published event's id: what incidents pin (numbers can shift, see below; ids never do). */
  publishedId: string;
  plan: Plan;
  publishedBy: Actor;
  publishedAt: string;
  note: string;
  stamp: string;
}

/** One value a contact's field has had, with who wrote it and when (every write is kept). */
export interface FieldVersion {
  value: unknown;
  at: string;
  by: string;
  eventId: string;
  stamp: string;
}

export interface TeamState {
  /** The current plan: the latest publication, or the built-in default plan when none was published. */
  plan: Plan;
  /** 0 = the built-in plan. */
  planVersion: number;
  publishedId: string | null;
  publishedBy: Actor | null;
  publishedAt: string | null;
  /** Every publication, oldest first. */
  versions: PlanVersion[];
  /** Contacts not removed, by name (then id). */
  contacts: Contact[];
  /** Per contact, per field: every value written, oldest first (the last is the current one). */
  contactHistory: Record<string, Partial<Record<ContactField, FieldVersion[]>>>;
}

export const BUILT_IN_VERSION = 0;

const stampOf = (e: IncidentEvent) => `${e.hlc}|${e.id}`;
const byStamp = <T extends { stamp: string }>(a: T, b: T) => (a.stamp < b.stamp ? -1 : a.stamp > b.stamp ? 1 : 0);

/**
 * Fold the team stream. Version numbers follow the clock order of publications, so every replica numbers
 * them alike once it holds the same events; a publication made offline with an older clock that arrives
 * later slots in before newer ones (their numbers move up by one) but never becomes the current plan over
 * a later one. Incidents pin the publication's id, so a renumbering never changes the plan they run on.
 */
export function foldTeam(events: Iterable<IncidentEvent>): TeamState {
  const seen = new Set<string>();
  const published: Array<EventOf<'plan.published'>> = [];
  const contactEvents: IncidentEvent[] = [];
  for (const e of events) {
    if (e.incidentId !== TEAM_STREAM_ID || seen.has(e.id)) continue;
    seen.add(e.id);
    if (e.type === 'plan.published') published.push(e);
    else if (e.type === 'contact.added' || e.type === 'contact.updated' || e.type === 'contact.removed') contactEvents.push(e);
  }

  const versions: PlanVersion[] = published
    .map((e) => ({ publishedId: e.id, plan: e.payload.plan, publishedBy: e.actor, publishedAt: e.occurredAt, note: e.payload.note, stamp: stampOf(e) }))
    .sort(byStamp)
    .map((v, i) => ({ ...v, version: i + 1 }));
  const current = versions[versions.length - 1];

  const { contacts: saved, contactHistory } = foldContacts(contactEvents);
  // Contacts follow a role the current plan holds under another id than the one they were saved under (role-renames.ts).
  const plans = [defaultPlan, ...versions.map((v) => v.plan)];
  const steps = renameSteps(plans);
  const contacts = steps.some((s) => s.size > 0) ? saved.map((c) => ({ ...c, roleIds: currentRoleIds(c.roleIds, plans, steps) })) : saved;
  return {
    plan: current?.plan ?? defaultPlan,
    planVersion: current?.version ?? BUILT_IN_VERSION,
    publishedId: current?.publishedId ?? null,
    publishedBy: current?.publishedBy ?? null,
    publishedAt: current?.publishedAt ?? null,
    versions,
    contacts,
    contactHistory,
  };
}

/** Each contact field, and whether the contact exists, is a last-writer-wins register on `hlc|id`. */
function foldContacts(events: IncidentEvent[]): Pick<TeamState, 'contacts' | 'contactHistory'> {
  const history: Record<string, Partial<Record<ContactField, FieldVersion[]>>> = {};
  const alive = new Map<string, { value: boolean; stamp: string }>();
  const setAlive = (id: string, value: boolean, stamp: string) => {
    const cur = alive.get(id);
    if (!cur || cur.stamp < stamp) alive.set(id, { value, stamp });
  };
  const record = (id: string, fields: Partial<ContactFields>, e: IncidentEvent) => {
    const perField = (history[id] ??= {});
    for (const field of CONTACT_FIELDS) {
      const value = fields[field];
      if (value === undefined) continue;
      (perField[field] ??= []).push({ value, at: e.occurredAt, by: e.actor.name, eventId: e.id, stamp: stampOf(e) });
    }
  };
  for (const e of events) {
    if (e.type === 'contact.added') {
      const { contactId, ...fields } = e.payload;
      record(contactId, fields, e);
      setAlive(contactId, true, stampOf(e));
    } else if (e.type === 'contact.updated') {
      record(e.payload.contactId, e.payload.changes, e);
    } else if (e.type === 'contact.removed') {
      setAlive(e.payload.contactId, false, stampOf(e));
    }
  }
  const contacts: Contact[] = [];
  for (const [id, perField] of Object.entries(history)) {
    for (const list of Object.values(perField)) list.sort(byStamp);
    if (!alive.get(id)?.value) continue; // removed, or updates that arrived before the contact's creation
    const latest = <K extends ContactField>(field: K, fallback: ContactFields[K]): ContactFields[K] => {
      const list = perField[field];
      return list && list.length ? (list[list.length - 1]?.value as ContactFields[K]) : fallback;
    };
    contacts.push({ id, name: latest('name', ''), roleIds: latest('roleIds', []), phone: latest('phone', ''), email: latest('email', ''), notes: latest('notes', '') });
  }
  contacts.sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { contacts, contactHistory: history };
}

/** The publication an incident pinned, by id (undefined when this replica does not hold it yet). */
export function planVersionById(team: TeamState, publishedId: string): PlanVersion | undefined {
  return team.versions.find((v) => v.publishedId === publishedId);
}
