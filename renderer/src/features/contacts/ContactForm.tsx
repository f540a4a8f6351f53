// Add or edit one contact: name, roles, phone, email, notes, validated like the CSV importer.
import { useState, type FormEvent } from 'react';
import type { Contact } from '../../db/types';
import { contactFieldErrors } from './csv';

export interface RoleOption { id: string; name: string }

interface Props {
  initial: Omit<Contact, 'id'> & { id?: string };
  roles: RoleOption[];
  /** Resolves to the failure's message (shown next to Save; the typed contact stays), or null once saved. */
  onSave(contact: Omit<Contact, 'id'> & { id?: string }): Promise<string | null>;
  onCancel(): void;
}

export function ContactForm({ initial, roles, onSave, onCancel }: Props) {
  const [c, setC] = useState(initial);
  const [showErrors, setShowErrors] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const errors = contactFieldErrors(c);
  const title = initial.id ? `Edit ${initial.name}` : 'New contact';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (Object.keys(errors).length > 0) { setShowErrors(true); return; }
    setSaveError(await onSave({ ...c, name: c.name.trim(), phone: c.phone.trim(), email: c.email.trim(), notes: c.notes.trim() }));
  };
  const field = (key: 'name' | 'phone' | 'email', label: string, type = 'text') => (
    <label className="contact-field">
      {label}
      <input type={type} value={c[key]} onChange={(e) => setC({ ...c, [key]: e.target.value })} aria-invalid={showErrors && errors[key] ? true : undefined} />
      {showErrors && errors[key] && <span className="error" role="alert">{label}: {errors[key]}</span>}
    </label>
  );

  return (
    <form className="contact-form" aria-label={title} onSubmit={(e) => void submit(e)}>
      <h3>{title}</h3>
      {field('name', 'Name')}
      <fieldset className="contact-roles">
        <legend>Roles</legend>
        {roles.map((r) => (
          <label key={r.id}>
            <input type="checkbox" checked={c.roleIds.includes(r.id)}
              onChange={(e) => setC({ ...c, roleIds: e.target.checked ? [...c.roleIds, r.id] : c.roleIds.filter((x) => x !== r.id) })} />
            {r.name}
          </label>
        ))}
      </fieldset>
      {field('phone', 'Phone', 'tel')}
      {field('email', 'Email', 'email')}
      <label className="contact-field">
        Notes
        <textarea value={c.notes} rows={2} onChange={(e) => setC({ ...c, notes: e.target.value })} />
      </label>
      <div className="contact-form-actions">
        <button type="submit">Save contact</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
      {saveError && <p role="alert" className="error">{saveError}</p>}
    </form>
  );
}
