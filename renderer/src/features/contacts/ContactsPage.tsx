// The contact sheet: contacts by role with one-click copy, who is on call now and next, search, edit,
// CSV import (all or nothing) and export, and a printable one-page sheet.
import { useMemo, useRef, useState, type ChangeEvent } from 'react';
import { newId } from '@shared/incident/create';
import { onCallAt } from '@shared/oncall/rotation';
import type { Plan } from '@shared/plan/schema';
import { useCommand } from '../../core/useCommand';
import { useNow } from '../../core/useNow';
import { useActivePlan, useContacts } from '../../db/hooks';
import type { Contact } from '../../db/types';
import { platform } from '../../platform';
import { formatDateTime } from '../../core/format';
import { findContact } from '../roles';
import { ContactForm, type RoleOption } from './ContactForm';
import { importContacts, removeContact, saveContact } from './commands';
import { contactsToCsv, formatCsvError, mergeContacts, parseContactsCsv, roleName } from './csv';
import './contacts.css';
import { plural } from '../../core/format';

/** Roles of the sheet, in the plan's contact-slot order, then any other plan role. */
export function sheetRoles(plan: Plan): RoleOption[] {
  const out: RoleOption[] = plan.contacts.map((s) => ({ id: s.roleId, name: roleName(plan, s.roleId) }));
  for (const r of plan.roles) if (!out.some((o) => o.id === r.id)) out.push({ id: r.id, name: r.name });
  return out;
}

function matches(contact: Contact, query: string, plan: Plan): boolean {
  if (!query) return true;
  const hay = [contact.name, contact.phone, contact.email, contact.notes, ...contact.roleIds.map((r) => roleName(plan, r))].join(' ').toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((word) => hay.includes(word));
}

type Editing = { mode: 'new'; roleId?: string } | { mode: 'edit'; contact: Contact } | null;
type Notice = { kind: 'ok' | 'error'; text: string; details?: string[] } | null;

