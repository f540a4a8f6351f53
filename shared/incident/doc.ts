// The mergeable core of an incident: the set of its events plus last-writer-wins registers keyed by field.
// Applying events in any order, with duplicates, yields the same doc; two docs merge into the doc of the union.
import type { IncidentEvent } from './events';
import type { Visibility } from './events-access';
import { personPrincipal, devicePrincipal } from '../access/principal';
import { REG, set, type ActionFields, type BreachFields, type RegisterFamily, type RegisterKey, type RegisterWrite } from './registers';

export interface Register {
  value: unknown;
  /** `${hlc}|${eventId}`: the total order that decides which concurrent write wins. */
  stamp: string;
}

export interface IncidentDoc {
  incidentId: string;
  events: Map<string, IncidentEvent>;
  registers: Map<string, Register>;
}

export function emptyDoc(incidentId: string): IncidentDoc {
  return { incidentId, events: new Map(), registers: new Map() };
}

function stampOf(event: IncidentEvent): string {
  return `${event.hlc}|${event.id}`;
}

/** The register writes an event makes. Events not listed only join the event set (timeline, history). */
function writesOf(event: IncidentEvent): RegisterWrite[] {
  const at = event.occurredAt;
  const by = event.actor.name;
  switch (event.type) {
    case 'incident.opened': {
      const p = event.payload;
      const out: RegisterWrite[] = [
        set(REG.title, p.title), set(REG.detectedAt, p.detectedAt), set(REG.impactStartedAt, p.impactStartedAt),
        set(REG.detectionSource, p.detectionSource), set(REG.drill, p.drill), set(REG.opened, { at, by: event.actor }),
      ];
      if (p.planId) out.push(set(REG.planId, p.planId));
      if (p.severity) out.push(set(REG.severity, p.severity));
      if (p.category) out.push(set(REG.category, p.category));
      if (p.scope !== undefined) out.push(set(REG.scope, p.scope));
      if (p.impact !== undefined) out.push(set(REG.impact, p.impact));
      if (p.visibility) out.push(...visibilityWrites(event, p.visibility, ''));
      return out;
    }
    case 'incident.classified': {
      const p = event.payload;
      const out: RegisterWrite[] = [];
      if (p.severity) out.push(set(REG.severity, p.severity));
      if (p.category) out.push(set(REG.category, p.category));
      if (p.scope !== undefined) out.push(set(REG.scope, p.scope));
      if (p.impact !== undefined) out.push(set(REG.impact, p.impact));
      if (p.impactStartedAt !== undefined) out.push(set(REG.impactStartedAt, p.impactStartedAt));
      return out;
    }
    case 'severity.changed':
      return [set(REG.severity, event.payload.to)];
    case 'status.changed':
      return [set(REG.status, { status: event.payload.to, at })];
    case 'entry.amended':
      return [set(REG.entryText(event.payload.entryId), { text: event.payload.text, at, by })];
    case 'entry.retracted':
      return [set(REG.entryRetracted(event.payload.entryId), { reason: event.payload.reason, at, by })];
    case 'entry.starred':
      return [set(REG.entryStarred(event.payload.entryId), event.payload.starred)];
    case 'step.checked':
    case 'step.unchecked':
      return [set(REG.check.key(`${event.payload.stepId}:${event.payload.itemId}`), { checked: event.type === 'step.checked', at, by })];
    case 'role.assigned':
      return [set(REG.role.key(event.payload.roleId), { person: event.payload.person, contactId: event.payload.contactId, at, by })];
    case 'role.relieved':
      return [set(REG.role.key(event.payload.roleId), null)];
    case 'scenario.attached':
      return [set(REG.scenario.key(event.payload.scenarioId), true)];
    case 'scenario.detached':
      return [set(REG.scenario.key(event.payload.scenarioId), false)];
    case 'clock.snoozed':
      return [set(REG.snooze.key(event.payload.clockId), { until: event.payload.until, reason: event.payload.reason, by, at })];
    case 'action.created': {
      const p = event.payload;
      const field = <F extends keyof ActionFields>(f: F) => REG.action(p.actionId, f);
      return [set(field('created'), { at, by }), set(field('title'), p.title), set(field('owner'), p.owner),
        set(field('deadline'), p.deadline ?? null), set(field('status'), 'open')];
    }
    case 'action.updated': {
      const p = event.payload;
      const field = <F extends keyof ActionFields>(f: F) => REG.action(p.actionId, f);
      const out: RegisterWrite[] = [set(field('touched'), at)];
      if (p.title !== undefined) out.push(set(field('title'), p.title));
      if (p.owner !== undefined) out.push(set(field('owner'), p.owner));
      if (p.deadline !== undefined) out.push(set(field('deadline'), p.deadline));
      if (p.status !== undefined) out.push(set(field('status'), p.status));
      if (p.followedUp) out.push(set(field('followedUp'), at));
      return out;
    }
    case 'pir.edited':
      return [set(REG.pir.key(event.payload.field), event.payload.value)];
    case 'visibility.changed':
      return visibilityWrites(event, event.payload.to, event.payload.reason);
    case 'participant.invited':
      return [set(REG.participant.key(personPrincipal(event.payload.person)), { invited: true, person: event.payload.person, at, by })];
    case 'participant.removed': {
      const p = event.payload;
      const principal = p.deviceId ? devicePrincipal(p.deviceId) : personPrincipal(p.person);
      return [set(REG.participant.key(principal), { invited: false, person: p.person, ...(p.deviceId ? { deviceId: p.deviceId } : {}), at, by })];
    }
    case 'breach.recorded': {
      const out: RegisterWrite[] = [set(REG.breachRecorded, true)];
      const p = event.payload;
      const each = <F extends keyof BreachFields>(f: F) => { const v = p[f]; if (v !== undefined) out.push(set(REG.breach(f), v as BreachFields[F])); };
      for (const f of Object.keys(p) as (keyof BreachFields)[]) each(f);
      return out;
    }
    default:
      return [];
  }
}

