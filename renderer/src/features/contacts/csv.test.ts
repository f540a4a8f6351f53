// Contacts CSV import/export: bad rows are named by row and column, and nothing is imported unless every row is good.
import { describe, expect, it } from 'vitest';
import { defaultPlan } from '@shared/plan/default-plan';
import { contactFieldErrors, contactsToCsv, formatCsvError, mergeContacts, parseContactsCsv, parseCsvRecords } from './csv';

const header = 'name,roles,phone,email,notes';

describe('parseContactsCsv', () => {
  it('reads roles by id or by name, separated by semicolons', () => {
    const csv = `${header}\nAda Lovelace,Incident Commander; on-call-engineer,+44 20 7946 0000,ada@example.com,Prefers phone\nGrace Hopper,Database Admin,555-0100,,\n`;
    const result = parseContactsCsv(csv, defaultPlan);
    expect(result).toEqual({
      ok: true,
      contacts: [
        { name: 'Ada Lovelace', roleIds: ['incident-commander', 'on-call-engineer'], phone: '+44 20 7946 0000', email: 'ada@example.com', notes: 'Prefers phone' },
        { name: 'Grace Hopper', roleIds: ['database-administrator'], phone: '555-0100', email: '', notes: '' },
      ],
    });
  });

  it('rejects the whole file when one row is bad, naming its row and column', () => {
    const csv = `${header}\nAda,incident-commander,555-0100,ada@example.com,\nBob,,555-0101,not-an-email,\nCarol,janitor,555-0102,carol@example.com,\n`;
    const result = parseContactsCsv(csv, defaultPlan);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatCsvError)).toEqual([
      'Row 3, column "email": "not-an-email" is not an email address',
      'Row 4, column "roles": unknown role "janitor"',
    ]);
  });

  it('names a missing name, a bad phone and a short row', () => {
    const csv = `${header}\n,incident-commander,555-0100,,\nDan,,call me,,\nEve,incident-commander\n`;
    const result = parseContactsCsv(csv, defaultPlan);
    expect(result.ok ? [] : result.errors.map((e) => [e.row, e.column])).toEqual([[2, 'name'], [3, 'phone'], [4, null]]);
  });

  it('requires the header columns and refuses unknown ones', () => {
    const result = parseContactsCsv('name,role,phone,email,notes\nAda,incident-commander,,,\n', defaultPlan);
    expect(result.ok ? [] : result.errors.map(formatCsvError)).toEqual([
      'Row 1, column "roles": the header has no "roles" column (expected name,roles,phone,email,notes)',
      'Row 1: unknown column "role" (expected name,roles,phone,email,notes)',
    ]);
  });

  it('accepts columns in any order, quoted fields, CRLF and a BOM', () => {
    const csv = `\uFEFFemail,name,notes,phone,roles\r\n"ada@example.com","Lovelace, Ada","Line one\nline ""two""",555-0100,security-officer\r\n`;
    const result = parseContactsCsv(csv, defaultPlan);
    expect(result).toEqual({ ok: true, contacts: [{ name: 'Lovelace, Ada', roleIds: ['security-officer'], phone: '555-0100', email: 'ada@example.com', notes: 'Line one\nline "two"' }] });
  });

  it('counts rows by line even when a quoted field spans lines', () => {
    const csv = `${header}\nAda,,555-0100,,"two\nlines"\nBob,nobody,,,\n`;
    const result = parseContactsCsv(csv, defaultPlan);
    expect(result.ok ? [] : result.errors.map(formatCsvError)).toEqual(['Row 4, column "roles": unknown role "nobody"']);
  });

  it('refuses an empty file and a file with only a header', () => {
    expect(parseContactsCsv('', defaultPlan).ok).toBe(false);
    const headerOnly = parseContactsCsv(`${header}\n`, defaultPlan);
    expect(headerOnly.ok ? '' : formatCsvError(headerOnly.errors[0]!)).toBe('Row 2: the file has a header but no contacts');
  });

  it('reports an unterminated quote', () => {
    expect(parseCsvRecords('a,"b\nc').error).toMatch(/never closed/);
    expect(parseContactsCsv(`${header}\nAda,"incident-commander,,,\n`, defaultPlan).ok).toBe(false);
  });
});

describe('contactsToCsv', () => {
  it('round-trips through the importer', () => {
    const contacts = [
      { name: 'Lovelace, Ada', roleIds: ['incident-commander', 'manager'], phone: '+1 (555) 010-0000', email: 'ada@example.com', notes: 'Says "hi"\nalways' },
      { name: 'Bob', roleIds: [], phone: '', email: '', notes: '' },
    ];
    const csv = contactsToCsv(contacts);
    expect(csv.split('\r\n')[0]).toBe(header);
    expect(parseContactsCsv(csv, defaultPlan)).toEqual({ ok: true, contacts });
  });
});

describe('mergeContacts', () => {
  it('updates contacts with the same name and adds the rest, keeping ids', () => {
    const existing = [{ id: 'a', name: 'Ada Lovelace', roleIds: [], phone: '1', email: '', notes: '' }];
    let n = 0;
    const result = mergeContacts(existing, [
      { name: 'ada  lovelace', roleIds: ['incident-commander'], phone: '555-0100', email: '', notes: '' },
      { name: 'Bob', roleIds: [], phone: '', email: '', notes: '' },
    ], () => `new-${++n}`);
    expect(result.added).toBe(1);
    expect(result.updated).toBe(1);
    expect(result.contacts.map((c) => [c.id, c.name, c.phone])).toEqual([['a', 'ada  lovelace', '555-0100'], ['new-1', 'Bob', '']]);
  });
});

describe('contactFieldErrors', () => {
  it('flags a missing name and malformed phone or email', () => {
    expect(contactFieldErrors({ name: ' ', phone: 'abc', email: 'x@' })).toEqual({
      name: 'A name is required.', phone: 'Not a phone number (digits, spaces, + ( ) . - /).', email: 'Not an email address.',
    });
    expect(contactFieldErrors({ name: 'Ada', phone: '+1 555 0100', email: 'ada@example.com' })).toEqual({});
  });
});
