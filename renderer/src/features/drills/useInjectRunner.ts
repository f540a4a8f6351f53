// Fires scripted injects when the schedule says so. Only the device that started the exercise fires, so
// several laptops on the same drill (through sync) do not fire the same inject twice.
import { useEffect } from 'react';
import { injectSchedule } from '@shared/drills/schedule';
import type { DrillScript, Inject } from '@shared/drills/script';
import type { IncidentState } from '@shared/incident/state';
import { useNow } from '../../core/useNow';
import { useIdentity } from '../../db/hooks';
import { fireInject } from './commands';

/**
 * Injects this device recorded, or is recording, this session (`incident:inject`). Several runners watch the same
 * drill, each with its own copy of the state (the console's live one, the shell's drill list, the facilitator's
 * view), and each catches up with a write at its own pace; so a claim stays until the app restarts (an inject fires
 * once per incident) and is given back only when the write failed. A runner whose state still lags never fires twice.
 */
const claimed = new Set<string>();

export function startedOnThisDevice(state: IncidentState, deviceId: string): boolean {
  const start = state.timeline.find((e) => e.event.type === 'exercise.control' && e.event.payload.action === 'start');
  return start !== undefined && deviceId !== '' && start.actor.deviceId === deviceId;
}

/** The injects to fire now by this state, each claimed in `claims` so that no runner fires it again. */
export function claimDue(state: IncidentState, script: DrillScript, now: number, claims: Set<string> = claimed): Inject[] {
  const out: Inject[] = [];
  for (const inject of injectSchedule(script, state.exercise, now).due) {
    const key = `${state.id}:${inject.id}`;
    if (claims.has(key)) continue;
    claims.add(key);
    out.push(inject);
  }
  return out;
}

export function useInjectRunner(state: IncidentState | undefined, script: DrillScript | null): void {
  const now = useNow(1000);
  const { deviceId } = useIdentity();
  useEffect(() => {
    if (!state || !script || !startedOnThisDevice(state, deviceId)) return;
    const due = claimDue(state, script, now);
    void (async () => {
      for (const [i, inject] of due.entries()) {
        try {
          await fireInject(state.id, inject);
        } catch (error) {
          for (const left of due.slice(i)) claimed.delete(`${state.id}:${left.id}`); // not written: may fire again
          console.error('could not fire inject', error);
          return;
        }
      }
    })();
  }, [state, script, now, deviceId]);
}
