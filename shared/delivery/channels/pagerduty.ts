// PagerDuty Events API v2 (POST https://events.pagerduty.com/v2/enqueue): an update sent to a PagerDuty service
// triggers, acknowledges or resolves that service's alert for the incident, one alert per incident by its dedup key:
// `trigger` while nobody has acknowledged (PagerDuty pages its on-call), `acknowledge` once someone has (it stops
// escalating), `resolve` once the incident is resolved. PagerDuty pages only while nobody has acknowledged: an
// incident already acknowledged or resolved when this service first hears of it (no alert of it open there) raises no
// alert. PagerDuty would drop an acknowledge or resolve for a key with no open alert, and a trigger would wake its
// on-call for an incident someone is on or that is over, so that update goes as a change event (/v2/change/enqueue),
// which PagerDuty shows on the service and which pages no one. A retry sends the same dedup key, and PagerDuty folds a
// repeated trigger into the open alert: nobody is paged twice. The shape is PagerDuty's published schema
// (PagerDuty/api-schema reference/events-v2/openapiv3.json; test/fixtures/pagerduty/). "Send test" is a change event too.
import { z } from 'zod';
import { defineChannel, destinationTarget, field, httpUrl, type RenderContext, type UpdateToSend } from './adapter';
import { statusUrlOf, updateMessage } from './message';

export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';
/** PagerDuty's summary is plain text up to 1024 characters (no markup to escape; invisible controls are removed). */
const SUMMARY_MAX = 1024;
const DEDUP_PREFIX = 'incident-console/';

type EventAction = 'trigger' | 'acknowledge' | 'resolve';
/** What an update does to the PagerDuty alert: the incident's state when it is sent. */
export function eventAction(job: Pick<UpdateToSend, 'incident'>): EventAction {
  const { status, acknowledgedAt } = job.incident;
  if (isClosed(status)) return 'resolve';
  return acknowledgedAt !== null ? 'acknowledge' : 'trigger';
}

const isClosed = (status: string) => status === 'resolved' || status === 'closed';

/**
 * Whether this service holds an open alert for the incident: an earlier update's delivery to it was a trigger (sent
 * while the incident was open and before anyone acknowledged it) after the incident last (re)opened (a resolve before
 * a reopening closed that alert). Judged in clock order (`hlc`), so a reopening the server had seen before a send
 * counts before it.
 */
export function alertRaised(job: Pick<UpdateToSend, 'incident' | 'requestId' | 'targetKey'>): boolean {
  const { acknowledgedAt } = job.incident;
  const events = job.incident.systemTimeline.map((t) => t.event).sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  let raised = false;
  let resolved = false;
  for (const e of events) {
    if (e.type === 'status.changed') {
      if (isClosed(e.payload.to)) resolved = true;
      else if (resolved) { resolved = false; raised = false; }
    } else if (e.type === 'delivery.sent' && e.payload.target === job.targetKey && e.payload.requestId !== job.requestId) {
      const wasTrigger = !resolved && (acknowledgedAt === null || Date.parse(e.occurredAt) < acknowledgedAt);
      if (wasTrigger) raised = true;
    }
  }
  return raised;
}

/** PagerDuty's four severities from the plan's order: its most severe level is critical, then error, then warning. */
function pdSeverity(job: UpdateToSend): 'critical' | 'error' | 'warning' | 'info' {
  const ranked = [...job.plan.severities].sort((a, b) => a.rank - b.rank).map((s) => s.id);
  const at = job.incident.severity ? ranked.indexOf(job.incident.severity) : -1;
  return at === -1 ? 'error' : (['critical', 'error', 'warning'] as const)[at] ?? 'info';
}

const hostOf = (url: string) => { try { return new URL(url).host; } catch { return 'incident-console'; } };

/** PagerDuty's event (its schema's `/enqueue` request body), written out: an adapter's types must not depend on the events'. */
export interface PagerDutyEvent {
  routing_key: string;
  event_action: EventAction;
  dedup_key: string;
  payload?: {
    summary: string;
    source: string;
    severity: 'critical' | 'error' | 'warning' | 'info';
    timestamp: string;
    class: string;
    custom_details: Record<string, string>;
  };
  client?: string;
  client_url?: string;
  links?: Array<{ href: string; text: string }>;
}

