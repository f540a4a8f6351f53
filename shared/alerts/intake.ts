// From a parsed notification to the events the server writes: one `alert.notified` per alert state (deterministic
// ids, so a retried webhook stores nothing new), one `alert.seen` per receipt, the plan's triage on each alert.
import { ACK_RULE } from '../incident/acknowledgement';
import type { EventType, PayloadInput } from '../incident/events';
import type { Plan } from '../plan/schema';
import { alertEventId, alertSeenId, alertStreamId, declaredEventId, declaredIncidentId } from './ids';
import { startsRestricted } from '../access/participants';
import type { AlertGroup } from './group';
import type { AlertNotification, NormalAlert } from './payloads';
import { triageAlert } from './triage';
import { withMaintenance } from './maintenance';
import type { MaintenanceWindow } from '../maintenance/windows';

export interface AlertEventDraft<T extends EventType = EventType> {
  id: string;
  incidentId: string;
  type: T;
  payload: PayloadInput<T>;
  /** When it happened: the alert's start (firing), its end (resolved), the receipt (seen). */
  occurredAt: string;
}

export interface IntakeBatch {
  streamId: string;
  drafts: AlertEventDraft[];
  /** The alerts that fire now and what the plan says about each (for logs and replies). */
  firing: Array<{ fingerprint: string; severity?: string; reason?: string; action: 'declare' | 'triage' }>;
  /** The incident a `declare` rule opened (the same id for every notification of the group). */
  declared?: string;
}

/** What an incident the server declares pins: the team plan it was judged by (shared/workspace/incident-plan.ts). */
export interface PlanPin { planId: string; planPublishedId: string | null; planVersion: number }

/**
 * The episode a notification speaks of, read against the group's history (`prior`, the fold of what is stored):
 * a generic alert sent without `startsAt` belongs to its open episode (first time seen: the receipt), and a
 * resolution without `endsAt` that was already recorded keeps its end, so a retried post stores nothing new.
 */
function episodeOf(a: NormalAlert, prior: AlertGroup | undefined): { startsAt: string; endsAt?: string } {
  const occurrences = prior?.alerts.find((x) => x.fingerprint === a.fingerprint)?.occurrences ?? [];
  const latest = occurrences.at(-1);
  let startsAt = a.startsAt;
  if (a.startsAtAssumed && latest && (a.status === 'resolved' || latest.endsAt === null)) startsAt = new Date(latest.startsAt).toISOString();
  // The episode the notification names, wherever it sits in the history (not only the latest): a retried resolution
  // of an older episode keeps the end recorded the first time, never a new receipt time.
  const start = Date.parse(startsAt);
  const episode = occurrences.find((o) => o.startsAt === start);
  const endsAt = a.endsAtAssumed && episode && episode.endsAt !== null ? new Date(episode.endsAt).toISOString() : a.endsAt;
  return { startsAt, ...(endsAt ? { endsAt } : {}) };
}

/**
 * A firing that arrives after its own resolution (a sender retrying out of order) or after a later episode began:
 * stored for the record (the fold keeps the episode ended), never a reason to declare.
 */
function staleFiring(fingerprint: string, startsAt: string, prior: AlertGroup | undefined): boolean {
  const start = Date.parse(startsAt);
  const occurrences = prior?.alerts.find((x) => x.fingerprint === fingerprint)?.occurrences ?? [];
  return occurrences.some((o) => (o.startsAt === start && o.endsAt !== null) || o.startsAt > start);
}

/**
 * `officers`: the security officers of the contact sheet. An incident the plan restricts (a data breach) is declared
 * restricted, seen by them and whoever they add; with none on the sheet it is declared open (nobody could see it
 * otherwise), and its evidence line says why. `maintenance`: the workspace's maintenance windows; an alert of a
 * component in an active one is marked so.
 */
