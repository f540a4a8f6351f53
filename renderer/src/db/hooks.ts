// React hooks over the local database: live incident state, the active plan, contacts, the list, identity.
import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import type { IncidentState } from '@shared/incident/state';
import { defaultPlan } from '@shared/plan/default-plan';
import type { Plan } from '@shared/plan/schema';
import { db } from './instance';
import { liveIncident } from './live-incident';
import { readIdentity } from './meta';
import type { Contact, Identity, IncidentSummary } from './types';

const noIncident = { subscribe: () => () => undefined, getSnapshot: () => undefined };

/** The incident's projected state, live; undefined while loading (or for an empty id). */
export function useIncidentState(incidentId: string): IncidentState | undefined {
  const live = incidentId ? liveIncident(db, incidentId) : noIncident;
  return useSyncExternalStore(live.subscribe, live.getSnapshot);
}

/** The imported plan, or the default plan until one was imported. */
export function useActivePlan(): Plan {
  const row = useLiveQuery(() => db.plans.get('active'), []);
  return row?.plan ?? defaultPlan;
}

export function useContacts(): Contact[] | undefined {
  return useLiveQuery(() => db.contacts.orderBy('name').toArray(), []);
}

export function useIncidentList(): IncidentSummary[] | undefined {
  return useLiveQuery(() => db.incidents.toArray(), []);
}

/** Identity, or undefined while it is being read (the first-run screen waits on it). */
export function useIdentityState(): Identity | undefined {
  return useLiveQuery(() => readIdentity(db), []);
}

export function useIdentity(): Identity {
  return useIdentityState() ?? { name: '', deviceId: '' };
}
