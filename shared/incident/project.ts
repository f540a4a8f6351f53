// Projection of an IncidentDoc into the IncidentState the console, clocks, metrics and PIR read.
import { acknowledgementIn, ackRuleOf } from './acknowledgement';
import { readFamily, readRegister, type IncidentDoc } from './doc';
import type { IncidentEvent, IncidentStatus } from './events';
import { REG, type ActionFields, type BreachFields, type RegisterKey } from './registers';
import {
  BACKDATE_THRESHOLD_MS, CORRECTION_TYPES, type ActionItem, type BreachRecord, type CheckState, type ExerciseState,
  type IncidentState, type RoleHolder, type Snooze, type TimelineEntry,
} from './state';

const ms = (iso: string | null | undefined): number | null => (iso ? Date.parse(iso) : null);

/** Stable order for everything shown in time: when it happened, then the clock order of recording. */
export function compareByOccurrence(a: IncidentEvent, b: IncidentEvent): number {
  return compareOccurrence(Date.parse(a.occurredAt), a, Date.parse(b.occurredAt), b);
}

/** compareByOccurrence with the times already parsed (a timeline entry carries its own): no parsing per comparison. */
export function compareOccurrence(aTime: number, a: IncidentEvent, bTime: number, b: IncidentEvent): number {
  const d = aTime - bTime;
  if (d !== 0) return d;
  return a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function projectActions(doc: IncidentDoc): ActionItem[] {
  const ids = new Set<string>();
  const prefix = REG.actionPrefix;
  for (const key of doc.registers.keys()) if (key.startsWith(prefix)) ids.add(key.slice(prefix.length, key.indexOf(':', prefix.length)));
  const items: ActionItem[] = [];
  for (const id of ids) {
    const read = <F extends keyof ActionFields>(field: F) => readRegister(doc, REG.action(id, field));
    const created = read('created');
    if (!created) continue; // an update that arrived before its creation: shown once the creation arrives
    items.push({
      id,
      title: read('title') ?? '',
      owner: read('owner') ?? '',
      deadline: ms(read('deadline')),
      status: read('status') ?? 'open',
      createdAt: Date.parse(created.at),
      createdBy: created.by,
      followedUpAt: ms(read('followedUp')),
      updatedAt: ms(read('touched')) ?? Date.parse(created.at),
    });
  }
  return items.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

function projectBreach(doc: IncidentDoc): BreachRecord | null {
  if (!readRegister(doc, REG.breachRecorded)) return null;
  const read = <F extends keyof BreachFields>(field: F) => readRegister(doc, REG.breach(field));
  return {
    discoveredAt: ms(read('discoveredAt')),
    authority: read('authority') ?? '',
    authorityNotifiedAt: ms(read('authorityNotifiedAt')),
    individualsNotifiedAt: ms(read('individualsNotifiedAt')),
    highRiskToIndividuals: read('highRiskToIndividuals') ?? null,
    evidencePreserved: read('evidencePreserved') ?? null,
    notes: read('notes') ?? '',
  };
}

/**
 * One timeline entry: the event with its corrections (amendments, retraction, star) applied. `corrected`: false
 * when the caller knows no correction register names this entry (most of a large timeline), so none is looked up.
 */
export function buildTimelineEntry(doc: IncidentDoc, event: IncidentEvent, amendments: TimelineEntry['amendments'], corrected = true, occurredAt = Date.parse(event.occurredAt)): TimelineEntry {
  const recordedAt = Date.parse(event.recordedAt);
  const entry: TimelineEntry = {
    id: event.id, type: event.type, kind: 'system', event, actor: event.actor, occurredAt, recordedAt,
    backdated: recordedAt - occurredAt > BACKDATE_THRESHOLD_MS,
    amendments: [], retracted: null,
    starred: (corrected && readRegister(doc, REG.entryStarred(event.id))) || false,
  };
  if (event.type === 'entry.added') {
    const amended = corrected ? readRegister(doc, REG.entryText(event.id)) : undefined;
    entry.kind = event.payload.kind;
    entry.originalText = event.payload.text;
    entry.text = amended?.text ?? event.payload.text;
    entry.amendments = amendments;
    const retracted = corrected ? readRegister(doc, REG.entryRetracted(event.id)) : undefined;
    entry.retracted = retracted ? { reason: retracted.reason, at: Date.parse(retracted.at), by: retracted.by } : null;
  } else if (event.type === 'exercise.inject') {
    entry.kind = 'inject';
    entry.text = event.payload.text;
  }
  return entry;
}

/** Ids of the entries some correction register names (`entry:<id>:...`): a few, even in a large incident. */
function correctedEntries(doc: IncidentDoc): Set<string> {
  const ids = new Set<string>();
  for (const key of doc.registers.keys()) if (key.startsWith(REG.entryPrefix)) ids.add(key.slice(REG.entryPrefix.length, key.indexOf(':', REG.entryPrefix.length)));
  return ids;
}

/** `times[i]`: sorted[i]'s occurredAt in ms. */
function projectTimeline(doc: IncidentDoc, sorted: IncidentEvent[], times: number[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const corrected = correctedEntries(doc);
  const amendmentsByEntry = new Map<string, TimelineEntry['amendments']>();
  for (const event of sorted) {
    if (event.type !== 'entry.amended') continue;
    const list = amendmentsByEntry.get(event.payload.entryId) ?? [];
    list.push({ text: event.payload.text, at: Date.parse(event.occurredAt), by: event.actor.name, eventId: event.id });
    amendmentsByEntry.set(event.payload.entryId, list);
  }
  for (let i = 0; i < sorted.length; i++) {
    const event = sorted[i] as IncidentEvent;
    if (CORRECTION_TYPES.has(event.type)) continue;
    entries.push(buildTimelineEntry(doc, event, amendmentsByEntry.get(event.id) ?? [], corrected.has(event.id), times[i]));
  }
  return entries;
}

/** The timeline's entries other than log entries (see IncidentState.systemTimeline). */
export function systemEntries(timeline: readonly TimelineEntry[]): TimelineEntry[] {
  return timeline.filter((e) => e.type !== 'entry.added');
}

/** The events in occurrence order (compareByOccurrence), each time parsed once rather than in every comparison. */
function sortByOccurrence(events: Iterable<IncidentEvent>): { sorted: IncidentEvent[]; times: number[] } {
  const keyed: Array<{ t: number; e: IncidentEvent }> = [];
  for (const e of events) keyed.push({ t: Date.parse(e.occurredAt), e });
  keyed.sort((a, b) => a.t - b.t || (a.e.hlc < b.e.hlc ? -1 : a.e.hlc > b.e.hlc ? 1 : a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0));
  return { sorted: keyed.map((k) => k.e), times: keyed.map((k) => k.t) };
}

export function projectIncident(doc: IncidentDoc): IncidentState {
  const { sorted, times } = sortByOccurrence(doc.events.values());
  const timeline = projectTimeline(doc, sorted, times);
  const reg = <T>(key: RegisterKey<T>) => readRegister(doc, key);
  const opened = reg(REG.opened);
  const detectedAt = ms(reg(REG.detectedAt)) ?? (sorted[0] ? Date.parse(sorted[0].occurredAt) : 0);
  const statusRegister = reg(REG.status);
  const status: IncidentStatus = statusRegister?.status ?? 'investigating';

  const statusHistory: IncidentState['statusHistory'] = [];
  const severityHistory: IncidentState['severityHistory'] = [];
  const updates: IncidentState['updates'] = [];
  const exercise: ExerciseState = { controls: [], injects: [], observations: [] };
  const pirStatusChanges: Array<{ value: string; at: number; hlc: string }> = [];
  // Acknowledgements, role assignments and pages, in occurrence order: the acknowledgement rule reads them.
  const responses: Array<{ at: number; event: IncidentEvent }> = [];
  let openedEvent: IncidentEvent | undefined;

  for (const event of sorted) {
    const at = Date.parse(event.occurredAt);
    const by = event.actor.name;
    switch (event.type) {
      case 'incident.opened':
        openedEvent = event;
        if (event.payload.severity) severityHistory.push({ severity: event.payload.severity, at, by, reason: 'declared', eventId: event.id });
        break;
      case 'incident.classified':
        if (event.payload.severity) severityHistory.push({ severity: event.payload.severity, at, by, reason: 'classified', eventId: event.id });
        break;
      case 'severity.changed':
        severityHistory.push({ severity: event.payload.to, at, by, reason: event.payload.reason, eventId: event.id });
        break;
      case 'status.changed':
        statusHistory.push({ status: event.payload.to, at, by, reason: event.payload.reason, eventId: event.id });
        break;
      case 'incident.acknowledged':
      case 'role.assigned':
      case 'page.requested':
        responses.push({ at, event });
        break;
      case 'update.posted':
        updates.push({ id: event.id, audience: event.payload.audience, channel: event.payload.channel, text: event.payload.text, at, by });
        break;
      case 'pir.edited':
        if (event.payload.field === 'reviewStatus') pirStatusChanges.push({ value: event.payload.value, at, hlc: event.hlc });
        break;
      case 'exercise.control':
        exercise.controls.push({ action: event.payload.action, at, scriptId: event.payload.scriptId, mode: event.payload.mode });
        break;
      case 'exercise.inject':
        exercise.injects.push({ eventId: event.id, injectId: event.payload.injectId, title: event.payload.title, text: event.payload.text, at, offsetMinutes: event.payload.offsetMinutes });
        break;
      case 'exercise.observation':
        exercise.observations.push({ eventId: event.id, text: event.payload.text, at, by });
        break;
      default:
        break;
    }
  }

  const firstAt = (predicate: (s: IncidentStatus) => boolean) => statusHistory.find((c) => predicate(c.status))?.at ?? null;
  const lastAt = (target: IncidentStatus) => [...statusHistory].reverse().find((c) => c.status === target)?.at ?? null;
  const isDone = status === 'resolved' || status === 'closed';

  const roles: Record<string, RoleHolder> = {};
  for (const [roleId, holder] of readFamily(doc, REG.role)) {
    if (holder) roles[roleId] = { person: holder.person, contactId: holder.contactId, since: Date.parse(holder.at), assignedBy: holder.by };
  }
  const checks: Record<string, CheckState> = {};
  for (const [key, check] of readFamily(doc, REG.check)) {
    checks[key] = { checked: check.checked, at: Date.parse(check.at), by: check.by };
  }
  const snoozes: Record<string, Snooze> = {};
  for (const [clockId, snooze] of readFamily(doc, REG.snooze)) {
    snoozes[clockId] = { until: Date.parse(snooze.until), reason: snooze.reason, by: snooze.by, at: Date.parse(snooze.at) };
  }
  const pir: Record<string, string> = {};
  for (const [field, value] of readFamily(doc, REG.pir)) pir[field] = value;
  // The register holds the winning review status; it became final at the last "final" write.
  const finalWrites = pirStatusChanges.filter((c) => c.value === 'final');
  const pirFinalizedAt = pir.reviewStatus === 'final' && finalWrites.length ? Math.max(...finalWrites.map((c) => c.at)) : null;
  const visibilityRegister = reg(REG.visibility);
  const visibility = visibilityRegister
    ? { restricted: visibilityRegister.visibility === 'restricted', changedAt: Date.parse(visibilityRegister.at), changedBy: visibilityRegister.by, reason: visibilityRegister.reason }
    : { restricted: false, changedAt: null, changedBy: null, reason: '' };
  const invited = readFamily(doc, REG.participant).filter(([, p]) => p.invited)
    .map(([principal, p]) => ({ principal, person: p.person, ...(p.deviceId ? { deviceId: p.deviceId } : {}), at: Date.parse(p.at), by: p.by }))
    .sort((a, b) => a.at - b.at || (a.principal < b.principal ? -1 : 1));
  const scenarioIds = readFamily(doc, REG.scenario).filter(([, on]) => on === true).map(([id]) => id);

  const acknowledgementRule = ackRuleOf(openedEvent);
  const acknowledgement = acknowledgementIn(responses, acknowledgementRule);
  const last = sorted[sorted.length - 1];
  return {
    id: doc.incidentId,
    opened: opened !== undefined,
    title: reg(REG.title) ?? '(untitled incident)',
    drill: reg(REG.drill) ?? false,
    planId: reg(REG.planId) ?? null,
    detectedAt,
    impactStartedAt: ms(reg(REG.impactStartedAt)) ?? detectedAt,
    detectionSource: reg(REG.detectionSource) ?? '',
    openedBy: opened?.by ?? null,
    severity: reg(REG.severity) ?? null,
    category: reg(REG.category) ?? null,
    scope: reg(REG.scope) ?? '',
    impact: reg(REG.impact) ?? '',
    status,
    statusSince: statusRegister ? Date.parse(statusRegister.at) : detectedAt,
    statusHistory,
    severityHistory,
    acknowledgedAt: acknowledgement?.at ?? null,
    acknowledgement,
    acknowledgementRule,
    mitigatedAt: firstAt((s) => s === 'monitoring' || s === 'resolved' || s === 'closed'),
    monitoringSince: status === 'monitoring' && statusRegister ? Date.parse(statusRegister.at) : null,
    resolvedAt: isDone ? lastAt('resolved') ?? lastAt('closed') : null,
    closedAt: status === 'closed' ? lastAt('closed') : null,
    roles,
    checks,
    updates,
    scenarioIds,
    snoozes,
    actionItems: projectActions(doc),
    pir,
    pirFinalizedAt,
    breach: projectBreach(doc),
    visibility,
    invited,
    timeline,
    systemTimeline: systemEntries(timeline),
    exercise,
    eventCount: doc.events.size,
    lastActivityAt: last ? sorted.reduce((max, e) => Math.max(max, Date.parse(e.recordedAt)), 0) : detectedAt,
  };
}
