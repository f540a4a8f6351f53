// Webhook payloads from monitoring (Prometheus Alertmanager v4, Grafana alerting v1, a small generic JSON),
// parsed with zod and normalised to one notification shape. Lenient about extra fields (kept), strict about
// the fields we rely on, every error named by its path.
import { z } from 'zod';
import { v5 as uuidv5 } from 'uuid';
import { checkJsonShape } from './json-shape';
import { issuePath } from '../validation/zod-issues';

export const ALERT_SOURCES = ['alertmanager', 'grafana', 'generic'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];
export const ALERT_STATUSES = ['firing', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Alertmanager's "not set" time: firing alerts carry endsAt 0001-01-01T00:00:00Z. */
const ZERO_TIME_BEFORE = Date.UTC(1970, 0, 1);

const labelName = z.string().min(1, 'must not be empty').max(200);
const labelMap = z.record(labelName, z.string().max(2_000, 'longer than 2000 characters'))
  .refine((m) => Object.keys(m).length <= 100, { message: 'more than 100 entries' });
const annotationMap = z.record(labelName, z.string().max(20_000, 'longer than 20000 characters'))
  .refine((m) => Object.keys(m).length <= 100, { message: 'more than 100 entries' });
const url = z.string().max(2_048, 'longer than 2048 characters');
/** RFC 3339 with any number of fraction digits (Go writes nanoseconds); normalised to ISO with milliseconds. */
const time = z.string().max(64).refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
  message: 'expected an RFC 3339 date-time',
});
const status = z.enum(ALERT_STATUSES);

const alertmanagerAlert = z.looseObject({
  status,
  labels: labelMap,
  annotations: annotationMap.default({}),
  startsAt: time,
  endsAt: time.optional(),
  generatorURL: url.optional(),
  fingerprint: z.string().min(1).max(200).optional(),
});

const alertmanagerSchema = z.looseObject({
  version: z.literal('4', { message: 'expected version "4" (Alertmanager webhook format)' }),
  groupKey: z.string().min(1, 'must not be empty').max(4_000),
  truncatedAlerts: z.number().int().nonnegative().default(0),
  status,
  receiver: z.string().max(500).default(''),
  groupLabels: labelMap.default({}),
  commonLabels: labelMap.default({}),
  commonAnnotations: annotationMap.default({}),
  externalURL: url.optional(),
  alerts: z.array(alertmanagerAlert).min(1, 'must hold at least one alert').max(1_000, 'more than 1000 alerts'),
});

const grafanaAlert = alertmanagerAlert.extend({
  values: z.record(z.string(), z.number().nullable()).nullable().optional(),
  valueString: z.string().max(20_000).optional(),
  dashboardURL: url.optional(),
  panelURL: url.optional(),
  silenceURL: url.optional(),
});

const grafanaSchema = alertmanagerSchema.extend({
  version: z.literal('1', { message: 'expected version "1" (Grafana alerting webhook format)' }),
  title: z.string().max(2_000).optional(),
  state: z.string().max(100).optional(),
  message: z.string().max(20_000).optional(),
  alerts: z.array(grafanaAlert).min(1, 'must hold at least one alert').max(1_000, 'more than 1000 alerts'),
});

/** The generic intake: anything that can POST a small JSON (documented in docs/server.md). */
const genericSchema = z.looseObject({
  title: z.string().trim().min(1, 'must not be empty').max(200),
  status,
  dedupKey: z.string().trim().min(1, 'must not be empty').max(500),
  severity: z.string().max(100).optional(),
  labels: labelMap.default({}),
  annotations: annotationMap.default({}),
  sourceUrl: url.optional(),
  startsAt: time.optional(),
  endsAt: time.optional(),
  value: z.union([z.number(), z.string().max(100)]).optional(),
});

export interface NormalAlert {
  fingerprint: string;
  status: AlertStatus;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** ISO instant. */
  startsAt: string;
  /** ISO instant, absent while firing (Alertmanager's zero time or a time after now). */
  endsAt?: string;
  generatorURL?: string;
  /** A number the sender reported as the alert's value (Grafana: the measured expression, see grafanaValue). */
  reportedValue?: number;
  /** Generic intake: the sender gave no startsAt / endsAt; the time of receipt stands in until the intake reads the group's history. */
  startsAtAssumed?: true;
  endsAtAssumed?: true;
  /** Fields we do not interpret, kept as received. */
  extra?: Record<string, unknown>;
}

