// Sentry's issue-alert webhook (Integration Platform, `Sentry-Hook-Resource: event_alert`): an alert rule whose action
// is an internal integration posts the event that triggered it. One alert group per Sentry issue (`issue_id`), one
// alert per issue: each trigger of the same issue is a repeat of its open episode, never a new incident. Shape from
// Sentry's docs (getsentry/sentry-docs, integration-platform/webhooks/issue-alerts.mdx, its payload kept as
// test/fixtures/alerts/sentry-issue-alert.json) and source (sentry_apps/tasks/sentry_apps.py `_webhook_event_data`:
// the event's `as_dict()` plus `url`, `web_url`, `issue_url` and `issue_id`, a string). Only what is read is kept:
// the event's stack, request headers and user address never reach the log.
import { z } from 'zod';
import { time, url } from '../payloads';
import { defineSource } from './source';

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

const sentrySchema = z.looseObject({
  action: z.literal('triggered', { message: 'expected "triggered" (an issue alert; Sentry-Hook-Resource: event_alert)' }),
  data: z.looseObject({
    event: sentryEvent,
    triggered_rule: z.string().trim().min(1, 'must not be empty').max(500),
  }),
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

export const sentry = defineSource({
  id: 'sentry',
  words: 'Sentry issue alerts',
  shortName: 'Sentry',
  format: 'Integration Platform webhook, `Sentry-Hook-Resource: event_alert`',
  reference: 'getsentry/sentry-docs integration-platform/webhooks/issue-alerts.mdx; getsentry/sentry sentry_apps/tasks/sentry_apps.py',
  // An internal integration's webhook URL is all Sentry lets one set: the token goes in the path.
  tokenIn: 'path',
  schema: sentrySchema,
  toNotification: ({ data }, now) => {
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
  },
});
