// Sentry through its Integration Platform (an internal integration's webhook), three of its resources:
// - issue alerts (`Sentry-Hook-Resource: event_alert`, `action: triggered`): an alert rule whose action is the
//   integration posts the event that triggered it. One alert group per Sentry issue (`issue_id`), one alert per issue:
//   each trigger of the same issue is a repeat of its open episode, never a new incident. Shape from Sentry's docs
//   (getsentry/sentry-docs, integration-platform/webhooks/issue-alerts.mdx, kept as
//   test/fixtures/alerts/sentry-issue-alert.json) and source (sentry_apps/tasks/sentry_apps.py `_webhook_event_data`:
//   the event's `as_dict()` plus `url`, `web_url`, `issue_url` and `issue_id`, a string). Only what is read is kept:
//   the event's stack, request headers and user address never reach the log.
// - issue webhooks (`Sentry-Hook-Resource: issue`; webhooks/issues.mdx, test/fixtures/alerts/sentry-issue.json):
//   `action: resolved` ends the issue's alert (the same group: `data.issue.id` is the issue alert's `issue_id`); the
//   other actions (created, assigned, archived, unresolved) are answered and not stored, and so is the resolution of an
//   issue that never alerted here.
// - metric alerts (`Sentry-Hook-Resource: metric_alert`; webhooks/metric-alerts.mdx,
//   test/fixtures/alerts/sentry-metric-alert-resolved.json): `critical` and `warning` fire, `resolved` ends. One group
//   and one alert per alert rule; each Sentry incident of the rule (`metric_alert`, its `date_started`) is an episode.
// Sentry signs every webhook (`Sentry-Hook-Signature`: hex HMAC-SHA256 of the body with the integration's Client
// Secret; sentry_apps/models/sentry_app.py `build_signature`): the intake checks it when SENTRY_CLIENT_SECRET is set.
import { z } from 'zod';
import { time, url } from '../payloads';
import { defineSource, type SourceNotification } from './source';

const sentryEvent = z.looseObject({
  issue_id: z.string().trim().min(1, 'must not be empty').max(200),
  title: z.string().trim().min(1, 'must not be empty').max(2_000),
  level: z.string().max(50).optional(),
  culprit: z.string().max(2_000).nullable().optional(),
  /** When the event happened (ISO, microseconds); `timestamp` is the same in seconds. */
  datetime: time.optional(),
  /** Seconds since 1970; a time no clock can show (before 1970, after 9999) is refused, saying so. */
  timestamp: z.number().min(0, 'expected seconds since 1970').max(253_402_300_799, 'expected seconds since 1970').optional(),
  environment: z.string().max(200).nullable().optional(),
  project: z.union([z.number(), z.string().max(200)]).optional(),
  event_id: z.string().max(200).optional(),
  web_url: url.optional(),
  /** The event's API address, which names the project's slug: .../projects/<org>/<project>/events/<id>/. */
  url: url.optional(),
  issue_url: url.optional(),
  /** [key, value] pairs (environment, release, …). */
  tags: z.array(z.unknown()).max(1_000).optional(),
});

const issueAlertSchema = z.looseObject({
  action: z.literal('triggered', { message: 'expected "triggered" (an issue alert; Sentry-Hook-Resource: event_alert)' }),
  data: z.looseObject({
    event: sentryEvent,
    triggered_rule: z.string().trim().min(1, 'must not be empty').max(500),
  }),
});

/** Sentry writes its ids as strings ("1170820242"); a number is taken as the same id. */
const sentryId = z.union([z.string().trim().min(1, 'must not be empty').max(200), z.number().int().nonnegative()]).transform(String);

const issueSchema = z.looseObject({
  action: z.string().max(100),
  data: z.looseObject({
    issue: z.looseObject({
      id: sentryId,
      title: z.string().trim().min(1, 'must not be empty').max(2_000),
      level: z.string().max(50).optional(),
      web_url: url.optional(),
      project: z.looseObject({ slug: z.string().max(200).optional() }).optional(),
    }),
  }),
});

const METRIC_ACTIONS = ['critical', 'warning', 'resolved'] as const;
const metricAlertSchema = z.looseObject({
  action: z.enum(METRIC_ACTIONS, { message: 'expected "critical", "warning" or "resolved" (a metric alert; Sentry-Hook-Resource: metric_alert)' }),
  data: z.looseObject({
    description_title: z.string().max(2_000).optional(),
    description_text: z.string().max(20_000).optional(),
    web_url: url.optional(),
    metric_alert: z.looseObject({
      id: sentryId,
      title: z.string().max(2_000).optional(),
      date_started: time.optional(),
      date_detected: time.optional(),
      date_closed: time.nullable().optional(),
      projects: z.array(z.string().max(200)).max(1_000).optional(),
      alert_rule: z.looseObject({
        id: sentryId,
        name: z.string().trim().min(1, 'must not be empty').max(500),
        environment: z.string().max(200).nullable().optional(),
        projects: z.array(z.string().max(200)).max(1_000).optional(),
      }),
    }),
  }),
});

