// The generic intake: anything that can POST a small JSON (documented in docs/server.md): one alert per dedup key.
import { z } from 'zod';
import { alertStatus, annotationMap, endOf, iso, labelFingerprint, labelMap, pickExtra, time, url } from '../payloads';
import { defineSource } from './source';

const genericSchema = z.looseObject({
  title: z.string().trim().min(1, 'must not be empty').max(200),
  status: alertStatus,
  dedupKey: z.string().trim().min(1, 'must not be empty').max(500),
  severity: z.string().max(100).optional(),
  labels: labelMap.default({}),
  annotations: annotationMap.default({}),
  sourceUrl: url.optional(),
  startsAt: time.optional(),
  endsAt: time.optional(),
  value: z.union([z.number(), z.string().max(100)]).optional(),
});

const GENERIC_KEYS = ['title', 'status', 'dedupKey', 'severity', 'labels', 'annotations', 'sourceUrl', 'startsAt', 'endsAt', 'value'] as const;

export const generic = defineSource({
  id: 'generic',
  words: 'Anything else (generic JSON)',
  shortName: 'Webhook',
  format: '`{title, status, dedupKey, …}` (below)',
  reference: 'this server (docs/server.md, "Anything else")',
  tokenIn: 'path',
  schema: genericSchema,
  // One alert per dedup key; the time of receipt stands in for a missing startsAt.
  toNotification: (p, now) => {
    const labels = { alertname: p.title, ...p.labels, ...(p.severity ? { severity: p.severity } : {}) };
    const annotations = { ...p.annotations, ...(p.value !== undefined ? { value: String(p.value) } : {}) };
    // A resolution without a usable end (none, or Go's zero time) ended when it was received, as far as we know.
    const givenEnd = endOf(p.endsAt, p.status);
    const endsAt = givenEnd ?? (p.status === 'resolved' ? new Date(now).toISOString() : undefined);
    const extra = pickExtra(p as Record<string, unknown>, GENERIC_KEYS);
    return {
      groupKey: p.dedupKey, status: p.status, receiver: '', title: p.title,
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
    };
  },
});

export const parseGeneric = (input: unknown, now: number) => generic.read(input, now);
