// Who is in command and the handover: the commander's "Hand over command" drafts an ICS-201-shaped briefing
// (editable) for a named person; that person reads it in full and accepts on their own console, which passes the
// Incident Commander role. Everyone else sees that it waits for them. The briefing prints on its own; the ICS-214
// activity log opens from here too.
import { useId, useState, type FormEvent } from 'react';
import { computeClocks } from '@shared/clocks/clocks';
import { personKey, samePerson } from '@shared/incident/authorship';
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { draftBriefing, pendingHandover } from '@shared/warroom/handover';
import { formatClockTime, timeOnDay } from '../../core/format';
import { useCommand } from '../../core/useCommand';
import { useContacts, useIdentity } from '../../db/hooks';
import { ActivityLogDialog } from './ActivityLog';
import { COMMANDER_ROLE_ID } from '@shared/plan/commander';
import { offerHandover } from './commands';
import { HandoverDialog } from './HandoverDialog';
import './handover.css';

/** People the commander may hand over to: the contact sheet, role holders and everyone who wrote on the incident. */
function knownPeople(state: IncidentState, contacts: readonly { name: string }[], me: string): string[] {
  const names = new Map<string, string>();
  const add = (name: string | undefined) => { if (name?.trim() && !samePerson(name, me) && !names.has(personKey(name))) names.set(personKey(name), name.trim()); };
  for (const holder of Object.values(state.roles)) add(holder.person);
  for (const entry of state.systemTimeline) add(entry.actor.name);
  for (const c of contacts) add(c.name);
  return [...names.values()];
}

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
  const [reading, setReading] = useState(false);
  const identity = useIdentity();
  const contacts = useContacts() ?? [];
  const peopleId = useId();
  const [to, setTo] = useState('');
  const [briefing, setBriefing] = useState('');
  const offer = useCommand(offerHandover);
  const commander = state.roles[COMMANDER_ROLE_ID]?.person ?? '';
  const pending = pendingHandover(state);
  const me = identity.name;
  const mayOffer = !commander || samePerson(commander, me);
  const forMe = pending !== null && samePerson(pending.to, me);

  const start = () => {
    const now = Date.now();
    setBriefing(draftBriefing(state, plan, computeClocks(state, plan, now), now, (ms) => timeOnDay(ms, now)));
    setDrafting(true);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const outcome = await offer.run(state.id, me, commander, to, briefing);
    if (outcome.ok) { setDrafting(false); setTo(''); }
  };
  return (
    <section className="panel command" aria-label="Command">
      <div className="command-head">
        <h2>Command</h2>
        <span>{commander ? <>IC: <strong>{commander}</strong></> : <span className="muted">No incident commander assigned</span>}</span>
        {!drafting && mayOffer && <button type="button" onClick={start}>{pending ? 'Hand over to someone else' : 'Hand over command'}</button>}
        <button type="button" onClick={() => setLogOpen(true)}>Activity log (ICS 214)</button>
      </div>
      {logOpen && <ActivityLogDialog state={state} plan={plan} preparedBy={identity.name} onClose={() => setLogOpen(false)} />}
      {drafting && (
        <form className="handover-form" onSubmit={submit} aria-label="Hand over command">
          <label>Incoming incident commander
            <input autoFocus list={peopleId} value={to} onChange={(e) => { setTo(e.target.value); offer.clearError(); }} />
          </label>
          <datalist id={peopleId}>{knownPeople(state, contacts, me).map((n) => <option key={n} value={n} />)}</datalist>
          <p className="muted">They read the briefing and accept on their own console; until then you stay in command.</p>
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
      {pending && forMe && (
        <article className="handover-pending handover-for-me" aria-label="Command handover to you">
          <p><strong>{pending.from} is handing command over to you</strong> (offered at {formatClockTime(pending.offeredAt, false)}). Read the whole briefing, then accept.</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => setReading(true)}>Read the briefing and accept</button>
          </div>
        </article>
      )}
      {pending && !forMe && (
        <article className="handover-pending" aria-label={`Handover to ${pending.to}`}>
          <p><strong>Handover to {pending.to}</strong> offered by {pending.from} at {formatClockTime(pending.offeredAt, false)}: waiting for {pending.to} to read the briefing and accept on their own console.</p>
          <pre className="handover-print" aria-label="Briefing" tabIndex={0}>{pending.briefing}</pre>
          <div className="actions">
            <button type="button" onClick={printBriefing}>Print briefing</button>
          </div>
        </article>
      )}
      {pending && forMe && reading && <HandoverDialog incidentId={state.id} handover={pending} me={me} onClose={() => setReading(false)} />}
    </section>
  );
}
