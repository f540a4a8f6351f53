// Update-cadence compliance: was every update the plan requires posted on time, given the severity in force?
import type { IncidentState } from '../incident/state';
import type { Plan } from '../plan/schema';
import { parseDuration } from '../time/duration';

export interface CadenceCompliance {
  audience: string;
  /** Updates that were owed by the end of the measured window. */
  owed: number;
  onTime: number;
  late: number;
  /** Whole cadence intervals that passed with no update at all. */
  missed: number;
  /** onTime / owed, or null when nothing was owed. */
  ratio: number | null;
}

function severityAt(state: IncidentState, t: number): string | null {
  let current: string | null = state.severityHistory[0]?.severity ?? state.severity;
  for (const change of state.severityHistory) if (change.at <= t) current = change.severity;
  return current;
}

function cadenceFor(plan: Plan, severityId: string | null, audience: string) {
  const cadence = plan.severities.find((s) => s.id === severityId)?.updateCadences.find((c) => c.audience === audience);
  return cadence ? { every: parseDuration(cadence.every), first: parseDuration(cadence.firstAfter ?? cadence.every) } : null;
}

/**
 * Walks the window [detectedAt, resolvedAt ?? now]. Each update answers the obligation open at that time:
 * on time if posted by the due time, late otherwise (and every full interval skipped counts as missed).
 * A severity change re-targets the open obligation from the same anchor, as the live clocks do.
 */
export function cadenceCompliance(state: IncidentState, plan: Plan, audience: string, now: number): CadenceCompliance {
  const end = state.resolvedAt ?? now;
  const updates = state.updates.filter((u) => u.audience === audience && u.at <= end).map((u) => u.at).sort((a, b) => a - b);
  const changes = state.severityHistory.map((c) => c.at).filter((t) => t > state.detectedAt && t <= end).sort((a, b) => a - b);
  const result: CadenceCompliance = { audience, owed: 0, onTime: 0, late: 0, missed: 0, ratio: null };
  let anchor = state.detectedAt;
  let first = true;
  let next = 0; // index into updates

  for (let guard = 0; guard < 100_000; guard++) {
    // The due time of the open obligation, re-targeted by severity changes after the anchor.
    let cadence = cadenceFor(plan, severityAt(state, anchor), audience);
    let due = cadence ? anchor + (first ? cadence.first : cadence.every) : Infinity;
    for (const change of changes) {
      if (change <= anchor || change >= due) continue;
      cadence = cadenceFor(plan, severityAt(state, change), audience);
      due = cadence ? Math.max(change, anchor + (first ? cadence.first : cadence.every)) : Infinity;
    }
    while (next < updates.length && (updates[next] as number) < anchor) next++;
    const update = updates[next];
    if (!cadence || due === Infinity) {
      // Nothing owed under this severity: resume at the next update or severity change.
      const resume = Math.min(update ?? Infinity, changes.find((c) => c > anchor) ?? Infinity);
      if (resume === Infinity) break;
      if (update !== undefined && update === resume) { next++; first = false; }
      anchor = resume;
      continue;
    }
    if (update !== undefined && update <= due) {
      result.owed++; result.onTime++;
    } else if (update !== undefined) {
      result.owed++; result.late++;
      result.missed += Math.floor((update - due) / cadence.every);
      result.owed += Math.floor((update - due) / cadence.every);
    } else {
      if (end > due) {
        const skipped = 1 + Math.floor((end - due) / cadence.every);
        result.owed += skipped; result.missed += skipped;
      }
      break;
    }
    anchor = update;
    first = false;
    next++;
  }
  result.ratio = result.owed ? result.onTime / result.owed : null;
  return result;
}