export interface AlertNotification {
  source: AlertSource;
  groupKey: string;
  status: AlertStatus;
  receiver: string;
  title?: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL?: string;
  truncatedAlerts: number;
  alerts: NormalAlert[];
}

export type ParseResult = { ok: true; notification: AlertNotification } | { ok: false; path: string; message: string };

const FINGERPRINT_NS = '0b7c3f2e-5a4d-4c1b-9e8f-6a2d1c3b4e5f';

/** Alertmanager sends a fingerprint; senders that do not get one derived from the sorted label set. */
export function labelFingerprint(labels: Record<string, string>): string {
  const sorted = Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join('\u0001');
  return uuidv5(sorted, FINGERPRINT_NS).replace(/-/g, '').slice(0, 16);
}

const iso = (s: string) => new Date(Date.parse(s)).toISOString();

function endOf(endsAt: string | undefined, alertStatus: AlertStatus): string | undefined {
  if (!endsAt) return undefined;
  const t = Date.parse(endsAt);
  if (t < ZERO_TIME_BEFORE) return undefined;
  // A firing alert's endsAt is Alertmanager's timeout guess, not an end: only a resolved alert has ended.
  return alertStatus === 'resolved' ? new Date(t).toISOString() : undefined;
}

function pickExtra(raw: Record<string, unknown>, known: readonly string[]): Record<string, unknown> | undefined {
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (!known.includes(k)) extra[k] = v;
  return Object.keys(extra).length > 0 ? extra : undefined;
}

const AM_ALERT_KEYS = ['status', 'labels', 'annotations', 'startsAt', 'endsAt', 'generatorURL', 'fingerprint'] as const;
const GRAFANA_ALERT_KEYS = [...AM_ALERT_KEYS, 'values', 'valueString'] as const;

function firstIssue(error: z.ZodError): { path: string; message: string } {
  const issue = error.issues[0];
  return { path: issuePath(issue?.path ?? []), message: issue?.message ?? 'invalid' };
}

/** Grafana expression types whose result is the alert condition (1 while firing), never the measured value. */
const CONDITION_TYPES = new Set(['threshold', 'classic_condition']);

/**
 * The measured value of a Grafana alert. Grafana sends every numeric expression of the rule: `values` (refId ->
 * number, from its `__values__` annotation) and `valueString` (`[ var='B' labels={…} type='reduce' value=7.25 ],
 * [ var='C' labels={…} type='threshold' value=1 ]`; `type` since Grafana 11). The condition (threshold, classic
 * condition) is 1 while firing; the value is the last other expression, the one the condition reads. Without types,
 * the last expression is taken as the condition when it is 0 or 1.
 */
export function grafanaValue(values: Record<string, number | null> | null | undefined, valueString: string | undefined): number | undefined {
  const entries: Array<{ ref: string; type?: string; value: number }> = [];
  for (const m of (valueString ?? '').matchAll(/\[\s*var='([^']*)'[^\]]*?(?:\btype='([^']*)')?\s+value=([^\s\]]+)\s*\]/g)) {
    const ref = m[1] as string;
    const value = typeof values?.[ref] === 'number' ? (values[ref] as number) : Number(m[3]);
    if (Number.isFinite(value)) entries.push({ ref, value, ...(m[2] ? { type: m[2] } : {}) });
  }
  if (entries.length === 0) {
    for (const ref of Object.keys(values ?? {}).sort()) {
      const value = values?.[ref];
      if (typeof value === 'number' && Number.isFinite(value)) entries.push({ ref, value });
    }
  }
  if (entries.length <= 1) return entries[0]?.value;
  const typed = entries.some((e) => e.type !== undefined);
  const measured = typed
    ? entries.filter((e) => !CONDITION_TYPES.has(e.type ?? ''))
    : entries.slice(0, (entries.at(-1)?.value === 0 || entries.at(-1)?.value === 1) ? -1 : undefined);
  return measured.at(-1)?.value;
}

type AmAlert = z.infer<typeof alertmanagerAlert>;

