// Declare an incident: title, impact start (back-datable), detection source and classification.
// Declaring records incident.opened and opens the console immediately.
import { useId, useState, type FormEvent } from 'react';
import { useUi } from '../../core/ui-store';
import { fromLocalInput, toLocalInput } from '../../core/format';
import { useCommand } from '../../core/useCommand';
import { useActivePlan } from '../../db/hooks';
import { impactDateNote } from './impact-start';
import { ClassificationFields, emptyClassification } from './Classification';
import { declareIncident } from './commands';
import { DateTimeInput } from '../../core/DateTimeInput';
import { VisibilityChoice, chosenVisibility, type VisibilityPick } from '../visibility';

export function DeclarePage() {
  const plan = useActivePlan();
  const openIncident = useUi((s) => s.openIncident);
  const focusTimeline = useUi((s) => s.focusTimeline);
  const [title, setTitle] = useState('');
  const [impactStart, setImpactStart] = useState(() => toLocalInput(Date.now()));
  const [source, setSource] = useState('');
  const [drill, setDrill] = useState(false);
  const [classification, setClassification] = useState(emptyClassification);
  const [visibility, setVisibility] = useState<VisibilityPick>('plan');
  const { run, pending: busy, error } = useCommand(declareIncident);
  const impactNoteId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const outcome = await run({ title, impactAt: fromLocalInput(impactStart), detectionSource: source, drill, classification,
      visibility: chosenVisibility(visibility, plan, classification.category) });
    if (outcome.ok) {
      openIncident(outcome.value);
      focusTimeline();
    }
  };

  const impactNote = impactDateNote(fromLocalInput(impactStart), Date.now());
  const sources = [...plan.monitoring.map((m) => m.name), ...plan.manualDetection];
  return (
    <form className="declare" onSubmit={submit} aria-labelledby="declare-title">
      <h2 id="declare-title">Declare an incident</h2>
      <div className="form-row">
        <label className="grow">
          Title
          <input autoFocus value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} required placeholder="What is happening, in a few words" />
        </label>
        <div className="impact-start">
          <label>
            Impact started
            <DateTimeInput value={impactStart} onChange={setImpactStart} required
              aria-describedby={impactNote ? impactNoteId : undefined} />
          </label>
          {impactNote && <span id={impactNoteId} className="impact-date-note">{impactNote}</span>}
        </div>
      </div>
      <div className="form-row">
        <label className="grow">
          Detection source
          <input list="detection-sources" value={source} onChange={(e) => setSource(e.target.value)} placeholder="Monitor, customer report, …" />
          <datalist id="detection-sources">{sources.map((s) => <option key={s} value={s} />)}</datalist>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={drill} onChange={(e) => setDrill(e.target.checked)} />
          This is a drill
        </label>
      </div>
      <h3>Classification <span className="muted">(can be refined later)</span></h3>
      <ClassificationFields plan={plan} value={classification} onChange={setClassification} />
      <VisibilityChoice plan={plan} category={classification.category} pick={visibility} onPick={setVisibility} />
      {error && <p role="alert" className="error">{error}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>Declare and open console</button>
      </div>
    </form>
  );
}
