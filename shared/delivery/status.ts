// Where each posted update and each page went: folds delivery.requested / page.requested / .sent / .failed /
// .retried into one line per (request, target) for the console ("Sent 14:02", "Failed: ... retrying 14:05",
// "Queued"), and a page's acknowledgement through its link.
import type { IncidentEvent } from '../incident/events';
import { targetKey } from '../incident/events-delivery';
import { PAGE_TARGET } from '../incident/events-paging';

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
  const { requests, lines } = foldLines(events);
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

export interface PageStatus {
  pageId: string;
  roleId: string;
  /** Who the console showed as on call when paging (the server decides who it actually pages: see line.detail). */
  person: string | null;
  requestedAt: number;
  requestedBy: string;
  line: DeliveryLine;
  /** The paged person's acknowledgement through the page's link. */
  acknowledged: { at: number; by: string } | null;
}

/** Every page of the incident, oldest first, with where it went (the same outcome rules as updates) and its acknowledgement. */
export function pagesOf(events: Iterable<IncidentEvent>): PageStatus[] {
  const list = [...events];
  const { pages, lines } = foldLines(list);
  const acks = new Map<string, { at: number; by: string }>();
  for (const e of list) {
    if (e.type === 'incident.acknowledged' && e.payload.pageId && !acks.has(e.payload.pageId)) {
      acks.set(e.payload.pageId, { at: Date.parse(e.occurredAt), by: e.payload.person ?? e.actor.name });
    }
  }
  return pages.sort((a, b) => (a.hlc < b.hlc ? -1 : 1)).map((p) => ({
    pageId: p.id, roleId: p.payload.roleId, person: p.payload.person ?? null, requestedAt: Date.parse(p.recordedAt), requestedBy: p.actor.name,
    line: lines.get(`${p.id}|${PAGE_TARGET}`) as DeliveryLine, acknowledged: acks.get(p.id) ?? null,
  }));
}

/** One line per (request, target) of send requests and pages, with every outcome and retry applied. */
function foldLines(events: Iterable<IncidentEvent>) {
  const requests: Array<EventOf<'delivery.requested'>> = [];
  const pages: Array<EventOf<'page.requested'>> = [];
  const lines = new Map<string, DeliveryLine>();
  const retries = new Map<string, number>();
  const outcomes: IncidentEvent[] = [];
  for (const e of events) {
    if (e.type === 'delivery.requested') requests.push(e);
    else if (e.type === 'page.requested') pages.push(e);
    else if (e.type === 'delivery.sent' || e.type === 'delivery.failed') outcomes.push(e);
    else if (e.type === 'delivery.retried') {
      const k = `${e.payload.requestId}|${e.payload.target}`;
      retries.set(k, Math.max(retries.get(k) ?? 0, Date.parse(e.recordedAt)));
    }
  }
  const queued = (requestId: string, target: string, at: string): DeliveryLine =>
    ({ requestId, target, state: 'queued', at: Date.parse(at), attempt: 0, detail: '', reason: null, nextAttemptAt: null, sandbox: false });
  for (const r of requests) {
    for (const t of r.payload.targets) lines.set(`${r.id}|${targetKey(t)}`, queued(r.id, targetKey(t), r.recordedAt));
  }
  for (const p of pages) lines.set(`${p.id}|${PAGE_TARGET}`, queued(p.id, PAGE_TARGET, p.recordedAt));
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
  return { requests, pages, lines };
}

const attemptOf = (e: IncidentEvent) => (e.type === 'delivery.sent' || e.type === 'delivery.failed' ? e.payload.attempt : 0);
type EventOf<T extends IncidentEvent['type']> = Extract<IncidentEvent, { type: T }>;
