// The permanent DRILL banner for a drill incident's console; also keeps the facilitator's injects firing there.
import { exerciseClock } from '@shared/drills/schedule';
import { useNow } from '../../core/useNow';
import { useIncidentState } from '../../db/hooks';
import { findScript, useScripts } from './script-store';
import { exerciseTime, modeLabel } from './format';
import { useInjectRunner } from './useInjectRunner';
import './drills.css';

export function DrillBanner({ incidentId }: { incidentId: string }) {
  const state = useIncidentState(incidentId);
  const scripts = useScripts();
  const now = useNow(1000);
  const clock = state ? exerciseClock(state.exercise.controls, now) : null;
  useInjectRunner(state?.drill ? state : undefined, clock?.mode === 'live' ? findScript(scripts, clock.scriptId) : null);
  if (!state?.drill || !clock) return null;
  const latest = state.exercise.injects[state.exercise.injects.length - 1];
  return (
    <div className="drill-banner" role="note" aria-label="Drill banner">
      <strong>DRILL</strong>
      <span>This is an exercise, not a real incident. {modeLabel(clock.mode)}.</span>
      {clock.mode !== 'tabletop' && clock.phase !== 'not-started' && (
        <span aria-label="Exercise clock">{exerciseTime(clock.elapsedMs)}{clock.phase === 'paused' ? ' (paused)' : clock.phase === 'ended' ? ' (ended)' : ''}</span>
      )}
      {latest && <span className="drill-banner-inject">Latest inject: {latest.title}</span>}
    </div>
  );
}
