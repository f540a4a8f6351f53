// Which status-page updates of an incident are public: the delivery.requested events with a status-page
// target whose delivery the server recorded as sent (the hosted page shows exactly what was delivered).
import type { IncidentEvent } from '../incident/events';
import type { StatusPageFields } from '../incident/events-delivery';

export interface PublishedUpdate {
  requestId: string;
  updateId: string;
  fields: StatusPageFields;
  /** The public text: the update's own (statusPage.body); for requests before it existed, the update's text. */
  body: string;
  /** The incident's public title with this update; null on requests before it existed. */
  title: string | null;
  /** When the server published it (ms). */
  at: number;
}

export function publishedStatusUpdates(events: Iterable<IncidentEvent>): PublishedUpdate[] {
  const requests = new Map<string, Extract<IncidentEvent, { type: 'delivery.requested' }>>();
  const texts = new Map<string, string>();
  const sentAt = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'delivery.requested' && e.payload.statusPage && e.payload.targets.some((t) => t.channel === 'status-page')) requests.set(e.id, e);
    else if (e.type === 'update.posted') texts.set(e.id, e.payload.text);
    else if (e.type === 'delivery.sent' && e.payload.target === 'status-page') {
      const at = Date.parse(e.occurredAt);
      sentAt.set(e.payload.requestId, Math.min(sentAt.get(e.payload.requestId) ?? at, at));
    }
  }
  const out: PublishedUpdate[] = [];
  for (const [id, r] of requests) {
    const at = sentAt.get(id);
    const fields = r.payload.statusPage;
    if (at === undefined || !fields) continue;
    out.push({ requestId: id, updateId: r.payload.updateId, fields, body: fields.body ?? texts.get(r.payload.updateId) ?? '', title: r.payload.publicTitle ?? null, at });
  }
  return out.sort((a, b) => a.at - b.at || (a.requestId < b.requestId ? -1 : 1));
}

/** The public title an incident shows: its latest published update's (older incidents without one: `fallback`). */
export function publishedTitle(updates: readonly PublishedUpdate[], fallback: string): string {
  for (let i = updates.length - 1; i >= 0; i -= 1) {
    const title = updates[i]?.title;
    if (title) return title;
  }
  return fallback;
}