/** Restricting makes the console that does it a participant (it would otherwise lock itself out). */
function visibilityWrites(event: IncidentEvent, visibility: Visibility, reason: string): RegisterWrite[] {
  const at = event.occurredAt;
  const by = event.actor.name;
  const out: RegisterWrite[] = [set(REG.visibility, { visibility, reason, at, by })];
  if (visibility === 'restricted') {
    out.push(set(REG.participant.key(devicePrincipal(event.actor.deviceId)), { invited: true, person: by, deviceId: event.actor.deviceId, at, by }));
  }
  return out;
}

function write(doc: IncidentDoc, key: string, value: unknown, stamp: string): void {
  const current = doc.registers.get(key);
  if (!current || current.stamp < stamp) doc.registers.set(key, { value, stamp });
}

/** Add one event (idempotent). Returns false when it was already there or belongs to another incident. */
export function applyEvent(doc: IncidentDoc, event: IncidentEvent): boolean {
  if (event.incidentId !== doc.incidentId || doc.events.has(event.id)) return false;
  doc.events.set(event.id, event);
  const stamp = stampOf(event);
  for (const [key, value] of writesOf(event)) write(doc, key, value, stamp);
  return true;
}

export function docFromEvents(incidentId: string, events: Iterable<IncidentEvent>): IncidentDoc {
  const doc = emptyDoc(incidentId);
  for (const event of events) applyEvent(doc, event);
  return doc;
}

/** The doc of the union of two docs' events, computed from the docs alone (a state-based merge). */
export function mergeDocs(a: IncidentDoc, b: IncidentDoc): IncidentDoc {
  if (a.incidentId !== b.incidentId) throw new Error('cannot merge documents of different incidents');
  const out = emptyDoc(a.incidentId);
  for (const source of [a, b]) {
    for (const [id, event] of source.events) out.events.set(id, event);
    for (const [key, register] of source.registers) write(out, key, register.value, register.stamp);
  }
  return out;
}

/** The winning value of a register, typed by its key. */
export function readRegister<T>(doc: IncidentDoc, key: RegisterKey<T>): T | undefined {
  return doc.registers.get(key)?.value as T | undefined;
}

/** Every register of a family as [id, value], sorted by id. */
export function readFamily<T>(doc: IncidentDoc, family: RegisterFamily<T>): Array<[string, T]> {
  const out: Array<[string, T]> = [];
  const { prefix } = family;
  for (const [key, register] of doc.registers) if (key.startsWith(prefix)) out.push([key.slice(prefix.length), register.value as T]);
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
