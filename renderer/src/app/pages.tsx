// Navigation entries of the shell. Features from later issues add their page here (id, label, element).
import type { ReactNode } from 'react';
import { AlertsPage } from '../features/alerts';
import { ContactsPage } from '../features/contacts';
import { DrillsPage } from '../features/drills';
import { IncidentList } from '../features/incidents/IncidentList';
import { PlanPage } from '../features/plan';
import { ReviewsPage } from '../features/pir';
import { ActionsPage } from '../features/actions';
import { MetricsPage } from '../features/metrics';
import { SettingsPage } from '../features/settings';
import { SyncPage } from '../features/sync';
import type { PageId } from '../core/ui-store';

export interface NavPage {
  id: PageId;
  label: string;
  render: () => ReactNode;
}

export const NAV_PAGES: NavPage[] = [
  { id: 'incidents', label: 'Incidents', render: () => <IncidentList /> },
  { id: 'alerts', label: 'Alerts', render: () => <AlertsPage /> },
  { id: 'contacts', label: 'Contacts', render: () => <ContactsPage /> },
  { id: 'plan', label: 'Plan', render: () => <PlanPage /> },
  { id: 'reviews', label: 'Reviews', render: () => <ReviewsPage /> },
  { id: 'actions', label: 'Actions', render: () => <ActionsPage /> },
  { id: 'metrics', label: 'Metrics', render: () => <MetricsPage /> },
  { id: 'drills', label: 'Drills', render: () => <DrillsPage /> },
  { id: 'server', label: 'Server', render: () => <SyncPage /> },
  { id: 'settings', label: 'Settings', render: () => <SettingsPage /> },
];
