// The Drills page: script library and drills held, or the facilitator / debrief / editor / training log screens.
import { DebriefPage } from './DebriefPage';
import { DrillList } from './DrillList';
import { useDrillUi } from './drill-ui-store';
import { FacilitatorView } from './FacilitatorView';
import { ScriptEditor } from './ScriptEditor';
import { ScriptLibrary } from './ScriptLibrary';
import { findScript, useScripts } from './script-store';
import { TrainingLogPage } from './TrainingLogPage';
import './drills.css';

function EditView({ scriptId }: { scriptId: string | null }) {
  const scripts = useScripts();
  if (!scripts) return <p role="status">Loading scripts…</p>;
  return <ScriptEditor key={scriptId ?? 'new'} script={findScript(scripts, scriptId)} />;
}

export function DrillsPage() {
  const view = useDrillUi((s) => s.view);
  const show = useDrillUi((s) => s.show);
  switch (view.kind) {
    case 'facilitate': return <FacilitatorView key={view.incidentId} incidentId={view.incidentId} />;
    case 'debrief': return <DebriefPage key={view.incidentId} incidentId={view.incidentId} />;
    case 'edit': return <EditView scriptId={view.scriptId} />;
    case 'log': return <TrainingLogPage />;
    default:
      return (
        <div className="drills-page">
          <header className="drill-header">
            <h2>Drills and exercises</h2>
            <div className="actions"><button type="button" onClick={() => show({ kind: 'log' })}>Training log</button></div>
          </header>
          <p className="muted">Drills run in the real console with the same clocks and checklists, marked DRILL everywhere and left out of incident metrics.</p>
          <ScriptLibrary />
          <DrillList />
        </div>
      );
  }
}
