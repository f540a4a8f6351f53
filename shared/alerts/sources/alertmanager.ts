// Prometheus Alertmanager's webhook (format version 4): one notification per alert group, every alert with its own
// fingerprint, start and end. Shape from prometheus/alertmanager's notify/webhook/webhook.go (Message) and
// template/template.go (Data, Alert); fixtures recorded from a real Alertmanager 0.25 (test/fixtures/alerts/).
import { z } from 'zod';
import { alertStatus, annotationMap, endOf, iso, labelFingerprint, labelMap, pickExtra, time, url, type NormalAlert } from '../payloads';
import { defineSource } from './source';

export const alertmanagerAlert = z.looseObject({
  status: alertStatus,
  labels: labelMap,
  annotations: annotationMap.default({}),
  startsAt: time,
  endsAt: time.optional(),
  generatorURL: url.optional(),
  fingerprint: z.string().min(1).max(200).optional(),
});

export const alertmanagerSchema = z.looseObject({
  version: z.literal('4', { message: 'expected version "4" (Alertmanager webhook format)' }),
  groupKey: z.string().min(1, 'must not be empty').max(4_000),
  truncatedAlerts: z.number().int().nonnegative().default(0),
  status: alertStatus,
  receiver: z.string().max(500).default(''),
  groupLabels: labelMap.default({}),
  commonLabels: labelMap.default({}),
  commonAnnotations: annotationMap.default({}),
  externalURL: url.optional(),
  alerts: z.array(alertmanagerAlert).min(1, 'must hold at least one alert').max(1_000, 'more than 1000 alerts'),
});

export const AM_ALERT_KEYS = ['status', 'labels', 'annotations', 'startsAt', 'endsAt', 'generatorURL', 'fingerprint'] as const;

/** One alert of an Alertmanager-shaped payload (Grafana's too), its fields we do not read kept as `extra`. */
export function normaliseAlert(a: z.output<typeof alertmanagerAlert>, keys: readonly string[], reportedValue?: number): NormalAlert {
  const endsAt = endOf(a.endsAt, a.status);
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

export const alertmanager = defineSource({
  id: 'alertmanager',
  words: 'Prometheus Alertmanager',
  shortName: 'Alertmanager',
  format: 'webhook, `version: "4"`',
  reference: 'prometheus/alertmanager notify/webhook/webhook.go; recorded from Alertmanager 0.25',
  tokenIn: 'header',
  schema: alertmanagerSchema,
  toNotification: (p) => ({
    groupKey: p.groupKey, status: p.status, receiver: p.receiver,
    groupLabels: p.groupLabels, commonLabels: p.commonLabels, commonAnnotations: p.commonAnnotations,
    ...(p.externalURL ? { externalURL: p.externalURL } : {}),
    truncatedAlerts: p.truncatedAlerts,
    alerts: p.alerts.map((a) => normaliseAlert(a, AM_ALERT_KEYS)),
  }),
});

export const parseAlertmanager = (input: unknown, now = Date.now()) => alertmanager.read(input, now);
