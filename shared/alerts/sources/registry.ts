// Every alert source, one line each (docs/architecture.md, "How to add an alert source"). The intake routes, the
// alert events' `source`, the Integrations panel's addresses, the docs table (checked by registry.test.ts) and the
// intake fuzz derive from this list.
import type { AlertSourceAdapter } from './source';
import { alertmanager } from './alertmanager';
import { generic } from './generic';
import { grafana } from './grafana';
import { sentry } from './sentry';

export const SOURCES = [
  alertmanager,
  grafana,
  generic,
  sentry,
] as const;

export type AlertSource = (typeof SOURCES)[number]['id'];
export const ALERT_SOURCES = SOURCES.map((s) => s.id) as [AlertSource, ...AlertSource[]];

const byId = new Map<string, AlertSourceAdapter>(SOURCES.map((s) => [s.id, s]));
/** The source of an intake route's segment; undefined for one this server does not know. */
export const sourceOf = (id: string): AlertSourceAdapter | undefined => byId.get(id);