function normaliseAlert(a: AmAlert & { values?: Record<string, number | null> | null; valueString?: string }, keys: readonly string[]): NormalAlert {
  const endsAt = endOf(a.endsAt, a.status);
  const reportedValue = grafanaValue(a.values, a.valueString);
  const extra = pickExtra(a as Record<string, unknown>, keys);
  return {
    fingerprint: a.fingerprint ?? labelFingerprint(a.labels),
    status: a.status,
    labels: a.labels,
    annotations: a.annotations,
    startsAt: iso(a.startsAt),
    ...(endsAt ? { endsAt } : {}),
    ...(a.generatorURL ? { generatorURL: a.generatorURL } : {}),
    ...(reportedValue !== undefined ? { reportedValue } : {}),
    ...(extra ? { extra } : {}),
  };
}

/** Shape checks every intake applies before its schema: depth, NUL characters, lone surrogates. */
function precheck(input: unknown): ParseResult | undefined {
  const bad = checkJsonShape(input);
  return bad ? { ok: false, ...bad } : undefined;
}

export function parseAlertmanager(input: unknown): ParseResult {
  const bad = precheck(input);
  if (bad) return bad;
  const r = alertmanagerSchema.safeParse(input);
  if (!r.success) return { ok: false, ...firstIssue(r.error) };
  const p = r.data;
  return {
    ok: true,
    notification: {
      source: 'alertmanager', groupKey: p.groupKey, status: p.status, receiver: p.receiver,
      groupLabels: p.groupLabels, commonLabels: p.commonLabels, commonAnnotations: p.commonAnnotations,
      ...(p.externalURL ? { externalURL: p.externalURL } : {}),
      truncatedAlerts: p.truncatedAlerts,
      alerts: p.alerts.map((a) => normaliseAlert(a, AM_ALERT_KEYS)),
    },
  };
}

export function parseGrafana(input: unknown): ParseResult {
  const bad = precheck(input);
  if (bad) return bad;
  const r = grafanaSchema.safeParse(input);
  if (!r.success) return { ok: false, ...firstIssue(r.error) };
  const p = r.data;
  return {
    ok: true,
    notification: {
      source: 'grafana', groupKey: p.groupKey, status: p.status, receiver: p.receiver,
      ...(p.title ? { title: p.title } : {}),
      groupLabels: p.groupLabels, commonLabels: p.commonLabels, commonAnnotations: p.commonAnnotations,
      ...(p.externalURL ? { externalURL: p.externalURL } : {}),
      truncatedAlerts: p.truncatedAlerts,
      alerts: p.alerts.map((a) => normaliseAlert(a, GRAFANA_ALERT_KEYS)),
    },
  };
}

const GENERIC_KEYS = ['title', 'status', 'dedupKey', 'severity', 'labels', 'annotations', 'sourceUrl', 'startsAt', 'endsAt', 'value'] as const;

/** The generic intake is one alert per dedup key; `now` stands in for a missing startsAt. */
export function parseGeneric(input: unknown, now: number): ParseResult {
  const bad = precheck(input);
  if (bad) return bad;
  const r = genericSchema.safeParse(input);
  if (!r.success) return { ok: false, ...firstIssue(r.error) };
  const p = r.data;
  const labels = { alertname: p.title, ...p.labels, ...(p.severity ? { severity: p.severity } : {}) };
  const annotations = { ...p.annotations, ...(p.value !== undefined ? { value: String(p.value) } : {}) };
  // A resolution without a usable end (none, or Go's zero time) ended when it was received, as far as we know.
  const givenEnd = endOf(p.endsAt, p.status);
  const endsAt = givenEnd ?? (p.status === 'resolved' ? new Date(now).toISOString() : undefined);
  const extra = pickExtra(p as Record<string, unknown>, GENERIC_KEYS);
  return {
    ok: true,
    notification: {
      source: 'generic', groupKey: p.dedupKey, status: p.status, receiver: '', title: p.title,
      groupLabels: {}, commonLabels: labels, commonAnnotations: annotations, truncatedAlerts: 0,
      alerts: [{
        fingerprint: labelFingerprint({ dedupKey: p.dedupKey }),
        status: p.status, labels, annotations,
        startsAt: p.startsAt ? iso(p.startsAt) : new Date(now).toISOString(),
        ...(p.startsAt ? {} : { startsAtAssumed: true as const }),
        ...(endsAt ? { endsAt } : {}),
        ...(endsAt && !givenEnd ? { endsAtAssumed: true as const } : {}),
        ...(p.sourceUrl ? { generatorURL: p.sourceUrl } : {}),
        ...(extra ? { extra } : {}),
      }],
    },
  };
}
