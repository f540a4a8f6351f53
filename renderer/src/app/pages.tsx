// The route table: every page of the shell (a closed PageId union, so a page without a route does not compile),
// what it renders, and whether and where it appears in the navigation.
import type { ReactNode } from 'react';
import { ActionsPage } from '../features/actions';
import { AlertsPage } from '../features/alerts';
import { ConsolePage } from '../features/console';
import { ContactsPage } from '../features/contacts';
import { DeclarePage } from '../features/declare';
import { DrillsPage } from '../features/drills';
import { IncidentList } from '../features/incidents';
import { MetricsPage } from '../features/metrics';
import { PlanPage } from '../features/plan';
import { ReviewsPage } from '../features/pir';
import { SettingsPage } from '../features/settings';
import { SyncPage } from '../features/sync';
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

/** In navigation order. */
export const ROUTES: Record<PageId, Route> = {
  incidents: { nav: 'Incidents', render: () => <IncidentList /> },
  declare: { under: 'incidents', render: () => <DeclarePage /> },
  // An incident id is required; without one (it was never chosen) the list shows, as the first page.
  console: {
    under: 'incidents', ownAttention: true, shellClass: 'shell-console',
    render: (incidentId) => (incidentId ? <ConsolePage key={incidentId} incidentId={incidentId} /> : <IncidentList />),
  },
  alerts: { nav: 'Alerts', render: () => <AlertsPage /> },
  contacts: { nav: 'Contacts', render: () => <ContactsPage /> },
  plan: { nav: 'Plan', render: () => <PlanPage /> },
  reviews: { nav: 'Reviews', render: () => <ReviewsPage /> },
  actions: { nav: 'Actions', render: () => <ActionsPage /> },
  metrics: { nav: 'Metrics', render: () => <MetricsPage /> },
  drills: { nav: 'Drills', render: () => <DrillsPage /> },
  server: { nav: 'Server', render: () => <SyncPage /> },
  settings: { nav: 'Settings', render: () => <SettingsPage /> },
};

export interface NavEntry { id: PageId; label: string }

export const NAV_ENTRIES: NavEntry[] = (Object.entries(ROUTES) as Array<[PageId, Route]>)
  .flatMap(([id, route]) => (route.nav ? [{ id, label: route.nav }] : []));

/** The navigation entry that reads as current on a page. */
export function currentNav(page: PageId): PageId {
  return ROUTES[page].under ?? page;
}
