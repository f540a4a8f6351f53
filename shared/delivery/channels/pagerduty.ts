// PagerDuty Events API v2 (POST https://events.pagerduty.com/v2/enqueue): an update sent to a PagerDuty service
// triggers, acknowledges or resolves that service's alert for the incident, one alert per incident by its dedup key:
// `trigger` while nobody has acknowledged (PagerDuty pages its on-call), `acknowledge` once someone has (it stops
// escalating), `resolve` once the incident is resolved. PagerDuty takes an acknowledge or a resolve only for an open
// alert under its dedup key and drops it otherwise, so until this service holds the incident's alert (no update went to
// it since the incident (re)opened) the trigger goes first and the acknowledge or resolve right after it. A retry sends
// the same dedup key, and PagerDuty folds a repeated trigger into the open alert: nobody is paged twice. The shape is PagerDuty's published schema
// (PagerDuty/api-schema reference/events-v2/openapiv3.json; test/fixtures/pagerduty/). "Send test" is a change
// event (/v2/change/enqueue), which PagerDuty shows on the service and which pages no one.
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
 * Whether this service holds an open alert for the incident: an earlier update's delivery to it was sent after the
 * incident last (re)opened (a resolve before a reopening closed that alert, and a trigger under the same dedup key then
 * raises a new one). Judged in clock order (`hlc`), so a reopening the server had seen before a send counts before it.
 */
export function alertRaised(job: Pick<UpdateToSend, 'incident' | 'requestId' | 'targetKey'>): boolean {
  const events = job.incident.systemTimeline.map((t) => t.event).sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  let raised = false;
  let resolved = false;
  for (const e of events) {
    if (e.type === 'status.changed') {
      if (isClosed(e.payload.to)) resolved = true;
      else if (resolved) { resolved = false; raised = false; }
    } else if (e.type === 'delivery.sent' && e.payload.target === job.targetKey && e.payload.requestId !== job.requestId) raised = true;
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

/** The events an update sends, in order: the trigger first while the service holds no open alert for the incident. */
export function pagerdutyEvents(job: UpdateToSend, at: RenderContext & { secret: string }): PagerDutyEvent[] {
  const action = eventAction(job);
  const followUp: PagerDutyEvent = { routing_key: at.secret, event_action: action, dedup_key: `${DEDUP_PREFIX}${job.incident.id}` };
  if (action === 'trigger') return [triggerEvent(job, at)];
  return alertRaised(job) ? [followUp] : [triggerEvent(job, at), followUp];
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
      const [first, ...then] = pagerdutyEvents(job, { ...at, secret: at.secret });
      return { body: first, ...(then.length > 0 ? { then } : {}) };
    },
    test: (at) => (at.secret ? {
      url: new URL('change/enqueue', at.url).toString(),
      body: {
        routing_key: at.secret,
        payload: { summary: `Test from Incident Console, sent by ${at.by} from the Integrations page. No incident is open because of it.`, timestamp: at.now.toISOString(), source: hostOf(at.publicUrl) },
        links: [{ href: statusUrlOf(at.publicUrl), text: 'Status page' }],
      },
    } : { refuse: 'no integration key is set for this service' }),
  },
});
