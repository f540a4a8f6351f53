// The fold of one alert group's stream: firing since, last seen, count, per-alert status, resolved at, silence
// and attachment. Pure and order-free: any arrival order, with duplicates, gives the same group.
import type { EventOf, IncidentEvent } from '../incident/events';
import type { Plan } from '../plan/schema';
import { alertName, type AlertEvent } from './describe';
import type { AlertSource, AlertStatus } from './payloads';
import type { AlertTriage } from './triage';

export interface AlertOccurrence {
  startsAt: number;
  endsAt: number | null;
}

export interface AlertInstance {
  fingerprint: string;
  name: string;
  status: AlertStatus;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  generatorURL?: string;
  triage: AlertTriage;
  /** Every firing episode seen, oldest first (a re-fire starts a new one). */
  occurrences: AlertOccurrence[];
}

export interface AlertTimelineItem {
  key: string;
  kind: 'firing' | 'refired' | 'resolved';
  at: number;
  fingerprint: string;
  text: string;
  /** The notification this item comes from (for the incident timeline). */
  event: EventOf<'alert.notified'>;
}

export interface AlertGroup {
  id: string;
  source: AlertSource;
  groupKey: string;
  title: string;
  groupLabels: Record<string, string>;
  externalURL?: string;
  alerts: AlertInstance[];
  status: AlertStatus;
  /** Earliest start among alerts firing now (null when none is). */
  firingSince: number | null;
  firstSeenAt: number;
  lastSeenAt: number;
  /** Notifications received (repeats included, retries within a minute are one). */
  count: number;
  /** When the last alert resolved, while every alert is resolved. */
  resolvedAt: number | null;
  silenced: { reason: string; by: string; at: number; until: number | null } | null;
  attachedTo: string | null;
  timeline: AlertTimelineItem[];
}

const stampOf = (e: IncidentEvent) => `${e.hlc}|${e.id}`;

function isAlertEvent(e: IncidentEvent): e is AlertEvent {
  return e.type.startsWith('alert.');
}

