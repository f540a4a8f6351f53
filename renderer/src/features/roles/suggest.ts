// Who to suggest for a role: contacts holding the role first, then everyone else; the rotation's on-call person.
import type { Contact } from '../../db/types';

/** Contacts ordered for a role picker: those whose roleIds include the role first, each group by name. */
export function contactsForRole(contacts: readonly Contact[], roleId: string): Contact[] {
  const byName = (a: Contact, b: Contact) => a.name.localeCompare(b.name);
  const holders = contacts.filter((c) => c.roleIds.includes(roleId)).sort(byName);
  const others = contacts.filter((c) => !c.roleIds.includes(roleId)).sort(byName);
  return [...holders, ...others];
}

/** The contact a typed name refers to (case- and space-insensitive), if any. */
export function findContact(contacts: readonly Contact[], person: string): Contact | undefined {
  const wanted = person.trim().replace(/\s+/g, ' ').toLowerCase();
  return contacts.find((c) => c.name.trim().replace(/\s+/g, ' ').toLowerCase() === wanted);
}
