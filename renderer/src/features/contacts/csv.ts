// Contacts as CSV (header name,roles,phone,email,notes): a strict all-or-nothing parser and an exporter.
import { z } from 'zod';
import type { Plan } from '@shared/plan/schema';

export interface ContactFields {
  name: string;
  roleIds: string[];
  phone: string;
  email: string;
  notes: string;
}

export const CSV_COLUMNS = ['name', 'roles', 'phone', 'email', 'notes'] as const;
type Column = (typeof CSV_COLUMNS)[number];

export interface CsvError {
  /** 1-based row as a spreadsheet shows it (the header is row 1). */
  row: number;
  column: Column | null;
  message: string;
}

export type ContactsCsvResult = { ok: true; contacts: ContactFields[] } | { ok: false; errors: CsvError[] };

export function formatCsvError(e: CsvError): string {
  return `Row ${e.row}${e.column ? `, column "${e.column}"` : ''}: ${e.message}`;
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. Rows keep their start line. */
export function parseCsvRecords(text: string): { records: Array<{ line: number; fields: string[] }>; error: string | null } {
  const records: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  for (; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 1; } else quoted = false;
      } else {
        if (ch === '\n') line += 1;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { fields.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { /* CRLF: the \n ends the record */ }
    else if (ch === '\n' || ch === '\r') { endRecord(); line += 1; recordLine = line; }
    else field += ch;
  }
  if (quoted) return { records, error: `Row ${recordLine}: a quoted field is never closed` };
  if (field !== '' || fields.length > 0) endRecord();
  return { records, error: null };
}

export const phoneSchema = z.string().regex(/^\+?[0-9][0-9 ()./-]{2,30}(\s*(x|ext\.?)\s*\d{1,6})?$/i, 'is not a phone number (digits, spaces, + ( ) . - /)');
export const emailSchema = z.string().regex(/^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/, 'is not an email address');

/** Every role a CSV may name, by id or by name (plan roles and the contact sheet's role slots). */
export function roleLookup(plan: Plan): Map<string, string> {
  const map = new Map<string, string>();
  for (const slot of plan.contacts) {
    map.set(slot.roleId.toLowerCase(), slot.roleId);
    map.set(slot.roleName.toLowerCase(), slot.roleId);
  }
  for (const role of plan.roles) {
    map.set(role.id.toLowerCase(), role.id);
    map.set(role.name.toLowerCase(), role.id);
  }
  return map;
}

export function roleName(plan: Plan, roleId: string): string {
  return plan.roles.find((r) => r.id === roleId)?.name ?? plan.contacts.find((c) => c.roleId === roleId)?.roleName ?? roleId;
}

/** Parse a whole contacts CSV; any bad row rejects the whole file, with every problem listed. */
export function parseContactsCsv(text: string, plan: Plan): ContactsCsvResult {
  const { records, error } = parseCsvRecords(text);
  if (error) return { ok: false, errors: [{ row: 1, column: null, message: error.replace(/^Row \d+: /, '') }] };
  const nonBlank = records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  const header = nonBlank[0];
  if (!header) return { ok: false, errors: [{ row: 1, column: null, message: `the file is empty; expected the header ${CSV_COLUMNS.join(',')}` }] };
  const errors: CsvError[] = [];
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const index = {} as Record<Column, number>;
  for (const column of CSV_COLUMNS) {
    const at = names.indexOf(column);
    if (at < 0) errors.push({ row: header.line, column, message: `the header has no "${column}" column (expected ${CSV_COLUMNS.join(',')})` });
    index[column] = at;
  }
  names.forEach((n, at) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(n)) errors.push({ row: header.line, column: null, message: `unknown column "${header.fields[at] ?? ''}" (expected ${CSV_COLUMNS.join(',')})` });
    else if (names.indexOf(n) !== at) errors.push({ row: header.line, column: n as Column, message: 'the column appears twice' });
  });
  if (errors.length > 0) return { ok: false, errors };

  const roles = roleLookup(plan);
  const contacts: ContactFields[] = [];
  for (const record of nonBlank.slice(1)) {
    const row = record.line;
    if (record.fields.length !== names.length) {
      errors.push({ row, column: null, message: `has ${record.fields.length} fields, expected ${names.length}` });
      continue;
    }
    const get = (c: Column) => (record.fields[index[c]] ?? '').trim();
    const rowErrors: CsvError[] = [];
    const name = get('name');
    if (!name) rowErrors.push({ row, column: 'name', message: 'a name is required' });
    else if (name.length > 80) rowErrors.push({ row, column: 'name', message: 'is longer than 80 characters' });
    const roleIds: string[] = [];
    for (const raw of get('roles').split(';').map((r) => r.trim()).filter(Boolean)) {
      const id = roles.get(raw.toLowerCase());
      if (!id) rowErrors.push({ row, column: 'roles', message: `unknown role "${raw}"` });
      else if (!roleIds.includes(id)) roleIds.push(id);
    }
    const phone = get('phone');
    const phoneCheck = phone ? phoneSchema.safeParse(phone) : null;
    if (phoneCheck && !phoneCheck.success) rowErrors.push({ row, column: 'phone', message: `"${phone}" ${phoneCheck.error.issues[0]?.message ?? 'is invalid'}` });
    const email = get('email');
    const emailCheck = email ? emailSchema.safeParse(email) : null;
    if (emailCheck && !emailCheck.success) rowErrors.push({ row, column: 'email', message: `"${email}" ${emailCheck.error.issues[0]?.message ?? 'is invalid'}` });
    const notes = get('notes');
    if (notes.length > 2000) rowErrors.push({ row, column: 'notes', message: 'is longer than 2000 characters' });
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else contacts.push({ name, roleIds, phone, email, notes });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (contacts.length === 0) return { ok: false, errors: [{ row: header.line + 1, column: null, message: 'the file has a header but no contacts' }] };
  return { ok: true, contacts };
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) || /^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** The contacts as CSV with the same header the importer reads; roles as ids separated by ";". */
export function contactsToCsv(contacts: readonly ContactFields[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const c of contacts) lines.push([c.name, c.roleIds.join(';'), c.phone, c.email, c.notes].map(quote).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Field problems of one contact as the edit form shows them (same rules as the importer). */
export function contactFieldErrors(c: Pick<ContactFields, 'name' | 'phone' | 'email'>): Partial<Record<'name' | 'phone' | 'email', string>> {
  const out: Partial<Record<'name' | 'phone' | 'email', string>> = {};
  if (!c.name.trim()) out.name = 'A name is required.';
  else if (c.name.trim().length > 80) out.name = 'At most 80 characters.';
  if (c.phone.trim() && !phoneSchema.safeParse(c.phone.trim()).success) out.phone = 'Not a phone number (digits, spaces, + ( ) . - /).';
  if (c.email.trim() && !emailSchema.safeParse(c.email.trim()).success) out.email = 'Not an email address.';
  return out;
}

/** Merge imported contacts into the sheet: same name (ignoring case) updates that contact, others are added. */
export function mergeContacts<T extends ContactFields & { id: string }>(existing: readonly T[], imported: readonly ContactFields[], newId: () => string): { contacts: Array<ContactFields & { id: string }>; added: number; updated: number } {
  const key = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();
  const out: Array<ContactFields & { id: string }> = existing.map((c) => ({ id: c.id, name: c.name, roleIds: c.roleIds, phone: c.phone, email: c.email, notes: c.notes }));
  const index = new Map(out.map((c, i) => [key(c.name), i]));
  let added = 0;
  let updated = 0;
  for (const c of imported) {
    const at = index.get(key(c.name));
    if (at !== undefined) {
      out[at] = { ...c, id: (out[at] as { id: string }).id };
      updated += 1;
    } else {
      index.set(key(c.name), out.length);
      out.push({ ...c, id: newId() });
      added += 1;
    }
  }
  return { contacts: out, added, updated };
}
