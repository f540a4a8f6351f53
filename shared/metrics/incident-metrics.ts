// Response metrics of one incident, with the definitions the PIR and the dashboard use.
import type { IncidentState } from '../incident/state';
import type { Plan } from '../plan/schema';
import { parseDuration } from '../time/duration';
import { cadenceCompliance, type CadenceCompliance } from './cadence';

/**
 * Definitions (all durations in ms, null until the milestone happens):
 * - timeToDetect       = detectedAt - impactStartedAt
 * - timeToAcknowledge  = acknowledgedAt - impactStartedAt  (acknowledged: by the incident's rule, shared/incident/acknowledgement.ts: a responder's own acknowledgement)
 * - timeToMitigate     = mitigatedAt - impactStartedAt     (mitigated: first move to monitoring, resolved or closed)
 * - timeToResolve      = resolvedAt - impactStartedAt      (resolved: the last move to resolved, if still resolved/closed)
 * The plan's response and resolution targets are judged from detection, as the live clocks run:
 * - responseTime   = acknowledgedAt - detectedAt, against the current severity's response target
 * - resolutionTime = resolvedAt - detectedAt, against its resolution target
 */
export interface IncidentMetrics {
  timeToDetect: number | null;
  timeToAcknowledge: number | null;
  timeToMitigate: number | null;
  timeToResolve: number | null;
  responseTime: number | null;
  resolutionTime: number | null;
  impactDuration: number | null;
  responseTargetMs: number | null;
  resolutionTargetMs: number | null;
  responseTargetMet: boolean | null;
  resolutionTargetMet: boolean | null;
  cadence: CadenceCompliance[];
}

const since = (from: number, to: number | null) => (to === null ? null : Math.max(0, to - from));

export function incidentMetrics(state: IncidentState, plan: Plan, now: number): IncidentMetrics {
  const severity = plan.severities.find((s) => s.id === state.severity);
  const responseTargetMs = severity ? parseDuration(severity.responseTarget) : null;
  const resolutionTargetMs = severity ? parseDuration(severity.resolutionTarget) : null;
  const responseTime = since(state.detectedAt, state.acknowledgedAt);
  const resolutionTime = since(state.detectedAt, state.resolvedAt);
  const audiences = new Set<string>();
  for (const s of plan.severities) for (const c of s.updateCadences) audiences.add(c.audience);
  return {
    timeToDetect: since(state.impactStartedAt, state.detectedAt),
    timeToAcknowledge: since(state.impactStartedAt, state.acknowledgedAt),
    timeToMitigate: since(state.impactStartedAt, state.mitigatedAt),
    timeToResolve: since(state.impactStartedAt, state.resolvedAt),
    responseTime,
    resolutionTime,
    impactDuration: since(state.impactStartedAt, state.mitigatedAt ?? state.resolvedAt),
    responseTargetMs,
    resolutionTargetMs,
    responseTargetMet: responseTime === null || responseTargetMs === null ? null : responseTime <= responseTargetMs,
    resolutionTargetMet: resolutionTime === null || resolutionTargetMs === null ? null : resolutionTime <= resolutionTargetMs,
    cadence: [...audiences].map((audience) => cadenceCompliance(state, plan, audience, now)),
  };
}
