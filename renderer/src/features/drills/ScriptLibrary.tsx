// The script library: start a drill or tabletop from a script, create, edit, import and export scripts.
import { useState, type ChangeEvent } from 'react';
import { exportScriptsJson, parseScriptsText, type DrillScript } from '@shared/drills/script';
import { useActivePlan } from '../../db/hooks';
import { platform } from '../../platform';
import { useCommand } from '../../core/useCommand';
import { startDrill } from './commands';
import { useDrillUi } from './drill-ui-store';
import { deleteScript, saveScripts, useScripts } from './script-store';
import { plural } from '../../core/format';

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'script';

export function ScriptLibrary() {
  const items = useScripts();
  const plan = useActivePlan();
  const show = useDrillUi((s) => s.show);
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const starting = useCommand(startDrill);
  const busy = starting.pending;
  if (!items) return <p role="status">Loading scripts…</p>;

  const start = async (script: DrillScript, mode: 'live' | 'tabletop') => {
    const outcome = await starting.run(script, mode, plan);
    if (outcome.ok) show({ kind: 'facilitate', incidentId: outcome.value });
  };
  const exportScripts = async (scripts: DrillScript[], name: string) => {
    const result = await platform.saveFile({ suggestedName: `${name}.drill-scripts.json`, content: exportScriptsJson(scripts), filters: [{ name: 'Drill scripts', extensions: ['json'] }] });
    setMessage(result.saved ? `Exported ${plural(scripts.length, 'script')}.` : 'Export cancelled.');
  };
  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const result = parseScriptsText(await file.text(), plan);
    if (!result.ok) { setErrors(result.errors); setMessage(`Import refused: ${file.name} was not imported.`); return; }
    await saveScripts(result.scripts);
    setErrors([]);
    setMessage(`Imported ${plural(result.scripts.length, 'script')}: ${result.scripts.map((s) => s.title).join(', ')}.`);
  };
  const scenarioTitle = (id: string) => plan.scenarios.find((s) => s.id === id)?.title ?? id;

  return (
    <section aria-label="Drill scripts" className="drill-scripts">
      <h3>Scenario scripts</h3>
      <div className="actions">
        <button type="button" onClick={() => show({ kind: 'edit', scriptId: null })}>New script</button>
        <label className="file-button">Import scripts (JSON)
          <input type="file" accept="application/json,.json" onChange={(e) => void importFile(e)} />
        </label>
        <button type="button" onClick={() => void exportScripts(items.map((i) => i.script), 'all')}>Export all scripts</button>
      </div>
      {message && <p role="status">{message}</p>}
      {errors.length > 0 && <ul role="alert" className="error">{errors.map((e) => <li key={e}>{e}</li>)}</ul>}
      {starting.error && <p role="alert" className="error">Drill not started: {starting.error}</p>}
      <table className="drill-table">
        <thead><tr><th scope="col">Script</th><th scope="col">Scenario</th><th scope="col">Expected</th><th scope="col">Injects</th><th scope="col">Actions</th></tr></thead>
        <tbody>
          {items.map(({ script, source }) => (
            <tr key={script.id}>
              <td>{script.title}{source !== 'default' && <span className="muted"> ({source})</span>}</td>
              <td>{scenarioTitle(script.scenarioId)}</td>
              <td>{script.expectedSeverity}</td>
              <td>{script.injects.length}</td>
              <td className="actions">
                <button type="button" className="primary small" disabled={busy} aria-label={`Start drill: ${script.title}`} onClick={() => void start(script, 'live')}>Start drill</button>
                <button type="button" className="small" disabled={busy} aria-label={`Start tabletop: ${script.title}`} onClick={() => void start(script, 'tabletop')}>Tabletop</button>
                <button type="button" className="small" aria-label={`Edit script: ${script.title}`} onClick={() => show({ kind: 'edit', scriptId: script.id })}>Edit</button>
                <button type="button" className="small" aria-label={`Export script: ${script.title}`} onClick={() => void exportScripts([script], slug(script.id))}>Export</button>
                {source !== 'default' && (
                  <button type="button" className="small" aria-label={`${source === 'saved' ? 'Delete' : 'Restore default'} script: ${script.title}`} onClick={() => void deleteScript(script.id)}>
                    {source === 'saved' ? 'Delete' : 'Restore default'}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
