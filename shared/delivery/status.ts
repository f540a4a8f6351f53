// Where each posted update went: folds delivery.requested / .sent / .failed / .retried into one line per
// (update, target) for the console ("Sent 14:02", "Failed: ... retrying 14:05", "Queued").
import type { IncidentEvent } from '../incident/events';
import { targetKey } from '../incident/events-delivery';

export type DeliveryState = 'queued' | 'sent' | 'failed' | 'retrying';

export interface DeliveryLine {
  requestId: string;
  target: string;
  state: DeliveryState;
  /** When it was sent or last failed (ms); for queued, when it was requested. */
  at: number;
  attempt: number;
  detail: string;
  reason: string | null;
  nextAttemptAt: number | null;
  sandbox: boolean;
}

/**
 * Map of update id -> its deliveries. A sent outcome wins over any failure (the server never sends a
 * delivery again once sent); otherwise the latest attempt decides. A commander's retry after the last
 * failure turns a failed line back to queued until the server reports.
 */
export function deliveriesByUpdate(events: Iterable<IncidentEvent>): Map<string, DeliveryLine[]> {
  const requests: Array<EventOf<'delivery.requested'>> = [];
  const lines = new Map<string, DeliveryLine>();
  const retries = new Map<string, number>();
  const outcomes: IncidentEvent[] = [];
  for (const e of events) {
    if (e.type === 'delivery.requested') requests.push(e);
    else if (e.type === 'delivery.sent' || e.type === 'delivery.failed') outcomes.push(e);
    else if (e.type === 'delivery.retried') {
      const k = `${e.payload.requestId}|${e.payload.target}`;
      retries.set(k, Math.max(retries.get(k) ?? 0, Date.parse(e.recordedAt)));
    }
  }
  for (const r of requests) {
    for (const t of r.payload.targets) {
      const target = targetKey(t);
      lines.set(`${r.id}|${target}`, { requestId: r.id, target, state: 'queued', at: Date.parse(r.recordedAt), attempt: 0, detail: '', reason: null, nextAttemptAt: null, sandbox: false });
    }
  }
  // Latest attempt first decides; sent is final whatever order the outcomes arrive in.
  outcomes.sort((a, b) => attemptOf(a) - attemptOf(b) || (a.hlc < b.hlc ? -1 : 1));
  for (const o of outcomes) {
    if (o.type !== 'delivery.sent' && o.type !== 'delivery.failed') continue;
    const line = lines.get(`${o.payload.requestId}|${o.payload.target}`);
    if (!line || line.state === 'sent') continue;
    line.at = Date.parse(o.occurredAt);
    line.attempt = o.payload.attempt;
    line.sandbox = o.payload.sandbox;
    if (o.type === 'delivery.sent') {
      Object.assign(line, { state: 'sent', detail: o.payload.detail, reason: null, nextAttemptAt: null });
    } else {
      const next = o.payload.nextAttemptAt ? Date.parse(o.payload.nextAttemptAt) : null;
      Object.assign(line, { state: next === null ? 'failed' : 'retrying', reason: o.payload.reason, nextAttemptAt: next });
    }
  }
  for (const [k, at] of retries) {
    const line = lines.get(k);
    if (line && line.state === 'failed' && at >= line.at) line.state = 'queued';
  }
  const byUpdate = new Map<string, DeliveryLine[]>();
  for (const r of requests) {
    const list = byUpdate.get(r.payload.updateId) ?? [];
    for (const t of r.payload.targets) {
      const line = lines.get(`${r.id}|${targetKey(t)}`);
      if (line) list.push(line);
    }
    byUpdate.set(r.payload.updateId, list);
  }
  return byUpdate;
}

const attemptOf = (e: IncidentEvent) => (e.type === 'delivery.sent' || e.type === 'delivery.failed' ? e.payload.attempt : 0);
type EventOf<T extends IncidentEvent['type']> = Extract<IncidentEvent, { type: T }>;
