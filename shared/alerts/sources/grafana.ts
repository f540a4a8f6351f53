// Grafana alerting's webhook contact point (format version 1): Alertmanager's shape plus Grafana's fields, every
// numeric expression of the rule among them (values, valueString). Shape from grafana/alerting (AGPL-3.0; shape only,
// no code): receivers/webhook/v1/webhook.go and templates/template_data.go (test/fixtures/alerts/README.md).
import { z } from 'zod';
import { url } from '../payloads';
import { alertmanagerAlert, alertmanagerSchema, AM_ALERT_KEYS, normaliseAlert } from './alertmanager';
import { defineSource } from './source';

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

const GRAFANA_ALERT_KEYS = [...AM_ALERT_KEYS, 'values', 'valueString'] as const;

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

export const grafana = defineSource({
  id: 'grafana',
  words: 'Grafana alerting',
  shortName: 'Grafana',
  format: 'webhook contact point, `version: "1"`',
  reference: 'grafana/alerting receivers/webhook/v1/webhook.go, templates/template_data.go',
  tokenIn: 'header',
  schema: grafanaSchema,
  toNotification: (p) => ({
    groupKey: p.groupKey, status: p.status, receiver: p.receiver,
    ...(p.title ? { title: p.title } : {}),
    groupLabels: p.groupLabels, commonLabels: p.commonLabels, commonAnnotations: p.commonAnnotations,
    ...(p.externalURL ? { externalURL: p.externalURL } : {}),
    truncatedAlerts: p.truncatedAlerts,
    alerts: p.alerts.map((a) => normaliseAlert(a, GRAFANA_ALERT_KEYS, grafanaValue(a.values, a.valueString))),
  }),
});

export const parseGrafana = (input: unknown, now = Date.now()) => grafana.read(input, now);
