// Assign and relieve the plan's roles from the contact sheet (free text allowed); the rotation's on-call person is
// suggested and can be paged through the server, with where each page went and its acknowledgement.
import { useId, useState, type FormEvent } from 'react';
import type { IncidentState } from '@shared/incident/state';
import { clockSeverity } from '@shared/clocks/clocks';
import { onCallAt } from '@shared/oncall/rotation';
import { roleRequestsOf, roleResponseTarget } from '@shared/warroom/role-requests';
import type { Plan, Role } from '@shared/plan/schema';
import type { PageStatus } from '@shared/delivery/status';
import { useNow } from '../../core/useNow';
import { runCommand } from '../../core/useCommand';
import { useIncidentPlan, useContacts, useIdentity, useIncidentState } from '../../db/hooks';
import { securityOfficers } from '@shared/access/participants';
import { commandChangeRefusal } from '@shared/access/who-opens';
import type { Contact } from '../../db/types';
import { formatClockTime } from '../../core/format';
import { contactsForRole, findContact } from './suggest';
import { assignRole, pageRole, relieveRole, requestRole } from './commands';
import { PageStatusList, usePages, useUnsentIds } from '../outbound';
import './roles.css';

export function RolesPanel({ incidentId }: { incidentId: string }) {
  const state = useIncidentState(incidentId);
  const plan = useIncidentPlan(state);
  const contacts = useContacts() ?? [];
  const now = useNow(60_000);
  const roles = plan.roles.filter((r) => r.assignable);
  return (
    <section className="panel roles" aria-label="Roles">
      <h2>Roles</h2>
      {!state ? <p>Loading…</p> : <RoleList roles={roles} state={state} plan={plan} contacts={contacts} now={now} />}
    </section>
  );
}

function RoleList({ roles, state, plan, contacts, now }: { roles: Role[]; state: IncidentState; plan: Plan; contacts: Contact[]; now: number }) {
  // One fold of the pages for every card.
  const pages = usePages(state);
  const unsent = useUnsentIds(pages.map((p) => p.pageId));
  return (
    <ul className="role-list">
      {roles.map((role) => (
        <li key={role.id}>
          <RoleCard role={role} state={state} plan={plan} contacts={contacts} now={now} pages={pages.filter((p) => p.roleId === role.id)} unsent={unsent} />
        </li>
      ))}
    </ul>
  );
}

interface RoleCardProps { role: Role; state: IncidentState; plan: Plan; contacts: Contact[]; now: number; pages: PageStatus[]; unsent: ReadonlySet<string> }

function RoleCard({ role, state, plan, contacts, now, pages, unsent }: RoleCardProps) {
  const listId = useId();
  const [person, setPerson] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const holder = state.roles[role.id];
  const holderContact = holder ? contacts.find((c) => c.id === holder.contactId) ?? findContact(contacts, holder.person) : undefined;
  const onCall = onCallAt(plan, role.id, now);
  const options = contactsForRole(contacts, role.id);
  // Whom "Page" reaches: the rotation's on-call; without a rotation, the role's holder when they are a contact.
  const pageTarget = onCall ? { person: onCall.member, contactId: findContact(contacts, onCall.member)?.id }
    : holderContact ? { person: holderContact.name, contactId: holderContact.id } : null;
  // A pending request: the role's response clock runs (target from the plan) until someone is assigned.
  const request = roleRequestsOf(state).find((r) => r.roleId === role.id && r.answeredAt === null);
  const within = roleResponseTarget(role, clockSeverity(plan, state)?.severity);
  // In a restricted incident only its commander or a security officer changes who commands it (the server's rule too).
  const me = useIdentity().name;
  const commandLocked = state.visibility.restricted
    ? commandChangeRefusal(state, securityOfficers(plan, contacts), me, { type: 'role.relieved', payload: { roleId: role.id } })
    : null;

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    const outcome = await runCommand(fn);
    if (!outcome.ok) setError(outcome.failure?.message ?? null);
    setBusy(false);
  };
  const assign = (name: string) => {
    const trimmed = name.trim();
    if (!trimmed) { setError('Type or pick a person.'); return Promise.resolve(); }
    const contact = findContact(contacts, trimmed);
    return run(async () => {
      await assignRole(state.id, role.id, contact?.name ?? trimmed, contact?.id);
      setPerson('');
    });
  };
  const submit = (e: FormEvent) => { e.preventDefault(); void assign(person); };

  return (
    <article className={`role${holder ? ' role-held' : ''}`} aria-label={role.name}>
      <h3>{role.name}</h3>
      <p className="role-holder">
        {holder ? (
          <>
            <strong>{holder.person}</strong>
            <span className="muted"> since {formatClockTime(holder.since, false)} (by {holder.assignedBy})</span>
            {holderContact?.phone && <span className="muted"> · {holderContact.phone}</span>}
          </>
        ) : <span className="muted">Unassigned</span>}
      </p>
      {request ? (
        <p className="role-request" role="status">Requested at {formatClockTime(request.requestedAt, false)} by {request.requestedBy}{within ? `: respond within ${within}` : ''}</p>
      ) : !holder && within && (
        <button type="button" className="small" disabled={busy} aria-label={`Request ${role.name}`} title={`Starts the ${within} response clock from the plan`}
          onClick={() => void run(() => requestRole(state.id, role.id))}>Request (respond within {within})</button>
      )}
      {onCall && !commandLocked && (!holder || holder.person !== onCall.member) && (
        <p className="role-oncall">
          On call now: <strong>{onCall.member}</strong>
          <button type="button" disabled={busy} onClick={() => void assign(onCall.member)} aria-label={`Assign on-call ${onCall.member} as ${role.name}`}>
            Assign on-call
          </button>
        </p>
      )}
      {pageTarget && (
        <p className="role-page">
          <button type="button" disabled={busy} aria-label={`Page ${pageTarget.person} (${role.name})`}
            title="The server sends the page through the paging gateway and email, with a link that acknowledges it"
            onClick={() => void run(() => pageRole(state.id, role.id, pageTarget.person, pageTarget.contactId))}>
            Page {pageTarget.person}
          </button>
        </p>
      )}
      <PageStatusList incidentId={state.id} pages={pages} unsent={unsent} roleName={role.name} />
      {commandLocked ? <p className="muted" role="note" aria-label={`Who changes ${role.name}`}>{`${commandLocked.charAt(0).toUpperCase()}${commandLocked.slice(1)}.`}</p> : (
      <form className="role-form" onSubmit={submit}>
        <input list={listId} value={person} onChange={(e) => { setPerson(e.target.value); setError(null); }}
          aria-label={`Person for ${role.name}`} placeholder={holder ? 'Hand over to…' : 'Name or contact'} />
        <datalist id={listId}>
          {onCall && <option value={onCall.member}>On call now</option>}
          {options.map((c) => <option key={c.id} value={c.name}>{c.roleIds.includes(role.id) ? role.name : c.roleIds.join(', ')}</option>)}
        </datalist>
        <button type="submit" disabled={busy} aria-label={`${holder ? 'Hand over' : 'Assign'} ${role.name}`}>{holder ? 'Hand over' : 'Assign'}</button>
        {holder && (
          <button type="button" disabled={busy} aria-label={`Relieve ${role.name}`}
            onClick={() => void run(() => relieveRole(state.id, role.id))}>
            Relieve
          </button>
        )}
      </form>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </article>
  );
}
