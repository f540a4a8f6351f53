// What one alert source declares (docs/architecture.md, "How to add an alert source"): its id (the route
// /api/v1/intake/<id>, the alert group's source, the metrics label), its words, where its payload's shape comes from,
// the payload schema (lenient: extra fields kept, the fields relied on strict) and how a payload maps to one alert
// group (group key, status, and each alert's fingerprint, start, end and value). Everything that lists sources
// derives from registry.ts.
import type { z } from 'zod';
import { checkJsonShape } from '../json-shape';
import { annotationMap, labelMap, type AlertNotification, type ParseResult } from '../payloads';
import { issuePath } from '../../validation/zod-issues';

/** A notification as a source reads it; the intake adds the source's id. */
export type SourceNotification = Omit<AlertNotification, 'source'>;

export interface AlertSourceAdapter<K extends string = string> {
  /** The route segment (/api/v1/intake/<id>), the group's `source` and the metrics label. */
  id: K;
  /** How people call the sender ("Prometheus Alertmanager"). */
  words: string;
  /** How the console names an alert from it, in a detection source ("Alertmanager alert"). */
  shortName: string;
  /** The sender's format in a few words, for the docs table ('webhook, `version: "4"`'). */
  format: string;
  /** Where the payload's shape is taken from: the sender's own source or docs. */
  reference: string;
  /** How its senders usually present the integration token: a bearer header, or in the path when they cannot set one. */
  tokenIn: 'header' | 'path';
  /**
   * A sender that signs its body: `header` carries the hex HMAC-SHA256 of the raw body keyed with the secret the server's
   * environment variable `setting` holds. When that is set, the intake refuses a body without the header or with
   * another signature (401); unset, the token alone admits it.
   */
  signature?: { header: string; setting: string };
  /** Shape check, schema, mapping: a notification, or the first problem named by its path. */
  read(input: unknown, now: number): ParseResult;
}

export interface SourceDefinition<K extends string, S extends z.ZodType> extends Omit<AlertSourceAdapter<K>, 'read'> {
  /** The sender's payload. */
  schema: S;
  /** One accepted payload as alert groups; `now` is the time of receipt (a stand-in where the sender gives no time). */
  toNotification(payload: z.output<S>, now: number): SourceNotification;
}

/** What a mapping made that the log cannot hold: the first such value, named as the alert's field. */
function mappedProblem(n: SourceNotification): { path: string; message: string } | null {
  for (const [i, a] of n.alerts.entries()) {
    for (const [field, schema, value] of [['labels', labelMap, a.labels], ['annotations', annotationMap, a.annotations]] as const) {
      const r = schema.safeParse(value);
      if (!r.success) {
        const issue = r.error.issues[0];
        return { path: issuePath([`alerts`, i, field, ...(issue?.path ?? [])]), message: issue?.message ?? 'invalid' };
      }
    }
    for (const field of ['startsAt', 'endsAt'] as const) {
      const t = a[field];
      if (t !== undefined && Number.isNaN(Date.parse(t))) return { path: issuePath(['alerts', i, field]), message: 'not a time' };
    }
  }
  return null;
}

/** Declares a source: the shape checks every intake applies (depth, NUL, lone surrogates), then its schema, then its mapping. */
export function defineSource<K extends string, S extends z.ZodType>(def: SourceDefinition<K, S>): AlertSourceAdapter<K> & { schema: S } {
  const { toNotification, ...rest } = def;
  return {
    ...rest,
    read(input, now) {
      const bad = checkJsonShape(input);
      if (bad) return { ok: false, ...bad };
      const r = def.schema.safeParse(input);
      if (!r.success) {
        const issue = r.error.issues[0];
        return { ok: false, path: issuePath(issue?.path ?? []), message: issue?.message ?? 'invalid' };
      }
      // The mapping is the adapter's own code: what it makes is checked like a payload (labels, annotations, times),
      // so a value it did not bound is a 400 naming it, never a 5xx further on.
      let mapped: SourceNotification;
      try {
        mapped = toNotification(r.data, now);
      } catch (err) {
        return { ok: false, path: '', message: `could not be read as a ${def.shortName}: ${err instanceof Error ? err.message : String(err)}` };
      }
      const problem = mappedProblem(mapped);
      if (problem) return { ok: false, ...problem };
      return { ok: true, notification: { source: def.id as AlertNotification['source'], ...mapped } };
    },
  };
}
