// Role picker ordering and name matching.
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../db/types';
import { contactsForRole, findContact } from './suggest';

const c = (name: string, roleIds: string[]): Contact => ({ id: name, name, roleIds, phone: '', email: '', notes: '' });
const contacts = [c('Zed', ['database-administrator']), c('Amy', []), c('Bea', ['database-administrator', 'security-officer'])];

describe('role suggestions', () => {
  it('lists contacts holding the role first', () => {
    expect(contactsForRole(contacts, 'database-administrator').map((x) => x.name)).toEqual(['Bea', 'Zed', 'Amy']);
    expect(contactsForRole(contacts, 'security-officer').map((x) => x.name)).toEqual(['Bea', 'Amy', 'Zed']);
  });
  it('matches a typed name to a contact regardless of case and spacing', () => {
    expect(findContact(contacts, '  bea ')?.id).toBe('Bea');
    expect(findContact(contacts, 'Nobody')).toBeUndefined();
  });
});