export function notificationEvents(n: AlertNotification, opts: { workspaceId: string; plan: Plan; receivedAt: number; pin?: PlanPin; prior?: AlertGroup; officers?: readonly string[]; maintenance?: MaintenanceWindow[] }): IntakeBatch {
  const streamId = alertStreamId(opts.workspaceId, n.source, n.groupKey);
  const drafts: AlertEventDraft[] = [];
  const firing: IntakeBatch['firing'] = [];
  const receivedIso = new Date(opts.receivedAt).toISOString();
  /** Drafts of stale firings: stored, but never declaring. */
  const stale = new Set<string>();
  for (const raw of n.alerts) {
    // A notification that only ends what is held (Sentry's resolutions name no rule or level) keeps the held alert's labels.
    const held = n.onlyIfHeld ? opts.prior?.alerts.find((x) => x.fingerprint === raw.fingerprint) : undefined;
    const a = { ...raw, ...(held ? { labels: { ...held.labels, ...raw.labels }, annotations: { ...held.annotations, ...raw.annotations } } : {}), ...episodeOf(raw, opts.prior) };
    const triage = withMaintenance(triageAlert(opts.plan, a.labels, a.annotations, a.reportedValue), opts.plan, a.labels, opts.maintenance ?? [], opts.receivedAt);
    const isStale = a.status === 'firing' && staleFiring(a.fingerprint, a.startsAt, opts.prior);
    if (a.status === 'firing' && !isStale) firing.push({ fingerprint: a.fingerprint, ...(triage.severity ? { severity: triage.severity } : {}), ...(triage.reason ? { reason: triage.reason } : {}), action: triage.action });
    const payload: PayloadInput<'alert.notified'> = {
      source: n.source, groupKey: n.groupKey, groupLabels: n.groupLabels,
      ...(n.title ? { title: n.title } : {}),
      fingerprint: a.fingerprint, status: a.status, labels: a.labels, annotations: a.annotations,
      startsAt: a.startsAt,
      ...(a.endsAt ? { endsAt: a.endsAt } : {}),
      ...(a.generatorURL ? { generatorURL: a.generatorURL } : {}),
      ...(n.externalURL ? { externalURL: n.externalURL } : {}),
      triage,
      ...(a.extra ? { extra: a.extra } : {}),
    };
    // A resolution reported without an end time ended when it was received.
    const endsAt = a.status === 'resolved' ? a.endsAt ?? receivedIso : undefined;
    if (endsAt) payload.endsAt = endsAt;
    const at = endsAt ?? a.startsAt;
    const id = alertEventId(streamId, a.fingerprint, a.status, a.startsAt, endsAt);
    if (isStale) stale.add(id);
    drafts.push({
      id,
      incidentId: streamId, type: 'alert.notified', payload,
      // Never in the future: a sender's clock ahead of ours must not produce a future-dated event.
      occurredAt: Date.parse(at) > opts.receivedAt ? receivedIso : at,
    });
  }
  const declared = declareDrafts(n, streamId, drafts.filter((d) => !stale.has(d.id)), opts);
  drafts.push({
    id: alertSeenId(streamId, n.status, opts.receivedAt), incidentId: streamId, type: 'alert.seen',
    payload: { status: n.status, fingerprints: n.alerts.map((a) => a.fingerprint), truncatedAlerts: n.truncatedAlerts },
    occurredAt: receivedIso,
  });
  return { streamId, drafts: [...drafts, ...(declared?.drafts ?? [])], firing, ...(declared ? { declared: declared.incidentId } : {}) };
}

/**
 * A firing alert whose rule says `declare` opens an incident at once, as the server: deterministic ids, so every
 * notification of the group (and every instance) names the same incident and stores it once.
 */
function declareDrafts(n: AlertNotification, streamId: string, notified: AlertEventDraft[], opts: { plan: Plan; receivedAt: number; pin?: PlanPin; officers?: readonly string[] }): { incidentId: string; drafts: AlertEventDraft[] } | undefined {
  const declaring = notified.filter((d): d is AlertEventDraft<'alert.notified'> => d.type === 'alert.notified')
    .map((d) => d.payload as PayloadInput<'alert.notified'>)
    .filter((p) => p.status === 'firing' && p.triage.action === 'declare');
  const first = declaring[0];
  if (!first) return undefined;
  const incidentId = declaredIncidentId(streamId);
  const impactAt = Math.min(opts.receivedAt, ...declaring.map((p) => Date.parse(p.startsAt)));
  const title = (n.title ?? first.labels.alertname ?? 'Alert').slice(0, 200);
  const at = new Date(opts.receivedAt).toISOString();
  const t = first.triage;
  const byPlan = startsRestricted(opts.plan, { category: t.category ?? null, scenarioIds: t.scenario ? [t.scenario] : [] });
  const restricted = byPlan && (opts.officers ?? []).length > 0;
  const drafts: AlertEventDraft[] = [{
    id: declaredEventId(streamId, 'opened'), incidentId, type: 'incident.opened', occurredAt: at,
    payload: {
      title, detectedAt: at, impactStartedAt: new Date(impactAt).toISOString(), detectionSource: `${n.source} alert (declared by the plan's intake rule ${t.ruleId ?? ''})`.trim(),
      drill: false, acknowledgementRule: ACK_RULE, ...(opts.pin ?? { planId: opts.plan.id }), ...(t.severity ? { severity: t.severity } : {}), ...(t.category ? { category: t.category } : {}),
      ...(restricted ? { visibility: 'restricted' as const } : {}),
    },
  }];
  if (t.scenario) drafts.push({ id: declaredEventId(streamId, 'scenario'), incidentId, type: 'scenario.attached', occurredAt: at, payload: { scenarioId: t.scenario } });
  const visibilityNote = restricted ? ' Restricted to the security officers, as the plan says.'
    : byPlan ? ' The plan restricts it, but the contact sheet names no security officer: declared open to the workspace.' : '';
  if (t.reason || byPlan) {
    drafts.push({ id: declaredEventId(streamId, 'evidence'), incidentId, type: 'entry.added', occurredAt: at,
      payload: { kind: 'evidence', text: `Alert ${title}: the plan declares ${t.severity ?? 'an incident'} at once${t.reason ? `, "${t.reason}"` : ''}.${visibilityNote}` } });
  }
  drafts.push({ id: declaredEventId(streamId, 'attached'), incidentId: streamId, type: 'alert.attached', occurredAt: at, payload: { incidentId } });
  return { incidentId, drafts };
}
