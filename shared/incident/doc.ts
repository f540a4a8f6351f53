// The mergeable core of an incident: the set of its events plus last-writer-wins registers keyed by field.
// Applying events in any order, with duplicates, yields the same doc; two docs merge into the doc of the union.
import type { IncidentEvent } from './events';

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
function writesOf(event: IncidentEvent): Array<[string, unknown]> {
  const at = event.occurredAt;
  const by = event.actor.name;
  switch (event.type) {
    case 'incident.opened': {
      const p = event.payload;
      const out: Array<[string, unknown]> = [
        ['title', p.title], ['detectedAt', p.detectedAt], ['impactStartedAt', p.impactStartedAt],
        ['detectionSource', p.detectionSource], ['drill', p.drill], ['opened', { at, by: event.actor }],
      ];
      if (p.planId) out.push(['planId', p.planId]);
      if (p.severity) out.push(['severity', p.severity]);
      if (p.category) out.push(['category', p.category]);
      if (p.scope !== undefined) out.push(['scope', p.scope]);
      if (p.impact !== undefined) out.push(['impact', p.impact]);
      return out;
    }
    case 'incident.classified': {
      const p = event.payload;
      const out: Array<[string, unknown]> = [];
      if (p.severity) out.push(['severity', p.severity]);
      if (p.category) out.push(['category', p.category]);
      if (p.scope !== undefined) out.push(['scope', p.scope]);
      if (p.impact !== undefined) out.push(['impact', p.impact]);
      if (p.impactStartedAt !== undefined) out.push(['impactStartedAt', p.impactStartedAt]);
      return out;
    }
    case 'severity.changed':
      return [['severity', event.payload.to]];
    case 'status.changed':
      return [['status', { status: event.payload.to, at }]];
    case 'entry.amended':
      return [[`entry:${event.payload.entryId}:text`, { text: event.payload.text, at, by }]];
    case 'entry.retracted':
      return [[`entry:${event.payload.entryId}:retracted`, { reason: event.payload.reason, at, by }]];
    case 'entry.starred':
      return [[`entry:${event.payload.entryId}:starred`, event.payload.starred]];
    case 'step.checked':
    case 'step.unchecked':
      return [[`check:${event.payload.stepId}:${event.payload.itemId}`, { checked: event.type === 'step.checked', at, by }]];
    case 'role.assigned':
      return [[`role:${event.payload.roleId}`, { person: event.payload.person, contactId: event.payload.contactId, at, by }]];
    case 'role.relieved':
      return [[`role:${event.payload.roleId}`, null]];
    case 'scenario.attached':
      return [[`scenario:${event.payload.scenarioId}`, true]];
    case 'scenario.detached':
      return [[`scenario:${event.payload.scenarioId}`, false]];
    case 'clock.snoozed':
      return [[`snooze:${event.payload.clockId}`, { until: event.payload.until, reason: event.payload.reason, by, at }]];
    case 'action.created': {
      const p = event.payload;
      const key = `action:${p.actionId}`;
      return [[`${key}:created`, { at, by }], [`${key}:title`, p.title], [`${key}:owner`, p.owner], [`${key}:deadline`, p.deadline ?? null], [`${key}:status`, 'open']];
    }
    case 'action.updated': {
      const p = event.payload;
      const key = `action:${p.actionId}`;
      const out: Array<[string, unknown]> = [[`${key}:touched`, at]];
      if (p.title !== undefined) out.push([`${key}:title`, p.title]);
      if (p.owner !== undefined) out.push([`${key}:owner`, p.owner]);
      if (p.deadline !== undefined) out.push([`${key}:deadline`, p.deadline]);
      if (p.status !== undefined) out.push([`${key}:status`, p.status]);
      if (p.followedUp) out.push([`${key}:followedUp`, at]);
      return out;
    }
    case 'pir.edited':
      return [[`pir:${event.payload.field}`, event.payload.value]];
    case 'breach.recorded': {
      const out: Array<[string, unknown]> = [['breach:recorded', true]];
      for (const [field, value] of Object.entries(event.payload)) if (value !== undefined) out.push([`breach:${field}`, value]);
      return out;
    }
    default:
      return [];
  }
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

export function readRegister<T>(doc: IncidentDoc, key: string): T | undefined {
  return doc.registers.get(key)?.value as T | undefined;
}
