// Navigation entries of the shell. Features from later issues add their page here (id, label, element).
import type { ReactNode } from 'react';
import { ContactsPage } from '../features/contacts';
import { IncidentList } from '../features/incidents/IncidentList';
import { PlanPage } from '../features/plan';
import type { PageId } from './ui-store';

export interface NavPage {
  id: PageId;
  label: string;
  render: () => ReactNode;
}

export const NAV_PAGES: NavPage[] = [
  { id: 'incidents', label: 'Incidents', render: () => <IncidentList /> },
  { id: 'contacts', label: 'Contacts', render: () => <ContactsPage /> },
  { id: 'plan', label: 'Plan', render: () => <PlanPage /> },
];
