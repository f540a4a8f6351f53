// Drills and tabletops held on this device or synced to it, listed apart from real incidents.
import { exerciseClock } from '@shared/drills/schedule';
import { useUi } from '../../core/ui-store';
import { useNow } from '../../core/useNow';
import { formatDateTime } from '../../core/format';
import { useDrillUi } from './drill-ui-store';
import { exerciseTime, modeLabel } from './format';
import { useDrillStates } from './useDrillStates';

export function DrillList() {
  const drills = useDrillStates();
  const now = useNow(1000);
  const show = useDrillUi((s) => s.show);
  const openIncident = useUi((s) => s.openIncident);
  if (!drills) return <p role="status">Loading drills…</p>;
  const exercises = drills
    .map((state) => ({ state, clock: exerciseClock(state.exercise.controls, now) }))
    .filter(({ clock }) => clock.mode !== 'training')
    .sort((a, b) => (b.clock.startedAt ?? b.state.detectedAt) - (a.clock.startedAt ?? a.state.detectedAt));
  return (
    <section aria-label="Drills held" className="drill-list">
      <h3>Drills and tabletops</h3>
      {exercises.length === 0 ? <p className="muted">No drills yet: start one from a script.</p> : (
        <table className="drill-table">
          <thead><tr><th scope="col">Drill</th><th scope="col">Kind</th><th scope="col">Started</th><th scope="col">Exercise clock</th><th scope="col">Actions</th></tr></thead>
          <tbody>
            {exercises.map(({ state, clock }) => (
              <tr key={state.id}>
                <td><span className="badge drill">DRILL</span> {state.title}</td>
                <td>{modeLabel(clock.mode)}</td>
                <td>{formatDateTime(clock.startedAt ?? state.detectedAt)}</td>
                <td>{clock.mode === 'tabletop' ? clock.phase : `${exerciseTime(clock.elapsedMs)} (${clock.phase})`}</td>
                <td className="actions">
                  <button type="button" className="small" aria-label={`Facilitate ${state.title}`} onClick={() => show({ kind: 'facilitate', incidentId: state.id })}>Facilitate</button>
                  <button type="button" className="small" aria-label={`Debrief ${state.title}`} onClick={() => show({ kind: 'debrief', incidentId: state.id })}>Debrief</button>
                  <button type="button" className="small" aria-label={`Open console for ${state.title}`} onClick={() => openIncident(state.id)}>Console</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
