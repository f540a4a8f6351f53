// The shapes every alert source maps its sender's payload to (shared/alerts/sources/): one notification of one alert
// group, its alerts normalised (fingerprint, status, start and end, labels, annotations, a reported value), and the
// zod pieces and time rules the sources share. Lenient about extra fields (kept), strict about the fields relied on.
import { z } from 'zod';
import { v5 as uuidv5 } from 'uuid';
import type { AlertSource } from './sources/registry';

export type { AlertSource };
export const ALERT_STATUSES = ['firing', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Alertmanager's "not set" time: firing alerts carry endsAt 0001-01-01T00:00:00Z. */
const ZERO_TIME_BEFORE = Date.UTC(1970, 0, 1);

const labelName = z.string().min(1, 'must not be empty').max(200);
export const labelMap = z.record(labelName, z.string().max(2_000, 'longer than 2000 characters'))
  .refine((m) => Object.keys(m).length <= 100, { message: 'more than 100 entries' });
export const annotationMap = z.record(labelName, z.string().max(20_000, 'longer than 20000 characters'))
  .refine((m) => Object.keys(m).length <= 100, { message: 'more than 100 entries' });
export const url = z.string().max(2_048, 'longer than 2048 characters');
/** RFC 3339 with any number of fraction digits (Go writes nanoseconds); normalised to ISO with milliseconds. */
export const time = z.string().max(64).refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
  message: 'expected an RFC 3339 date-time',
});
export const alertStatus = z.enum(ALERT_STATUSES);

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
  /**
   * The sender names no episode start (generic without startsAt: the receipt stands in): the start of the alert's
   * open episode wins once the intake reads the group's history, so a repeat joins it.
   */
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
  /** The sender's message holds nothing for the log (Sentry: an issue created or assigned): answered, nothing stored. */
  ignored?: string;
  /**
   * It only ends what the group holds: stored only when the server already holds the group (Sentry reports every
   * issue of the organisation resolved, most of which never alerted).
   */
  onlyIfHeld?: true;
}

export type ParseResult = { ok: true; notification: AlertNotification } | { ok: false; path: string; message: string };

const FINGERPRINT_NS = '0b7c3f2e-5a4d-4c1b-9e8f-6a2d1c3b4e5f';

/** Alertmanager sends a fingerprint; senders that do not get one derived from the sorted label set. */
export function labelFingerprint(labels: Record<string, string>): string {
  const sorted = Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join('\u0001');
  return uuidv5(sorted, FINGERPRINT_NS).replace(/-/g, '').slice(0, 16);
}

export const iso = (s: string) => new Date(Date.parse(s)).toISOString();

/** An alert's end: only a resolved alert has ended, and Go's zero time means none. */
export function endOf(endsAt: string | undefined, alertStatus: AlertStatus): string | undefined {
  if (!endsAt) return undefined;
  const t = Date.parse(endsAt);
  if (t < ZERO_TIME_BEFORE) return undefined;
  // A firing alert's endsAt is Alertmanager's timeout guess, not an end: only a resolved alert has ended.
  return alertStatus === 'resolved' ? new Date(t).toISOString() : undefined;
}

/** The fields of a payload the source does not interpret, kept as received. */
export function pickExtra(raw: Record<string, unknown>, known: readonly string[]): Record<string, unknown> | undefined {
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (!known.includes(k)) extra[k] = v;
  return Object.keys(extra).length > 0 ? extra : undefined;
}
