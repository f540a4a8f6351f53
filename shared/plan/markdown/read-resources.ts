// Reads "Tools & Resources" (groups of named tools) and the emergency contacts table.
import type { Plan, Role } from '../schema';
import type { ReadContext } from './context';
import { clean, fieldsOf, inlineText, lineOf, type Section } from './tree';
import { slug } from './values';

export function readTools(parent: Section, ctx: ReadContext): Plan['tools'] {
  return parent.children.map((g, i) => ({
    group: ctx.at(`tools[${i}].group`, g.line, g.title),
    items: [...fieldsOf(g.blocks).values()].map((l, k) => ({
      name: ctx.at(`tools[${i}].items[${k}].name`, l.line, l.label as string),
      value: ctx.at(`tools[${i}].items[${k}].value`, l.line, l.value),
    })),
  }));
}

/** "[Name]" in a template table is a blank to fill, not a name. */
const cell = (text: string) => (/^\[[^\]]*\]$/.test(text) || text === '-' ? '' : text);

export function readContacts(parent: Section, roles: Role[], ctx: ReadContext): Plan['contacts'] {
  const table = parent.blocks.find((b) => b.type === 'table');
  if (!table || table.type !== 'table') {
    ctx.warn(parent.line, 'the contacts section has no table', 'Write the contacts as a table with the columns Role | Name | Phone | Email.');
    return [];
  }
  const [head, ...rows] = table.children;
  const columns = (head?.children ?? []).map((c) => clean(inlineText(c)).toLowerCase());
  const col = (name: string) => columns.findIndex((c) => c.startsWith(name));
  const [role, name, phone, email] = ['role', 'name', 'phone', 'email'].map(col) as [number, number, number, number];
  if (role < 0) {
    ctx.warn(lineOf(head), 'the contacts table has no "Role" column', 'Name the first column "Role".');
    return [];
  }
  return rows.map((row, i) => {
    const text = (k: number) => (k < 0 ? '' : cell(clean(inlineText(row.children[k] ?? { type: 'text', value: '' }))));
    const roleName = text(role);
    const match = roles.find((r) => slug(r.name) === slug(roleName)) ?? roles.find((r) => slug(r.name).startsWith(slug(roleName)));
    const line = lineOf(row);
    return {
      roleId: ctx.at(`contacts[${i}].roleId`, line, match?.id ?? slug(roleName)),
      roleName: ctx.at(`contacts[${i}].roleName`, line, roleName),
      name: ctx.at(`contacts[${i}].name`, line, text(name)),
      phone: ctx.at(`contacts[${i}].phone`, line, text(phone)),
      email: ctx.at(`contacts[${i}].email`, line, text(email)),
    };
  });
}
