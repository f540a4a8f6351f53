// From a parsed notification to the events the server writes: one `alert.notified` per alert state (deterministic
// ids, so a retried webhook stores nothing new), one `alert.seen` per receipt, the plan's triage on each alert.
import type { EventType, PayloadInput } from '../incident/events';
import type { Plan } from '../plan/schema';
import { alertEventId, alertSeenId, alertStreamId } from './ids';
import type { AlertNotification } from './payloads';
import { triageAlert } from './triage';

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
}

export function notificationEvents(n: AlertNotification, opts: { workspaceId: string; plan: Plan; receivedAt: number }): IntakeBatch {
  const streamId = alertStreamId(opts.workspaceId, n.source, n.groupKey);
  const drafts: AlertEventDraft[] = [];
  const firing: IntakeBatch['firing'] = [];
  const receivedIso = new Date(opts.receivedAt).toISOString();
  for (const a of n.alerts) {
    const triage = triageAlert(opts.plan, a.labels, a.annotations, a.reportedValue);
    if (a.status === 'firing') firing.push({ fingerprint: a.fingerprint, ...(triage.severity ? { severity: triage.severity } : {}), ...(triage.reason ? { reason: triage.reason } : {}), action: triage.action });
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
    drafts.push({
      id: alertEventId(streamId, a.fingerprint, a.status, a.startsAt, endsAt),
      incidentId: streamId, type: 'alert.notified', payload,
      // Never in the future: a sender's clock ahead of ours must not produce a future-dated event.
      occurredAt: Date.parse(at) > opts.receivedAt ? receivedIso : at,
    });
  }
  drafts.push({
    id: alertSeenId(streamId, n.status, opts.receivedAt), incidentId: streamId, type: 'alert.seen',
    payload: { status: n.status, fingerprints: n.alerts.map((a) => a.fingerprint), truncatedAlerts: n.truncatedAlerts },
    occurredAt: receivedIso,
  });
  return { streamId, drafts, firing };
}