const objectAt = (v: unknown, key: string): Record<string, unknown> | undefined => {
  const o = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;
  return o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>) : undefined;
};

/** Which resource a body is, by what its `data` holds (the Sentry-Hook-Resource header says the same; bodies are read alone). */
const sentrySchema = z.unknown().transform((input, ctx) => {
  const data = objectAt(input, 'data');
  const [kind, schema] = data && 'metric_alert' in data ? ['metric_alert', metricAlertSchema] as const
    : data && 'issue' in data ? ['issue', issueSchema] as const : ['event_alert', issueAlertSchema] as const;
  const r = schema.safeParse(input);
  if (!r.success) {
    for (const issue of r.error.issues) ctx.addIssue({ ...issue, path: issue.path } as Parameters<typeof ctx.addIssue>[0]);
    return z.NEVER;
  }
  switch (kind) {
    case 'metric_alert': return { kind, payload: r.data as z.output<typeof metricAlertSchema> };
    case 'issue': return { kind, payload: r.data as z.output<typeof issueSchema> };
    default: return { kind, payload: r.data as z.output<typeof issueAlertSchema> };
  }
});

/**
 * Sentry's levels (fatal, error, warning, info, debug) in the severity words monitoring uses, which intake rules match
 * (the built-in ones: critical, error, warning, info): a fatal crash is critical. Sentry's own word stays as `level`.
 */
const SEVERITY_OF_LEVEL: Record<string, string> = { fatal: 'critical', debug: 'info' };

/** Sentry bounds no tag: a label keeps the first 2,000 characters of one (the log's limit), never refusing the alert. */
const LABEL_MAX = 2_000;

/** A tag's value from Sentry's [key, value] pairs, cut to a label's length. */
const tagOf = (tags: readonly unknown[] | undefined, key: string): string | undefined => {
  const pair = tags?.find((t): t is [string, string] => Array.isArray(t) && t[0] === key && typeof t[1] === 'string');
  return pair?.[1].slice(0, LABEL_MAX);
};

/** The project's slug, as people name it in Sentry and in intake rules, from the event's API address. */
const projectSlugOf = (eventUrl: string | undefined): string | undefined =>
  eventUrl ? /\/projects\/[^/]+\/([^/]+)\/events\//.exec(eventUrl)?.[1] : undefined;

type IssueAlert = z.output<typeof issueAlertSchema>;
type Issue = z.output<typeof issueSchema>;
type MetricAlert = z.output<typeof metricAlertSchema>;
const receipt = (now: number) => new Date(now).toISOString();

/** An issue webhook: its resolution ends the issue's alert (kept under the held alert's name and labels); anything else is not stored. */
function issueNotification({ action, data: { issue } }: Issue, now: number): SourceNotification {
  const base = { groupKey: issue.id, receiver: '', title: issue.title, groupLabels: { issue: issue.id }, commonLabels: {}, commonAnnotations: {}, truncatedAlerts: 0 };
  if (action !== 'resolved') return { ...base, status: 'firing', alerts: [], ignored: `Sentry issue ${action.slice(0, 100)}: of issue webhooks only a resolution is read (an issue alert rule raises the alert)` };
  const labels: Record<string, string> = issue.project?.slug ? { project: issue.project.slug } : {};
  return {
    ...base, status: 'resolved', commonLabels: labels, onlyIfHeld: true,
    alerts: [{
      fingerprint: issue.id, status: 'resolved', labels, annotations: {},
      // The issue's open episode ends when Sentry says it was resolved, which is when this arrives.
      startsAt: receipt(now), startsAtAssumed: true, endsAt: receipt(now), endsAtAssumed: true,
      ...(issue.web_url ? { generatorURL: issue.web_url } : {}),
    }],
  };
}

