// Who is in command and the handover: "Hand over command" drafts an ICS-201-shaped briefing (editable); the
// incoming commander accepts it, which passes the Incident Commander role. The briefing prints on its own; the
// ICS-214 activity log opens from here too.
import { useState, type FormEvent } from 'react';
import { computeClocks } from '@shared/clocks/clocks';
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { draftBriefing, pendingHandover } from '@shared/warroom/handover';
import { formatClockTime, timeOnDay } from '../../core/format';
import { useCommand } from '../../core/useCommand';
import { useIdentity } from '../../db/hooks';
import { ActivityLogDialog } from './ActivityLog';
import { acceptHandover, IC_ROLE, offerHandover } from './commands';
import './handover.css';

/** Print only the briefing: the page marks itself, the print stylesheet hides everything else. */
function printBriefing() {
  document.documentElement.dataset.print = 'briefing';
  const done = () => { delete document.documentElement.dataset.print; window.removeEventListener('afterprint', done); };
  window.addEventListener('afterprint', done);
  window.print();
}

export function CommandPanel({ state, plan }: { state: IncidentState; plan: Plan }) {
  const [drafting, setDrafting] = useState(false);
  const [logOpen, setLogOpen] = useState(false);
  const identity = useIdentity();
  const [to, setTo] = useState('');
  const [briefing, setBriefing] = useState('');
  const offer = useCommand(offerHandover);
  const accept = useCommand(acceptHandover);
  const commander = state.roles[IC_ROLE]?.person ?? '';
  const pending = pendingHandover(state);

  const start = () => {
    const now = Date.now();
    setBriefing(draftBriefing(state, plan, computeClocks(state, plan, now), now, (ms) => timeOnDay(ms, now)));
    setDrafting(true);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const outcome = await offer.run(state.id, commander, to, briefing);
    if (outcome.ok) { setDrafting(false); setTo(''); }
  };
  return (
    <section className="panel command" aria-label="Command">
      <div className="command-head">
        <h2>Command</h2>
        <span>{commander ? <>IC: <strong>{commander}</strong></> : <span className="muted">No incident commander assigned</span>}</span>
        {!drafting && !pending && <button type="button" onClick={start}>Hand over command</button>}
        <button type="button" onClick={() => setLogOpen(true)}>Activity log (ICS 214)</button>
      </div>
      {logOpen && <ActivityLogDialog state={state} plan={plan} preparedBy={identity.name} onClose={() => setLogOpen(false)} />}
      {drafting && (
        <form className="handover-form" onSubmit={submit} aria-label="Hand over command">
          <label>Incoming incident commander
            <input autoFocus value={to} onChange={(e) => { setTo(e.target.value); offer.clearError(); }} />
          </label>
          <label>Briefing (edit before handing over)
            <textarea rows={14} value={briefing} onChange={(e) => setBriefing(e.target.value)} />
          </label>
          <div className="actions">
            <button type="submit" className="primary" disabled={offer.pending}>Offer handover</button>
            <button type="button" onClick={() => setDrafting(false)}>Cancel</button>
          </div>
          {offer.error && <p role="alert" className="error">{offer.error}</p>}
        </form>
      )}
      {pending && (
        <article className="handover-pending" aria-label={`Handover to ${pending.to}`}>
          <p><strong>Handover to {pending.to}</strong> offered by {pending.from} at {formatClockTime(pending.offeredAt, false)}: {pending.to} reads the briefing and accepts.</p>
          <pre className="handover-print" aria-label="Briefing">{pending.briefing}</pre>
          <div className="actions">
            <button type="button" className="primary" disabled={accept.pending} onClick={() => void accept.run(state.id, pending.id, pending.to)}>Accept command as {pending.to}</button>
            <button type="button" onClick={printBriefing}>Print briefing</button>
          </div>
          {accept.error && <p role="alert" className="error">{accept.error}</p>}
        </article>
      )}
    </section>
  );
}