export function ContactsPage() {
  const plan = useActivePlan();
  const contacts = useContacts();
  const now = useNow(60_000);
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const roles = useMemo(() => sheetRoles(plan), [plan]);
  const all = contacts ?? [];
  const visible = all.filter((c) => matches(c, query.trim(), plan));
  const knownRoles = new Set(roles.map((r) => r.id));
  const groups = [
    ...roles.map((r) => ({ id: r.id, name: r.name, contacts: visible.filter((c) => c.roleIds.includes(r.id)) })),
    { id: '', name: 'Other contacts', contacts: visible.filter((c) => !c.roleIds.some((r) => knownRoles.has(r))) },
  ];
  const onCall = plan.rotations.map((rotation) => ({ rotation, who: onCallAt(plan, rotation.roleId, now) }));

  const copy = async (what: string, value: string, name: string) => {
    try {
      await navigator.clipboard.writeText(value);
      setNotice({ kind: 'ok', text: `Copied ${what} of ${name}: ${value}` });
    } catch {
      setNotice({ kind: 'error', text: `Could not copy the ${what} of ${name}; select it and copy by hand.` });
    }
  };

  const saveCommand = useCommand(saveContact);
  const importCommand = useCommand(importContacts);
  const removeCommand = useCommand(removeContact);
  /** The failure's message for the form to show next to its Save button (the typed contact stays), or null. */
  const save = async (c: Omit<Contact, 'id'> & { id?: string }): Promise<string | null> => {
    const outcome = await saveCommand.run(all, c);
    if (!outcome.ok) return outcome.failure?.message ?? null;
    setEditing(null);
    setNotice({ kind: 'ok', text: `Saved ${c.name}.` });
    return null;
  };
  const remove = async (c: Contact) => {
    const outcome = await removeCommand.run(c.id);
    if (outcome.ok) { setConfirmDelete(null); setNotice({ kind: 'ok', text: `Deleted ${c.name}.` }); }
    else if (outcome.failure) setNotice({ kind: 'error', text: `Could not delete ${c.name}: ${outcome.failure.message}` });
  };

  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const text = await file.text();
    const result = parseContactsCsv(text, plan);
    if (!result.ok) {
      setNotice({ kind: 'error', text: `Import of ${file.name} failed; nothing was imported. Fix these rows and try again:`, details: result.errors.map(formatCsvError) });
      return;
    }
    const merged = mergeContacts(all, result.contacts, newId);
    const outcome = await importCommand.run(all, merged.contacts);
    if (outcome.ok) setNotice({ kind: 'ok', text: `Imported ${plural(result.contacts.length, 'contact')} from ${file.name} (${merged.added} new, ${merged.updated} updated).` });
    else if (outcome.failure) setNotice({ kind: 'error', text: `Import failed; nothing was imported: ${outcome.failure.message}` });
  };

  const exportCsv = async () => {
    const result = await platform.saveFile({ suggestedName: 'contacts.csv', filters: [{ name: 'CSV', extensions: ['csv'] }], content: contactsToCsv(all) });
    if (result.saved) setNotice({ kind: 'ok', text: `Exported ${plural(all.length, 'contact')}${result.path ? ` to ${result.path}` : ''}.` });
  };

  return (
    <div className="contacts-page">
      <div className="contacts-screen">
        <header className="contacts-header">
          <h1>Contacts</h1>
          <div className="contacts-toolbar">
            <label className="contacts-search">
              Search contacts
              <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name, role, phone, email" />
            </label>
            <button type="button" onClick={() => setEditing({ mode: 'new' })}>Add contact</button>
            <button type="button" onClick={() => fileInput.current?.click()}>Import CSV…</button>
            <input ref={fileInput} type="file" accept=".csv,text/csv" className="visually-hidden" aria-label="Import contacts CSV" onChange={(e) => void importFile(e)} />
            <button type="button" onClick={() => void exportCsv()} disabled={all.length === 0}>Export CSV</button>
            <button type="button" onClick={() => window.print()}>Print contact sheet</button>
            {platform.kind === 'electron' && <button type="button" onClick={() => void platform.printToPdf({ suggestedName: 'contact-sheet.pdf' })}>Save sheet as PDF</button>}
          </div>
          <p className="muted">CSV columns: name,roles,phone,email,notes — roles separated by “;”, by id or name. An import updates contacts with the same name and adds the rest; one bad row and nothing is imported.</p>
        </header>

        {notice && (
          <div role={notice.kind === 'error' ? 'alert' : 'status'} className={`contacts-notice ${notice.kind}`}>
            <p>{notice.text}</p>
            {notice.details && <ul>{notice.details.map((d) => <li key={d}>{d}</li>)}</ul>}
            <button type="button" onClick={() => setNotice(null)} aria-label="Dismiss message">Dismiss</button>
          </div>
        )}

        {editing && (
          <ContactForm
            key={editing.mode === 'edit' ? editing.contact.id : `new-${editing.roleId ?? ''}`}
            initial={editing.mode === 'edit' ? editing.contact : { name: '', roleIds: editing.roleId ? [editing.roleId] : [], phone: '', email: '', notes: '' }}
            roles={roles} onSave={save} onCancel={() => setEditing(null)} />
        )}

        <section className="oncall" aria-label="On call">
          <h2>On call</h2>
          {onCall.length === 0 && <p className="muted">The plan has no on-call rotation.</p>}
          <ul>
            {onCall.map(({ rotation, who }) => who && (
              <li key={rotation.id}>
                <strong>{roleName(plan, rotation.roleId)}</strong>: now <strong>{who.member}</strong> (until {formatDateTime(who.shiftEnd)}),
                next <strong>{who.next.member}</strong> (from {formatDateTime(who.next.from)})
                {(() => {
                  const contact = findContact(all, who.member);
                  return contact?.phone ? (
                    <span className="contact-value oncall-phone">
                      {' '}· <a href={`tel:${contact.phone.replace(/[^+\d]/g, '')}`}>{contact.phone}</a>
                      <button type="button" onClick={() => void copy('phone', contact.phone, contact.name)} aria-label={`Copy phone of on-call ${contact.name}`}>Copy</button>
                    </span>
                  ) : null;
                })()}
              </li>
            ))}
          </ul>
        </section>

        {contacts === undefined ? <p>Loading…</p> : groups.map((g) => (g.contacts.length === 0 && (g.id === '' || query) ? null : (
          <section key={g.id || 'other'} className="contact-group" aria-label={g.name}>
            <h2>{g.name}</h2>
            {g.contacts.length === 0 ? (
              <p className="muted contact-slot">
                No contact for {g.name} yet.{' '}
                <button type="button" onClick={() => setEditing({ mode: 'new', roleId: g.id })} aria-label={`Add ${g.name} contact`}>Add</button>
              </p>
            ) : (
              <ul className="contact-list">
                {g.contacts.map((c) => (
                  <li key={c.id} className="contact">
                    <span className="contact-name">{c.name}</span>
                    {c.phone && (
                      <span className="contact-value">
                        <a href={`tel:${c.phone.replace(/[^+\d]/g, '')}`}>{c.phone}</a>
                        <button type="button" onClick={() => void copy('phone', c.phone, c.name)} aria-label={`Copy phone of ${c.name}`}>Copy</button>
                      </span>
                    )}
                    {c.email && (
                      <span className="contact-value">
                        <a href={`mailto:${c.email}`}>{c.email}</a>
                        <button type="button" onClick={() => void copy('email', c.email, c.name)} aria-label={`Copy email of ${c.name}`}>Copy</button>
                      </span>
                    )}
                    {c.notes && <span className="contact-notes muted">{c.notes}</span>}
                    <span className="contact-actions">
                      <button type="button" onClick={() => setEditing({ mode: 'edit', contact: c })} aria-label={`Edit ${c.name}`}>Edit</button>
                      {confirmDelete === `${g.id}:${c.id}` ? (
                        <>
                          <button type="button" className="danger" onClick={() => void remove(c)}
                            aria-label={`Confirm delete ${c.name}`}>Confirm delete</button>
                          <button type="button" onClick={() => setConfirmDelete(null)} aria-label={`Keep ${c.name}`}>Keep</button>
                        </>
                      ) : (
                        <button type="button" onClick={() => setConfirmDelete(`${g.id}:${c.id}`)} aria-label={`Delete ${c.name}`}>Delete</button>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )))}
        {contacts !== undefined && query && visible.length === 0 && <p role="status">No contact matches “{query}”.</p>}
      </div>
      <PrintSheet plan={plan} contacts={all} roles={roles} now={now} />
    </div>
  );
}

/** The one-page paper version: hidden on screen, the only thing printed from this page. */
function PrintSheet({ plan, contacts, roles, now }: { plan: Plan; contacts: Contact[]; roles: RoleOption[]; now: number }) {
  const known = new Set(roles.map((r) => r.id));
  const rows: Array<{ role: string; c: Contact | null }> = [
    ...roles.flatMap((r): Array<{ role: string; c: Contact | null }> => {
      const holders = contacts.filter((c) => c.roleIds.includes(r.id));
      return holders.length > 0 ? holders.map((c) => ({ role: r.name, c })) : [{ role: r.name, c: null }];
    }),
    ...contacts.filter((c) => !c.roleIds.some((r) => known.has(r))).map((c) => ({ role: '—', c })),
  ];
  return (
    <div className="contact-sheet-print">
      <h1>{plan.organisation}: incident contact sheet</h1>
      <p>Printed {formatDateTime(now)} · Bridge: {plan.communication.bridge} · Channel: {plan.communication.channel}</p>
      {plan.rotations.length > 0 && (
        <p>
          {plan.rotations.map((rot) => {
            const who = onCallAt(plan, rot.roleId, now);
            return who ? `${roleName(plan, rot.roleId)} on call: ${who.member} until ${formatDateTime(who.shiftEnd)}, then ${who.next.member}. ` : '';
          })}
        </p>
      )}
      <table>
        <thead><tr><th>Role</th><th>Name</th><th>Phone</th><th>Email</th><th>Notes</th></tr></thead>
        <tbody>
          {rows.map(({ role, c }, i) => (
            <tr key={i}><td>{role}</td><td>{c?.name ?? ''}</td><td>{c?.phone ?? ''}</td><td>{c?.email ?? ''}</td><td>{c?.notes ?? ''}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