/** A metric alert: one alert per rule, each Sentry incident of it an episode; critical and warning fire, resolved ends. */
function metricNotification({ action, data }: MetricAlert, now: number): SourceNotification {
  const m = data.metric_alert;
  const rule = m.alert_rule;
  const key = `metric-alert:${rule.id}`;
  const project = rule.projects?.[0] ?? m.projects?.[0];
  const labels: Record<string, string> = {
    alertname: rule.name,
    ...(action !== 'resolved' ? { severity: action } : {}),
    ...(project ? { project } : {}),
    ...(rule.environment ? { environment: rule.environment } : {}),
  };
  const annotations: Record<string, string> = {
    ...(data.description_text ? { summary: data.description_text } : {}),
    ...(data.description_title ? { description: data.description_title } : {}),
  };
  const started = m.date_started ?? m.date_detected;
  const startsAt = started ? Math.min(Date.parse(started), now) : now;
  const resolved = action === 'resolved';
  const closed = resolved && m.date_closed ? Date.parse(m.date_closed) : undefined;
  return {
    groupKey: key, status: resolved ? 'resolved' : 'firing', receiver: '', title: rule.name,
    groupLabels: { alert_rule: rule.id }, commonLabels: labels, commonAnnotations: annotations, truncatedAlerts: 0,
    ...(resolved ? { onlyIfHeld: true as const } : {}),
    alerts: [{
      fingerprint: key, status: resolved ? 'resolved' : 'firing', labels, annotations,
      startsAt: new Date(startsAt).toISOString(), ...(started ? {} : { startsAtAssumed: true as const }),
      ...(resolved ? { endsAt: new Date(Math.min(closed ?? now, now)).toISOString(), ...(closed === undefined ? { endsAtAssumed: true as const } : {}) } : {}),
      ...(data.web_url ? { generatorURL: data.web_url } : {}),
      extra: { metric_alert: m.id },
    }],
  };
}

/** An issue alert: the event that triggered the rule, as a firing alert of its issue. */
function issueAlertNotification({ data }: IssueAlert, now: number): SourceNotification {
  const e = data.event;
  const environment = (e.environment ?? tagOf(e.tags, 'environment'))?.slice(0, LABEL_MAX);
  const slug = projectSlugOf(e.url);
  const labels: Record<string, string> = {
    alertname: data.triggered_rule.slice(0, 2_000),
    ...(e.level ? { severity: SEVERITY_OF_LEVEL[e.level] ?? e.level } : {}),
    ...(e.level && SEVERITY_OF_LEVEL[e.level] ? { level: e.level } : {}),
    // The slug ("front-end") is what a rule names; Sentry's numeric id stays as project_id.
    ...(slug ? { project: slug } : e.project !== undefined ? { project: String(e.project) } : {}),
    ...(slug && e.project !== undefined ? { project_id: String(e.project) } : {}),
    ...(environment ? { environment } : {}),
    ...(tagOf(e.tags, 'release') ? { release: tagOf(e.tags, 'release') as string } : {}),
  };
  const annotations: Record<string, string> = {
    summary: e.title,
    ...(e.culprit ? { culprit: e.culprit } : {}),
    ...(e.issue_url ? { issue_url: e.issue_url } : {}),
  };
  const at = e.datetime ? Date.parse(e.datetime) : e.timestamp !== undefined ? e.timestamp * 1000 : now;
  return {
    groupKey: e.issue_id, status: 'firing', receiver: '', title: e.title,
    groupLabels: { issue: e.issue_id }, commonLabels: labels, commonAnnotations: annotations, truncatedAlerts: 0,
    alerts: [{
      fingerprint: e.issue_id, status: 'firing', labels, annotations,
      // The event's time starts the issue's episode the first time; a later trigger joins the open one.
      startsAt: new Date(Number.isFinite(at) ? Math.min(at, now) : now).toISOString(), startsAtAssumed: true,
      ...(e.web_url ? { generatorURL: e.web_url } : {}),
      ...(e.event_id ? { extra: { event_id: e.event_id } } : {}),
    }],
  };
}

export const sentry = defineSource({
  id: 'sentry',
  words: 'Sentry',
  shortName: 'Sentry',
  format: 'Integration Platform webhooks: `event_alert` (issue alerts), `issue` (resolved), `metric_alert`',
  reference: 'getsentry/sentry-docs integration-platform/webhooks/issue-alerts.mdx, issues.mdx, metric-alerts.mdx; getsentry/sentry sentry_apps/tasks/sentry_apps.py',
  // An internal integration's webhook URL is all Sentry lets one set: the token goes in the path.
  tokenIn: 'path',
  signature: { header: 'Sentry-Hook-Signature', setting: 'SENTRY_CLIENT_SECRET' },
  schema: sentrySchema,
  toNotification: (body, now) => {
    if (body.kind === 'issue') return issueNotification(body.payload, now);
    if (body.kind === 'metric_alert') return metricNotification(body.payload, now);
    return issueAlertNotification(body.payload, now);
  },
});
