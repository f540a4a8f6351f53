// The route table: every page of the shell (a closed PageId union, so a page without a route does not compile),
// what it renders, and whether and where it appears in the navigation.
import { lazy, Suspense, type ReactNode } from 'react';
import { ConsolePage } from '../features/console';
import { DeclarePage } from '../features/declare';
import { IncidentList } from '../features/incidents';
import type { PageId } from '../core/ui-store';

export interface Route {
  render: (incidentId: string | null) => ReactNode;
  /** Its entry in the main navigation; pages without one mark the entry they belong under instead. */
  nav?: string;
  /** The navigation entry shown as current on this page (itself when it has one). */
  under?: PageId;
  /** The console shows its own incident's attention strip, so the app-wide one is hidden there. */
  ownAttention?: boolean;
  /** Extra class on the shell (the console's full-height layout). */
  shellClass?: string;
}

/**
 * A page loaded on first use (its feature's page.ts is a chunk of its own): the first load carries the shell,
 * the list, declare and the console only, and charts (recharts) arrive with the Metrics page.
 */
function onDemand<K extends string>(load: () => Promise<Record<K, () => ReactNode>>, name: K): () => ReactNode {
  const Page = lazy(async (): Promise<{ default: () => ReactNode }> => ({ default: (await load())[name] }));
  return () => <Suspense fallback={<p role="status">Loading…</p>}><Page /></Suspense>;
}

/** In navigation order. */
export const ROUTES: Record<PageId, Route> = {
  incidents: { nav: 'Incidents', render: () => <IncidentList /> },
  declare: { under: 'incidents', render: () => <DeclarePage /> },
  // An incident id is required; without one (it was never chosen) the list shows, as the first page.
  console: {
    under: 'incidents', ownAttention: true, shellClass: 'shell-console',
    render: (incidentId) => (incidentId ? <ConsolePage key={incidentId} incidentId={incidentId} /> : <IncidentList />),
  },
  alerts: { nav: 'Alerts', render: onDemand(() => import('../features/alerts/page'), 'AlertsPage') },
  status: { nav: 'Status page', render: onDemand(() => import('../features/maintenance/page'), 'MaintenancePage') },
  contacts: { nav: 'Contacts', render: onDemand(() => import('../features/contacts/page'), 'ContactsPage') },
  plan: { nav: 'Plan', render: onDemand(() => import('../features/plan/page'), 'PlanPage') },
  reviews: { nav: 'Reviews', render: onDemand(() => import('../features/pir/page'), 'ReviewsPage') },
  actions: { nav: 'Actions', render: onDemand(() => import('../features/actions/page'), 'ActionsPage') },
  metrics: { nav: 'Metrics', render: onDemand(() => import('../features/metrics/page'), 'MetricsPage') },
  drills: { nav: 'Drills', render: onDemand(() => import('../features/drills/page'), 'DrillsPage') },
  server: { nav: 'Server', render: onDemand(() => import('../features/sync/page'), 'SyncPage') },
  settings: { nav: 'Settings', render: onDemand(() => import('../features/settings/page'), 'SettingsPage') },
};

export interface NavEntry { id: PageId; label: string }

export const NAV_ENTRIES: NavEntry[] = (Object.entries(ROUTES) as Array<[PageId, Route]>)
  .flatMap(([id, route]) => (route.nav ? [{ id, label: route.nav }] : []));

/** The navigation entry that reads as current on a page. */
export function currentNav(page: PageId): PageId {
  return ROUTES[page].under ?? page;
}
