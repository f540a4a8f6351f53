// The roles a document names outside a "## Incident Response Team" section (read-team.ts reads that one): a
// roles table (Role | Responsibilities), "Steps for <role>" checklists, a section named for a team or role, and,
// the headings of a section about roles ("### Incident roles and responsibilities"), a list of the response team's roles ("Reference: Response Team Structure", its roles linked to their sections),
// when the document has no roles section or table, the roles its prose defines: "*Incident Commander* (IC)",
// "(the *reporter*)", 'referred to as the "Fix Lead"', "are the Fix Team", "a security steward", "the incident lead".
import type { List, PhrasingContent, RootContent } from 'mdast';
import type { Role } from '../schema';
import type { ReadContext } from './context';
import { column, tablesOf } from './tables';
import { lineAt } from './times';
import { clean, inlineText, lineOf, type Section } from './tree';
import { slug } from './values';

interface Found { name: string; line: number; responsibilities?: { text: string; line: number } }

const ROLE_NOUN = '(?:Team|Lead|Commander|Manager|Officer|Liaison|Coordinator|Scribe|Deputy|Responder|Committee|Steward)';
const LOWER_ROLE = /\b(?:the role of|is the|are the|both an?|an?)\s+((?:incident|communications?|comms|technical|operations|security|customer) (?:lead|commander|manager|liaison|coordinator|steward))\b/g;
const ABBR_ROLE = new RegExp(`\\b((?!The\\b)[A-Z][a-z]+(?:\\s+[A-Z][a-z]+){0,3}\\s+${ROLE_NOUN})\\s+\\(([A-Z]{2,6})\\)`, 'g');
const QUOTED_ROLE = new RegExp(`(?:referred to as|with) the "([A-Z][\\w ]*?${ROLE_NOUN})\\.?"`, 'g');
/** 'This lead will be referred to as the Fix Lead.', 'This selected developers are the Fix Team.': a name given in so many words. */
const NAMED_ROLE = new RegExp(`\\b(?:referred to as|are|is) the ((?:[A-Z][a-z]+ ){1,3}${ROLE_NOUN})(?=[.,;:]|$)`, 'gm');

const firstText = (s: Section) => {
  const p = s.blocks.find((b) => b.type === 'paragraph');
  return p?.type === 'paragraph' ? { text: clean(inlineText(p)), line: lineOf(p) } : undefined;
};

/** The section holding a roles table (Role | Responsibilities), which is no response step. */
export function rolesTableSection(top: Section): Section | undefined {
  const all: Section[] = [];
  const walk = (s: Section) => { all.push(s); s.children.forEach(walk); };
  walk(top);
  return all.find((s) => s !== top && tablesOf(s.blocks).some((t) => column(t, /^roles?$/i) >= 0 && column(t, /responsib|description|function|duties/i) >= 0));
}

function fromTables(top: Section): Found[] | undefined {
  const all: Section[] = [];
  const walk = (s: Section) => { all.push(s); s.children.forEach(walk); };
  walk(top);
  for (const s of all) {
    for (const t of tablesOf(s.blocks)) {
      const role = column(t, /^roles?$/i);
      const what = column(t, /responsib|description|function|duties/i);
      if (role < 0 || what < 0) continue;
      return t.rows.flatMap((r) => {
        const name = clean(r.cells[role]?.text ?? '');
        const resp = r.cells[what];
        return name ? [{ name, line: r.line, ...(resp?.text ? { responsibilities: { text: resp.text, line: resp.line } } : {}) }] : [];
      });
    }
  }
  return undefined;
}

/** Emphasis used to define a role: "(the *reporter*)", "(*responders*)", "*Incident Commander* (IC)". */
function emphasised(children: PhrasingContent[], line: number, out: Found[]): void {
  children.forEach((c, i) => {
    if (c.type !== 'emphasis') return;
    const name = clean(inlineText(c));
    const before = children[i - 1];
    const after = children[i + 1];
    const prev = before?.type === 'text' ? before.value : '';
    const next = after?.type === 'text' ? after.value : '';
    const defined = /\((?:the\s+)?$/.test(prev) && /^\)/.test(next) || /^\s*\([A-Z]{2,6}\)/.test(next);
    if (defined && /^[A-Za-z][A-Za-z -]{2,40}$/.test(name)) out.push({ name, line: c.position?.start.line ?? line });
  });
}

function fromProse(top: Section, taken: Set<Section>): Found[] {
  const out: Found[] = [];
  const scan = (text: string, line: number) => {
    for (const re of [ABBR_ROLE, QUOTED_ROLE, NAMED_ROLE, LOWER_ROLE]) {
      for (const m of text.matchAll(re)) {
        const name = re === ABBR_ROLE ? `${clean(m[1] as string)} (${m[2]})` : (m[1] as string).replace(/\.$/, '');
        out.push({ name, line: lineAt(text, m.index, line) });
      }
    }
  };
  const blocks = (bs: RootContent[]) => {
    for (const b of bs) {
      if (b.type === 'paragraph' || b.type === 'heading') {
        scan(inlineText(b), lineOf(b));
        emphasised(b.children, lineOf(b), out);
      }
      if (b.type === 'list') for (const item of b.children) blocks(item.children);
    }
  };
  const walk = (s: Section) => {
    if (taken.has(s)) return;
    blocks(s.blocks);
    s.children.forEach(walk);
  };
  walk(top);
  return out;
}

