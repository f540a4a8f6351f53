// Which plan judges an incident: the publication it was declared under, or the one its IC adopted later.
// The one resolver for clocks, steps, comms, reviews and metrics; the team's newer plan never applies silently.
import type { IncidentState, TimelineEntry } from '../incident/state';
import { defaultPlan } from '../plan/default-plan';
import type { Plan } from '../plan/schema';
import { BUILT_IN_VERSION, planVersionById, type PlanVersion, type TeamState } from './team';

export interface IncidentPlan {
  plan: Plan;
  /** The version number of the plan in use (0 = built-in); null when the pinned plan is not on this device. */
  version: number | null;
  /** The pinned publication (null = built-in plan, undefined = declared before incidents pinned a plan). */
  publishedId: string | null | undefined;
  /** How the plan was chosen. */
  source: 'declared' | 'adopted' | 'unpinned';
  /**
   * The pinned publication is not on this device yet (it syncs with the team stream): the team's current plan
   * is used meanwhile, and the console says so. `version` is what it was called when pinned.
   */
  missing: { publishedId: string; version: number | null } | null;
  /** A later publication the IC may adopt ("Adopt plan vN"), or null. */
  newer: PlanVersion | null;
}

interface Pin { publishedId: string | null | undefined; version: number | null; source: IncidentPlan['source'] }

function pinOf(state: IncidentState): Pin {
  let pin: Pin = { publishedId: undefined, version: null, source: 'unpinned' };
  let adoptedStamp = '';
  for (const entry of state.systemTimeline) {
    const e = entry.event;
    if (e.type === 'incident.opened' && pin.source !== 'adopted' && e.payload.planPublishedId !== undefined) {
      pin = { publishedId: e.payload.planPublishedId, version: e.payload.planVersion ?? null, source: 'declared' };
    } else if (e.type === 'plan.adopted') {
      const stamp = `${e.hlc}|${e.id}`;
      if (stamp > adoptedStamp) {
        adoptedStamp = stamp;
        pin = { publishedId: e.payload.publishedId, version: e.payload.version, source: 'adopted' };
      }
    }
  }
  return pin;
}

// Keyed on the system timeline (the pin is read from incident.opened and plan.adopted only), which logging an
// entry leaves as it is, so a new entry does not rescan the timeline.
const cache = new WeakMap<readonly TimelineEntry[], WeakMap<TeamState, IncidentPlan>>();

/** The plan that judges this incident, given what this device holds of the team stream. */
export function planForIncident(state: IncidentState, team: TeamState): IncidentPlan {
  const perTeam = cache.get(state.systemTimeline) ?? new WeakMap<TeamState, IncidentPlan>();
  cache.set(state.systemTimeline, perTeam);
  const hit = perTeam.get(team);
  if (hit) return hit;

  const pin = pinOf(state);
  const latest = team.versions[team.versions.length - 1];
  let result: IncidentPlan;
  if (pin.publishedId === undefined) {
    // Declared before plans were pinned: it ran on whatever plan the device had, as it always did.
    result = { plan: team.plan, version: team.planVersion, publishedId: undefined, source: 'unpinned', missing: null, newer: null };
  } else if (pin.publishedId === null) {
    result = { plan: defaultPlan, version: BUILT_IN_VERSION, publishedId: null, source: pin.source, missing: null, newer: latest ?? null };
  } else {
    const pinned = planVersionById(team, pin.publishedId);
    const newer = latest && (!pinned || latest.stamp > pinned.stamp) ? latest : null;
    result = pinned
      ? { plan: pinned.plan, version: pinned.version, publishedId: pinned.publishedId, source: pin.source, missing: null, newer }
      : {
        plan: team.plan, version: null, publishedId: pin.publishedId, source: pin.source,
        missing: { publishedId: pin.publishedId, version: pin.version }, newer: null,
      };
  }
  perTeam.set(team, result);
  return result;
}

/** What a new incident pins: the team's current plan. */
export function currentPin(team: TeamState): { planId: string; planPublishedId: string | null; planVersion: number } {
  return { planId: team.plan.id, planPublishedId: team.publishedId, planVersion: team.planVersion };
}
