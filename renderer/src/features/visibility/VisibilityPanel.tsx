// Who sees this incident: open to the workspace, or restricted to its participants (roles, people invited, the
// console that declared or restricted it, the plan's security officers). Restrict or open with a reason; invite and
// remove people. The server enforces it; this panel says exactly who sees it and why.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { participantLines, securityOfficers, startsRestricted, type ParticipantLine } from '@shared/access/participants';
import { openRefusal } from '@shared/access/who-opens';
import { targetLabel } from '@shared/delivery/describe';
import { samePerson } from '@shared/incident/authorship';
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { useCommand } from '../../core/useCommand';
import { formatClockTime } from '../../core/format';
import { useContacts, useIdentity } from '../../db/hooks';
import { inviteParticipant, openToWorkspace, removeParticipant, restrictIncident } from './commands';
import './visibility.css';

const WHY: Record<ParticipantLine['why'][number], string> = {
  role: 'holds a role',
  invited: 'invited',
  'declared-or-restricted': 'declared or restricted it',
  'security-officer': 'security officer',
};

export function VisibilityPanel({ state, plan }: { state: IncidentState; plan: Plan }) {
  const contacts = useContacts() ?? [];
  const me = useIdentity();
  const officers = useMemo(() => securityOfficers(plan, contacts), [plan, contacts]);
  const roleName = (id: string) => plan.roles.find((r) => r.id === id)?.name ?? id;
  const lines = participantLines(state, officers, roleName);
  const restricted = state.visibility.restricted;
  return (
    <section className={`panel visibility${restricted ? ' visibility-restricted' : ''}`} aria-label="Who sees it">
      <h2>Who sees it</h2>
      {restricted ? <Restricted state={state} plan={plan} lines={lines} me={me} contacts={contacts.map((c) => c.name)} officers={officers} />
        : <Open state={state} plan={plan} lines={lines} officers={officers} />}
    </section>
  );
}

function Changed({ state }: { state: IncidentState }) {
  const v = state.visibility;
  if (v.changedAt === null) return null;
  return <p className="muted visibility-changed">{v.restricted ? 'Restricted' : 'Opened'} by {v.changedBy} at {formatClockTime(v.changedAt, false)}{v.reason ? `: ${v.reason}` : ''}</p>;
}

function Open({ state, plan, lines, officers }: { state: IncidentState; plan: Plan; lines: ParticipantLine[]; officers: string[] }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const { run, pending, error } = useCommand(restrictIncident);
  const byPlan = startsRestricted(plan, { category: state.category, scenarioIds: state.scenarioIds });
  const category = plan.categories.find((c) => c.id === state.category)?.name;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ((await run(state, reason)).ok) { setAsking(false); setReason(''); }
  };
  const staying = [...lines.filter((l) => l.why.includes('role')).map((l) => l.name), ...officers];
  return (
    <>
      <p>Open: everyone in the workspace sees this incident.</p>
      <Changed state={state} />
      {byPlan && (
        <p className="visibility-hint" role="note">
          The plan restricts {category ? `${category} incidents` : 'incidents like this one'} to the people working them.
        </p>
      )}
      {!asking ? (
        <button type="button" onClick={() => setAsking(true)} className={byPlan ? 'primary' : ''}>Restrict to the people working it…</button>
      ) : (
        <form className="visibility-form" onSubmit={submit} aria-label="Restrict incident">
          <p>
            Every other console drops everything of it at once and keeps only that an incident was restricted. Still seeing
            it: you{staying.length ? `, ${[...new Set(staying)].join(', ')}` : ''}; invite others after.
          </p>
          <label className="grow">Reason for restricting
            <input autoFocus value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. customer data involved" />
          </label>
          <div className="actions">
            <button type="submit" className="primary" disabled={pending}>Restrict now</button>
            <button type="button" onClick={() => setAsking(false)}>Cancel</button>
          </div>
          {error && <p role="alert" className="error">{error}</p>}
        </form>
      )}
    </>
  );
}