/** A leaf section named for a team or role ("## Product Security Team (PST)"): that role. */
function fromSections(top: Section, taken: Set<Section>): Found[] {
  const out: Found[] = [];
  const named = new RegExp(`\\b${ROLE_NOUN}(\\s*\\([A-Z]{2,6}\\))?$`);
  const walk = (s: Section) => {
    if (taken.has(s)) return;
    if (s.depth > 1 && s.children.length === 0 && named.test(s.title) && !/^steps? for\b/i.test(s.title) && s.blocks.length) {
      const first = firstText(s);
      out.push({ name: s.title, line: s.line, ...(first ? { responsibilities: first } : {}) });
    }
    s.children.forEach(walk);
  };
  walk(top);
  return out;
}

/** The roles a "Response Team Structure" (or "Roles") list names: its innermost items, by the link to each role's
 *  definition where the list links them ("* [Scribe](#role-scribe)"; unlinked items there are groupings). */
function fromRoleList(top: Section, taken: Set<Section>): Found[] {
  const out: Found[] = [];
  const leaves = (list: List): { text: string; line: number; linked?: string }[] => list.children.flatMap((item) => {
    const nested = item.children.find((c): c is List => c.type === 'list');
    if (nested) return leaves(nested);
    const p = item.children.find((c) => c.type === 'paragraph');
    if (p?.type !== 'paragraph') return [];
    const link = p.children.find((c) => c.type === 'link');
    return [{ text: clean(inlineText(p)), line: lineOf(p), ...(link ? { linked: clean(inlineText(link)) } : {}) }];
  });
  const walk = (s: Section) => {
    if (taken.has(s)) return;
    if (/\b(?:team structure|roles?)$/i.test(s.title)) {
      for (const b of s.blocks) {
        if (b.type !== 'list') continue;
        const items = leaves(b);
        const anyLinked = items.some((i) => i.linked);
        for (const i of items) {
          const name = anyLinked ? i.linked : i.text.split(/:|\s[-–—]\s/)[0];
          if (name && /^[A-Za-z][\w /-]{1,60}$/.test(name)) out.push({ name, line: i.line });
        }
      }
    }
    s.children.forEach(walk);
  };
  walk(top);
  return out;
}

/** "### Incident roles and responsibilities" with a heading per role ("#### Incident lead", "#### Messenger"). */
function fromRolesSections(top: Section, taken: Set<Section>): Found[] {
  const out: Found[] = [];
  const walk = (s: Section) => {
    if (taken.has(s)) return;
    if (s !== top && /\broles\b/i.test(s.title)) {
      for (const c of s.children) {
        if (/schedule|rotation|\broles?\b/i.test(c.title) || !(c.blocks.length || c.children.length)) continue;
        const first = firstText(c);
        out.push({ name: c.title, line: c.line, ...(first ? { responsibilities: first } : {}) });
      }
    }
    s.children.forEach(walk);
  };
  walk(top);
  return out;
}

/** "Steps for Incident Commander": the role those steps are for. */
export function rolesOfSteps(steps: Section[]): Found[] {
  return steps.flatMap((s) => {
    const m = /^steps? for (?:the )?(.+)$/i.exec(s.title);
    const first = firstText(s);
    return m ? [{ name: clean(m[1] as string), line: s.line, ...(first ? { responsibilities: first } : {}) }] : [];
  });
}

export function findRoles(top: Section, steps: Section[], taken: Set<Section>): Found[] {
  const table = fromTables(top);
  const found = [...(table ?? []), ...rolesOfSteps(steps), ...fromRolesSections(top, taken), ...fromRoleList(top, taken), ...fromSections(top, taken)];
  // Prose is read only where the document keeps no roles table: a table is the document's own list.
  if (!table) found.push(...fromProse(top, taken));
  // One role however often it is named: "Incident Commander (IC)" is "Incident Commander" is "(IC)".
  const seen = new Set<string>();
  return found.filter((f) => {
    const keys = [f.name.toLowerCase().replace(/\s*\([^)]*\)$/, '').trim(), /\(([A-Z]{2,6})\)$/.exec(f.name)?.[1] ?? ''].filter(Boolean);
    if (keys.some((k) => seen.has(k))) return false;
    keys.forEach((k) => seen.add(k));
    return true;
  });
}

/** Roles as the plan holds them: what the document did not say (coverage, response time) is flagged. */
export function toRoles(found: Found[], ctx: ReadContext): Role[] {
  return found.map((f, i) => {
    const p = `roles[${i}]`;
    return {
      id: ctx.at(`${p}.id`, f.line, slug(f.name) || `role-${i + 1}`),
      name: ctx.at(`${p}.name`, f.line, f.name),
      responsibilities: f.responsibilities ? ctx.at(`${p}.responsibilities`, f.responsibilities.line, f.responsibilities.text) : ctx.missing(`${p}.responsibilities`, f.line, '', `responsibilities of ${f.name}`, 'Say what this role does during an incident.'),
      coverage: ctx.missing(`${p}.coverage`, f.line, '', `on-call coverage of ${f.name}`, 'Say when this role is available, e.g. "24/7 rotation" or "Business hours".'),
      responseTargets: ctx.missing(`${p}.responseTargets`, f.line, [], `response time of ${f.name}`, 'How quickly this role responds when paged, e.g. "15m".'),
      assignable: true,
    };
  });
}

