// The breach record of a security/data incident, with the regulation's notification clock until the
// authority has been notified.
import { useState, type FormEvent } from 'react';
import { computeClocks } from '@shared/clocks/clocks';
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { formatDuration } from '@shared/time/duration';
import { formatDateTime, fromLocalInput, toLocalInput } from '../../core/format';
import { useCommand } from '../../core/useCommand';
import { recordBreach } from './commands';
import { DateTimeInput } from '../../core/DateTimeInput';

const iso = (local: string): string | null => {
  const ms = fromLocalInput(local);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

export function BreachForm({ state, plan, now }: { state: IncidentState; plan: Plan; now: number }) {
  const rule = plan.compliance.breachNotification;
  const b = state.breach;
  const [discovered, setDiscovered] = useState(toLocalInput(b?.discoveredAt ?? state.detectedAt));
  const [authority, setAuthority] = useState(b?.authority ?? '');
  const [authorityAt, setAuthorityAt] = useState(b?.authorityNotifiedAt ? toLocalInput(b.authorityNotifiedAt) : '');
  const [individualsAt, setIndividualsAt] = useState(b?.individualsNotifiedAt ? toLocalInput(b.individualsNotifiedAt) : '');
  const [highRisk, setHighRisk] = useState(b?.highRiskToIndividuals ?? false);
  const [evidence, setEvidence] = useState(b?.evidencePreserved ?? false);
  const [notes, setNotes] = useState(b?.notes ?? '');
  const [message, setMessage] = useState<string | null>(null);
  const saving = useCommand(recordBreach);
  const clock = computeClocks(state, plan, now).find((c) => c.kind === 'breach-notification');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const discoveredAt = iso(discovered);
    if (!discoveredAt) { setMessage('When was the breach discovered?'); return; }
    const outcome = await saving.run(state.id, {
      discoveredAt, authority: authority.trim(), authorityNotifiedAt: iso(authorityAt), individualsNotifiedAt: iso(individualsAt),
      highRiskToIndividuals: highRisk, evidencePreserved: evidence, notes,
    });
    setMessage(outcome.ok ? 'Breach record saved.' : outcome.failure?.message ?? null);
  };

  return (
    <section className="pir-section breach" aria-labelledby="breach-title">
      <h3 id="breach-title">{rule ? `${rule.regulation} breach record` : 'Breach record'}</h3>
      {rule && clock && clock.active && (
        <p role="timer" className={clock.state === 'overdue' ? 'badge danger' : 'badge warn'} aria-label="Breach notification clock">
          {clock.state === 'overdue' ? `Authority notification overdue by ${formatDuration(-clock.remainingMs)}` : `Notify the authority within ${formatDuration(clock.remainingMs)}`}
          {' '}(due {formatDateTime(clock.dueAt)}, {rule.window} from discovery)
        </p>
      )}
      {!rule && <p className="muted">The plan states no notification deadline, so no notification clock runs.</p>}
      {rule && clock && !clock.active && <p className="muted">Authority notified {clock.state === 'met' ? 'within' : 'after'} the {rule.window} window.</p>}
      <form className="breach-form" onSubmit={submit} aria-label="Breach record">
        <label>Discovered at<DateTimeInput value={discovered} onChange={setDiscovered} /></label>
        <label>Supervisory authority<input value={authority} onChange={(e) => setAuthority(e.target.value)} /></label>
        <label>Authority notified at<DateTimeInput value={authorityAt} onChange={setAuthorityAt} /></label>
        <label>Individuals notified at<DateTimeInput value={individualsAt} onChange={setIndividualsAt} /></label>
        <label className="checkbox"><input type="checkbox" checked={highRisk} onChange={(e) => setHighRisk(e.target.checked)} /> High risk to individuals</label>
        <label className="checkbox"><input type="checkbox" checked={evidence} onChange={(e) => setEvidence(e.target.checked)} /> Evidence preserved</label>
        <label className="wide">Breach notes<textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} /></label>
        <button type="submit" className="primary">Save breach record</button>
        {message && <p role="status">{message}</p>}
      </form>
      {rule && <ul className="muted">{rule.steps.map((s) => <li key={s}>{s}</li>)}</ul>}
    </section>
  );
}