interface RestrictedProps { state: IncidentState; plan: Plan; lines: ParticipantLine[]; me: { name: string; deviceId: string }; contacts: string[]; officers: string[] }

function Restricted({ state, plan, lines, me, contacts, officers }: RestrictedProps) {
  const listId = useId();
  const [person, setPerson] = useState('');
  const [opening, setOpening] = useState(false);
  const [reason, setReason] = useState('');
  const invite = useCommand(inviteParticipant);
  const remove = useCommand(removeParticipant, { inline: false });
  const open = useCommand(openToWorkspace);
  const mayNotOpen = openRefusal(state, officers, me.name);
  const isMe = (l: ParticipantLine) => samePerson(l.name, me.name) || l.invitations.some((i) => i.deviceId === me.deviceId);
  const suggestions = contacts.filter((name) => !lines.some((l) => samePerson(l.name, name)));
  const submitInvite = async (e: FormEvent) => {
    e.preventDefault();
    if ((await invite.run(state, person, lines)).ok) setPerson('');
  };
  const submitOpen = async (e: FormEvent) => {
    e.preventDefault();
    if ((await open.run(state, reason, me.name, officers)).ok) { setOpening(false); setReason(''); }
  };
  return (
    <>
      <p><strong>Restricted:</strong> only these people see it. Other consoles keep only that an incident was restricted.</p>
      <Changed state={state} />
      <ul className="participant-list" aria-label="Participants">
        {lines.map((l) => (
          <li key={l.name}>
            <span className="participant-name">{l.name}{isMe(l) ? ' (you)' : ''}</span>
            <span className="muted"> · {[l.roles.length ? l.roles.join(', ') : null, ...l.why.filter((w) => w !== 'role').map((w) => WHY[w])].filter(Boolean).join(' · ')}</span>
            {l.invitations.length > 0 && !isMe(l) && (
              <button type="button" className="link participant-remove" disabled={remove.pending} aria-label={`Remove ${l.name}`}
                onClick={() => void remove.run(state, l, '')}>Remove</button>
            )}
          </li>
        ))}
      </ul>
      {officers.length === 0 && <p className="muted">The contact sheet names no security officer for this plan.</p>}
      <p className="muted" aria-label="Where its updates go">
        {plan.visibility.restrictedDeliveries.length
          ? `Its updates go only to ${plan.visibility.restrictedDeliveries.map(targetLabel).join(', ')}, named "${plan.visibility.publicTitle}" there.`
          : 'The plan names no destination for restricted incidents: its updates are not sent anywhere.'}
      </p>
      <form className="visibility-form" onSubmit={submitInvite} aria-label="Invite a participant">
        <label className="grow">Invite a person (the name their console joined under)
          <input list={listId} value={person} onChange={(e) => { setPerson(e.target.value); invite.clearError(); }} />
        </label>
        <datalist id={listId}>{suggestions.map((n) => <option key={n} value={n} />)}</datalist>
        <button type="submit" disabled={invite.pending}>Invite</button>
        {invite.error && <p role="alert" className="error">{invite.error}</p>}
      </form>
      {mayNotOpen ? (
        <p className="muted" role="note" aria-label="Who opens it">{`${mayNotOpen[0]?.toUpperCase() ?? ''}${mayNotOpen.slice(1)}.`}</p>
      ) : !opening ? (
        <button type="button" onClick={() => setOpening(true)}>Open to the workspace…</button>
      ) : (
        <form className="visibility-form" onSubmit={submitOpen} aria-label="Open incident to the workspace">
          <label className="grow">Reason for opening it to everyone
            <input autoFocus value={reason} onChange={(e) => { setReason(e.target.value); open.clearError(); }} />
          </label>
          <div className="actions">
            <button type="submit" className="primary" disabled={open.pending}>Open to everyone</button>
            <button type="button" onClick={() => setOpening(false)}>Cancel</button>
          </div>
          {open.error && <p role="alert" className="error">{open.error}</p>}
        </form>
      )}
    </>
  );
}
