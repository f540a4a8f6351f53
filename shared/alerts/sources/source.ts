// What one alert source declares (docs/architecture.md, "How to add an alert source"): its id (the route
// /api/v1/intake/<id>, the alert group's source, the metrics label), its words, where its payload's shape comes from,
// the payload schema (lenient: extra fields kept, the fields relied on strict) and how a payload maps to one alert
// group (group key, status, and each alert's fingerprint, start, end and value). Everything that lists sources
// derives from registry.ts.
import type { z } from 'zod';
import { checkJsonShape } from '../json-shape';
import type { AlertNotification, ParseResult } from '../payloads';
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
  /** Shape check, schema, mapping: a notification, or the first problem named by its path. */
  read(input: unknown, now: number): ParseResult;
}

export interface SourceDefinition<K extends string, S extends z.ZodType> extends Omit<AlertSourceAdapter<K>, 'read'> {
  /** The sender's payload. */
  schema: S;
  /** One accepted payload as alert groups; `now` is the time of receipt (a stand-in where the sender gives no time). */
  toNotification(payload: z.output<S>, now: number): SourceNotification;
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
      return { ok: true, notification: { source: def.id as AlertNotification['source'], ...toNotification(r.data, now) } };
    },
  };
}
