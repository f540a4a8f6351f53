// Mount once in the shell: keeps firing the injects of every live drill this device started, on any page, until the
// drill is closed (ending the exercise closes it), also once it is resolved (a script may relapse after that).
import { exerciseClock } from '@shared/drills/schedule';
import type { IncidentState } from '@shared/incident/state';
import { useActiveDrillStates } from './useDrillStates';
import { findScript, useScripts, type ScriptListItem } from './script-store';
import { useInjectRunner } from './useInjectRunner';

function Runner({ state, scripts }: { state: IncidentState; scripts: ScriptListItem[] | undefined }) {
  useInjectRunner(state, findScript(scripts, exerciseClock(state.exercise.controls, Date.now()).scriptId));
  return null;
}

export function DrillInjectRunners() {
  const drills = useActiveDrillStates();
  const scripts = useScripts();
  const running = (drills ?? []).filter((s) => {
    const clock = exerciseClock(s.exercise.controls, Date.now());
    return clock.mode === 'live' && (clock.phase === 'running' || clock.phase === 'paused');
  });
  return <>{running.map((s) => <Runner key={s.id} state={s} scripts={scripts} />)}</>;
}
