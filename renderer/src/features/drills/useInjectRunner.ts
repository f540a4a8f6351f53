// Fires scripted injects when the schedule says so. Only the device that started the exercise fires, so
// several laptops on the same drill (through sync) do not fire the same inject twice.
import { useEffect } from 'react';
import { injectSchedule } from '@shared/drills/schedule';
import type { DrillScript } from '@shared/drills/script';
import type { IncidentState } from '@shared/incident/state';
import { useNow } from '../../core/useNow';
import { useIdentity } from '../../db/hooks';
import { fireInject } from './commands';

/** Inject ids being recorded right now, per incident (the live state catches up a moment later). */
const inFlight = new Set<string>();

export function startedOnThisDevice(state: IncidentState, deviceId: string): boolean {
  const start = state.timeline.find((e) => e.event.type === 'exercise.control' && e.event.payload.action === 'start');
  return start !== undefined && deviceId !== '' && start.actor.deviceId === deviceId;
}

export function useInjectRunner(state: IncidentState | undefined, script: DrillScript | null): void {
  const now = useNow(1000);
  const { deviceId } = useIdentity();
  useEffect(() => {
    if (!state || !script || !startedOnThisDevice(state, deviceId)) return;
    const { due, fired } = injectSchedule(script, state.exercise, now);
    for (const id of fired) inFlight.delete(`${state.id}:${id}`);
    void (async () => {
      for (const inject of due) {
        const key = `${state.id}:${inject.id}`;
        if (inFlight.has(key)) continue;
        inFlight.add(key);
        try {
          await fireInject(state.id, inject);
        } catch (error) {
          inFlight.delete(key);
          console.error('could not fire inject', error);
          return;
        }
      }
    })();
  }, [state, script, now, deviceId]);
}
