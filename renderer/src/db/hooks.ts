// React hooks over the local database: live incident state, the team's plan and contacts, the plan an incident
// runs on, the list, identity.
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useSyncExternalStore } from 'react';
import type { IncidentState } from '@shared/incident/state';
import { defaultPlan } from '@shared/plan/default-plan';
import type { Plan } from '@shared/plan/schema';
import { planForIncident, type IncidentPlan } from '@shared/workspace/incident-plan';
import type { TeamState } from '@shared/workspace/team';
import { activeIncidents } from './active-incidents';
import { db } from './instance';
import { liveIncident } from './live-incident';
import { liveMaintenance, type MaintenanceStream } from './live-maintenance';
import { liveTeam } from './live-team';
import { readIdentity } from './meta';
import { scheduleSummaries } from './summaries';
import type { Contact, Identity, IncidentSummary, RestrictedRow } from './types';

const noIncident = { subscribe: () => () => undefined, getSnapshot: () => undefined };

/** The incident's projected state, live; undefined while loading (or for an empty id). */
export function useIncidentState(incidentId: string): IncidentState | undefined {
  const live = incidentId ? liveIncident(db, incidentId) : noIncident;
  return useSyncExternalStore(live.subscribe, live.getSnapshot);
}

const always = { subscribe: () => () => undefined, isComplete: () => true };

/** False while an incident opened without a snapshot is still reading its older log entries (newest first). */
export function useIncidentComplete(incidentId: string): boolean {
  const live = incidentId ? liveIncident(db, incidentId) : always;
  return useSyncExternalStore(live.subscribe, live.isComplete);
}

/** The team stream folded (plan, versions, contacts); undefined while it is first read. */
export function useTeam(): TeamState | undefined {
  const live = liveTeam(db);
  return useSyncExternalStore(live.subscribe, live.getSnapshot);
}

/** The workspace's planned maintenance windows and their events; undefined while first read. */
export function useMaintenance(): MaintenanceStream | undefined {
  const live = liveMaintenance(db);
  return useSyncExternalStore(live.subscribe, live.getSnapshot);
}

/**
 * The team's current plan (the latest published, or the built-in plan), for screens not about one incident.
 * An incident's screens use useIncidentPlan: an incident runs on the plan it pinned.
 */
export function useActivePlan(): Plan {
  return useTeam()?.plan ?? defaultPlan;
}

/** Which plan judges this incident, and whether a newer one can be adopted; undefined while loading. */
export function useIncidentPlanInfo(state: IncidentState | undefined): IncidentPlan | undefined {
  const team = useTeam();
  return state && team ? planForIncident(state, team) : undefined;
}

/** The plan that judges this incident (its pinned or adopted plan); the team's plan while loading. */
export function useIncidentPlan(state: IncidentState | undefined): Plan {
  const team = useTeam();
  return state && team ? planForIncident(state, team).plan : team?.plan ?? defaultPlan;
}

/** For screens over many incidents (metrics, reviews, action items): each incident's own plan. */
export function usePlanOf(): (state: IncidentState) => Plan {
  const team = useTeam();
  return useMemo(() => (team ? (state: IncidentState) => planForIncident(state, team).plan : () => defaultPlan), [team]);
}

/** The team's contact sheet, by name; undefined while loading. */
export function useContacts(): Contact[] | undefined {
  return useTeam()?.contacts;
}

let caughtUp = false;

/** Once per app start: fold whatever an earlier session stored but did not fold into the summaries (summaries.ts). */
function catchUpSummaries(): void {
  if (!caughtUp) { caughtUp = true; scheduleSummaries(db); }
}

export function useIncidentList(): IncidentSummary[] | undefined {
  catchUpSummaries();
  return useLiveQuery(() => db.incidents.toArray(), []);
}

/** The incidents not resolved or closed, live (active-incidents.ts: a write to a closed one does not run it again). */
export function useActiveIncidentList(): IncidentSummary[] | undefined {
  catchUpSummaries();
  return useLiveQuery(() => activeIncidents(db).toArray(), []);
}

/** One incident's summary row (null: none), live. */
export function useIncidentSummary(incidentId: string): IncidentSummary | null | undefined {
  return useLiveQuery(async () => (await db.incidents.get(incidentId)) ?? null, [incidentId]);
}

/** Identity, or undefined while it is being read (the first-run screen waits on it). */
export function useIdentityState(): Identity | undefined {
  return useLiveQuery(() => readIdentity(db), []);
}

export function useIdentity(): Identity {
  return useIdentityState() ?? { name: '', deviceId: '' };
}

/** Incidents this console was told it may no longer see (restricted, it is not among the participants): only that they exist. */
export function useRestrictedNotices(): RestrictedRow[] | undefined {
  return useLiveQuery(() => db.restricted.orderBy('hiddenAt').reverse().toArray(), []);
}

export function useRestrictedNotice(incidentId: string): RestrictedRow | null | undefined {
  return useLiveQuery(async () => (await db.restricted.get(incidentId)) ?? null, [incidentId]);
}