/** Folds a group's events; undefined when the stream has no notification yet (only decisions about it). */
export function foldAlertGroup(events: Iterable<IncidentEvent>): AlertGroup | undefined {
  const unique = new Map<string, AlertEvent>();
  // The store keeps one body per id; should two differ (a retry stamped again), the earliest stamp wins, in any order.
  for (const e of events) {
    if (!isAlertEvent(e)) continue;
    const known = unique.get(e.id);
    if (!known || stampOf(e) < stampOf(known)) unique.set(e.id, e);
  }
  const all = [...unique.values()].sort((a, b) => (stampOf(a) < stampOf(b) ? -1 : stampOf(a) > stampOf(b) ? 1 : 0));
  const notified = all.filter((e): e is Extract<AlertEvent, { type: 'alert.notified' }> => e.type === 'alert.notified');
  const head = notified[notified.length - 1];
  if (!head) return undefined;

  const byFingerprint = new Map<string, typeof notified>();
  for (const e of notified) byFingerprint.set(e.payload.fingerprint, [...(byFingerprint.get(e.payload.fingerprint) ?? []), e]);

  const alerts: AlertInstance[] = [];
  const timeline: AlertTimelineItem[] = [];
  for (const [fingerprint, list] of [...byFingerprint.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const episodes = new Map<number, number | null>();
    for (const e of list) {
      const start = Date.parse(e.payload.startsAt);
      const end = e.payload.status === 'resolved' && e.payload.endsAt ? Date.parse(e.payload.endsAt) : null;
      const known = episodes.get(start);
      episodes.set(start, known === undefined ? end : known === null ? end : end === null ? known : Math.max(known, end));
    }
    const occurrences = [...episodes.entries()].map(([startsAt, endsAt]) => ({ startsAt, endsAt })).sort((a, b) => a.startsAt - b.startsAt);
    const latest = list[list.length - 1] as (typeof list)[number]; // the newest stamp carries the freshest labels
    const name = alertName(latest.payload.labels, head.payload.title ?? 'alert');
    const current = occurrences[occurrences.length - 1] as AlertOccurrence;
    alerts.push({
      fingerprint, name,
      status: current.endsAt === null ? 'firing' : 'resolved',
      labels: latest.payload.labels, annotations: latest.payload.annotations,
      ...(latest.payload.generatorURL ? { generatorURL: latest.payload.generatorURL } : {}),
      triage: latest.payload.triage,
      occurrences,
    });
    // The first event (by stamp) of an episode's state carries it: the same one whatever the arrival order.
    const carrier = (start: number, status: AlertStatus) =>
      list.find((e) => Date.parse(e.payload.startsAt) === start && e.payload.status === status) ?? list.find((e) => Date.parse(e.payload.startsAt) === start) as (typeof list)[number];
    occurrences.forEach((o, i) => {
      const key = `${fingerprint}:${o.startsAt}`;
      timeline.push({ key: `${key}:start`, kind: i === 0 ? 'firing' : 'refired', at: o.startsAt, fingerprint, text: i === 0 ? `Alert firing: ${name}` : `Alert re-fired: ${name}`, event: carrier(o.startsAt, 'firing') });
      if (o.endsAt !== null) timeline.push({ key: `${key}:end`, kind: 'resolved', at: o.endsAt, fingerprint, text: `Alert resolved: ${name}`, event: carrier(o.startsAt, 'resolved') });
    });
  }
  timeline.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));

  const firing = alerts.filter((a) => a.status === 'firing');
  const starts = alerts.flatMap((a) => a.occurrences.map((o) => o.startsAt));
  const ends = alerts.flatMap((a) => a.occurrences.map((o) => o.endsAt ?? 0));
  const seen = all.filter((e) => e.type === 'alert.seen');
  const lastWrite = <T extends AlertEvent['type']>(type: T) => [...all].reverse().find((e) => e.type === type) as Extract<AlertEvent, { type: T }> | undefined;
  const silence = [...all].reverse().find((e) => e.type === 'alert.silenced' || e.type === 'alert.unsilenced');
  const attached = lastWrite('alert.attached');

  return {
    id: head.incidentId,
    source: head.payload.source,
    groupKey: head.payload.groupKey,
    title: head.payload.title ?? (alerts.length === 1 ? (alerts[0] as AlertInstance).name : alertName(head.payload.groupLabels, (alerts[0] as AlertInstance).name)),
    groupLabels: head.payload.groupLabels,
    ...(head.payload.externalURL ? { externalURL: head.payload.externalURL } : {}),
    alerts,
    status: firing.length > 0 ? 'firing' : 'resolved',
    firingSince: firing.length > 0 ? Math.min(...firing.map((a) => (a.occurrences[a.occurrences.length - 1] as AlertOccurrence).startsAt)) : null,
    firstSeenAt: Math.min(...starts),
    lastSeenAt: Math.max(...all.filter((e) => e.type === 'alert.seen' || e.type === 'alert.notified').map((e) => Date.parse(e.recordedAt))),
    count: Math.max(1, seen.length),
    resolvedAt: firing.length === 0 ? Math.max(...ends) : null,
    silenced: silence?.type === 'alert.silenced'
      ? { reason: silence.payload.reason, by: silence.actor.name, at: Date.parse(silence.occurredAt), until: silence.payload.until ? Date.parse(silence.payload.until) : null }
      : null,
    attachedTo: attached?.payload.incidentId ?? null,
    timeline,
  };
}

/** The group's suggestion: the most severe among its firing alerts (all alerts once resolved), by plan rank. */
export function groupTriage(group: AlertGroup, plan: Plan): AlertTriage {
  const pool = group.alerts.some((a) => a.status === 'firing') ? group.alerts.filter((a) => a.status === 'firing') : group.alerts;
  const rank = (t: AlertTriage) => plan.severities.find((s) => s.id === t.severity)?.rank ?? Number.POSITIVE_INFINITY;
  let best = (pool[0] as AlertInstance).triage;
  for (const a of pool) if (rank(a.triage) < rank(best)) best = a.triage;
  return best;
}

/** Silenced now: a silence without an end, or one whose end is still ahead. */
export function isSilenced(group: AlertGroup, now: number): boolean {
  return group.silenced !== null && (group.silenced.until === null || group.silenced.until > now);
}

/** The maintenance window the group's firing alerts arrived in, when every one of them did (shared/alerts/maintenance.ts). */
export function maintenanceOf(group: AlertGroup): { id: string; title: string; suppressed: boolean } | null {
  const firing = group.alerts.filter((a) => a.status === 'firing');
  const pool = firing.length ? firing : group.alerts;
  const first = pool[0]?.triage.maintenance;
  return first && pool.every((a) => a.triage.maintenance !== undefined) ? { ...first, suppressed: pool.every((a) => a.triage.maintenance?.suppressed === true) } : null;
}

/** Waits for a person: firing, not attached to an incident, not silenced, not suppressed by a maintenance window. */
export function needsTriage(group: AlertGroup, now: number): boolean {
  return group.status === 'firing' && group.attachedTo === null && !isSilenced(group, now) && maintenanceOf(group)?.suppressed !== true;
}