/** PagerDuty's change event (its schema's `/change/enqueue` request body): shown on the service, pages no one. */
interface PagerDutyChangeEvent {
  routing_key: string;
  payload: { summary: string; timestamp: string; source: string; custom_details?: Record<string, string> };
  links?: Array<{ href: string; text: string }>;
}

/**
 * What an update sends, and where: the trigger while nobody has acknowledged, the acknowledge or resolve of the alert
 * this service holds, or (acknowledged or resolved before this service ever had an alert of it) a change event.
 */
export function pagerdutyMessage(job: UpdateToSend, at: RenderContext & { secret: string }): { body: PagerDutyEvent | PagerDutyChangeEvent; url?: string } {
  const action = eventAction(job);
  if (action === 'trigger') return { body: triggerEvent(job, at) };
  if (alertRaised(job)) return { body: { routing_key: at.secret, event_action: action, dedup_key: `${DEDUP_PREFIX}${job.incident.id}` } };
  const m = updateMessage(job, at);
  return changeEvent(at, m.title, job.update.recordedAt, { update: m.text, ...Object.fromEntries(m.facts.map((f) => [f.title, f.value])), incident_id: job.incident.id });
}

/** A change event to the service's change endpoint (beside the Events API URL the admin set). */
function changeEvent(at: RenderContext & { secret: string }, summary: string, timestamp: string, details?: Record<string, string>): { url: string; body: PagerDutyChangeEvent } {
  return {
    url: new URL('change/enqueue', at.url).toString(),
    body: {
      routing_key: at.secret,
      payload: { summary: summary.slice(0, SUMMARY_MAX), timestamp, source: hostOf(at.publicUrl), ...(details ? { custom_details: details } : {}) },
      links: [{ href: statusUrlOf(at.publicUrl), text: 'Status page' }],
    },
  };
}

function triggerEvent(job: UpdateToSend, at: RenderContext & { secret: string }): PagerDutyEvent {
  const m = updateMessage(job, at);
  const statusUrl = statusUrlOf(at.publicUrl);
  return {
    routing_key: at.secret, event_action: 'trigger', dedup_key: `${DEDUP_PREFIX}${job.incident.id}`,
    payload: {
      summary: m.title.slice(0, SUMMARY_MAX),
      source: hostOf(at.publicUrl),
      severity: pdSeverity(job),
      timestamp: job.update.recordedAt,
      class: 'incident',
      custom_details: { update: m.text, ...Object.fromEntries(m.facts.map((f) => [f.title, f.value])), incident_id: job.incident.id },
    },
    client: 'Incident Console',
    client_url: statusUrl,
    links: [{ href: statusUrl, text: 'Status page' }],
  };
}

export const pagerduty = defineChannel({
  kind: 'pagerduty',
  words: 'PagerDuty',
  timelineName: 'PagerDuty',
  setIn: 'console',
  settings: z.object({
    secret: field(z.string().trim().regex(/^[A-Za-z0-9]{32}$/, 'expected the 32 letters and digits of an Events API v2 integration key'), {
      label: 'Integration key', input: 'secret', placeholder: 'from the service’s Events API v2 integration',
      problem: 'The integration key is the 32 letters and digits PagerDuty shows on the service’s Events API v2 integration.',
    }),
    url: field(httpUrl.default(PAGERDUTY_EVENTS_URL), {
      label: 'Events API URL', input: 'url', placeholder: PAGERDUTY_EVENTS_URL, problem: 'The URL must start with http:// or https://.',
    }),
  }),
  target: destinationTarget('pagerduty'),
  targetKey: (t) => `pagerduty:${t.destination}`,
  composer: 'destination',
  exampleName: 'payments',
  sending: {
    via: 'http',
    what: 'PagerDuty',
    render: (job, at) => {
      if (!at.secret) return { refuse: 'no integration key is set for this service' };
      return pagerdutyMessage(job, { ...at, secret: at.secret });
    },
    test: (at) => (at.secret
      ? changeEvent({ ...at, secret: at.secret }, `Test from Incident Console, sent by ${at.by} from the Integrations page. No incident is open because of it.`, at.now.toISOString())
      : { refuse: 'no integration key is set for this service' }),
  },
});
