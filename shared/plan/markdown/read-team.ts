// Reads "Incident Response Team": roles with responsibilities, on-call coverage and response times, and the rotation.
import type { Role, Rotation } from '../schema';
import type { ReadContext } from './context';
import { clean, fieldsOf, inlineText, lineOf, listItems, type Section } from './tree';
import { severityIdIn } from './read-severities';
import { durationsIn, handoffOf, slug } from './values';

/** "< 5 minutes for P0, < 15 minutes for P1" -> one target per level; "< 15 minutes" -> one for all. */
function targetsOf(text: string): Role['responseTargets'] {
  return text.split(/[,;]/).flatMap((part) => {
    const within = durationsIn(part)[0];
    if (!within) return [];
    const severity = /\bfor\b/i.test(part) ? severityIdIn(part) : undefined;
    return [severity ? { severity, within } : { within }];
  });
}

/** "#### Responsibilities" under the role's heading, its list (or first paragraph) as one line. */
function responsibilitiesSection(role: Section): { value: string; line: number } | undefined {
  const sub = role.children.find((c) => /^responsibilit/i.test(c.title));
  if (!sub) return undefined;
  for (const b of sub.blocks) {
    if (b.type === 'list') {
      const items = listItems(b);
      if (items.length) return { value: items.map((i) => i.text).join('; '), line: (items[0] as { line: number }).line };
    }
    if (b.type === 'paragraph') return { value: clean(inlineText(b)), line: lineOf(b) };
  }
  return undefined;
}

export function readRoles(team: Section, ctx: ReadContext): Role[] {
  // The roles sub-section when the team section keeps its roles in one ("### Roles" with a heading per role).
  const holder = team.children.find((c) => /roles/i.test(c.title) && c.children.length > 0) ?? team;
  // A sub-heading about roles or rotas ("Transferring roles", "On-call schedule") is a rule, not a role.
  const sections = holder.children.filter((c) => !/schedule|rotation|\broles?\b/i.test(c.title));
  return sections.flatMap((s) => {
    const i = sections.indexOf(s);
    const p = `roles[${i}]`;
    const f = fieldsOf(s.blocks);
    if (s.blocks.length === 0 && s.children.length === 0) ctx.warn(s.line, `the role heading "${s.title}" has no content`, 'Add its Responsibilities, On-call and Response time under the heading, or remove it.');
    const responsibilities = f.get('responsibilities') ?? responsibilitiesSection(s);
    const coverage = f.get('on-call') ?? f.get('coverage') ?? f.get('availability');
    const response = f.get('response time') ?? f.get('response');
    const targets = response ? targetsOf(response.value) : [];
    if (response) ctx.usedTime(response.line);
    if (response && !targets.length) ctx.warn(response.line, `"${response.value}" has no duration`, 'Write it as "< 15 minutes" (your number).');
    return [{
      id: ctx.at(`${p}.id`, s.line, slug(s.title)),
      name: ctx.at(`${p}.name`, s.line, s.title),
      responsibilities: responsibilities ? ctx.at(`${p}.responsibilities`, responsibilities.line, responsibilities.value) : ctx.missing(`${p}.responsibilities`, s.line, '', `responsibilities of ${s.title}`, 'Add "- **Responsibilities**: ..." under the role.'),
      coverage: coverage ? ctx.at(`${p}.coverage`, coverage.line, coverage.value) : ctx.missing(`${p}.coverage`, s.line, '', `on-call coverage of ${s.title}`, 'Add "- **On-call**: 24/7 rotation" (yours) under the role.'),
      responseTargets: targets.length ? ctx.at(`${p}.responseTargets`, (response as { line: number }).line, targets) : ctx.missing(`${p}.responseTargets`, s.line, [], `response time of ${s.title}`, 'Add "- **Response time**: < 15 minutes" (yours) under the role.'),
      assignable: true,
    }];
  });
}

export function readRotations(team: Section, roles: Role[], ctx: ReadContext): Rotation[] {
  const sections = team.children.filter((c) => /schedule|rotation/i.test(c.title));
  return sections.map((s, i) => {
    const p = `rotations[${i}]`;
    const f = fieldsOf(s.blocks);
    const shifts = [...f.values()].filter((l) => /^(week|day|shift)\s*\d+$/i.test(l.label ?? ''));
    const unit = /^day/i.test(shifts[0]?.label ?? '') ? 1 : 7;
    const handoff = f.get('handoff') ?? f.get('handover');
    const h = handoff ? handoffOf(handoff.value) : {};
    const prefix = slug(s.title.replace(/\b(schedule|rotation)\b/gi, ''));
    const role = roles.find((r) => prefix && (r.id.startsWith(prefix) || slug(r.name).startsWith(prefix)));
    const start = [...f.values()].find((l) => /start|anchor|first/i.test(l.label ?? '') && /\d{4}-\d{2}-\d{2}/.test(l.value));
    const hl = handoff?.line ?? s.line;
    const need = (what: string, fix: string) => ctx.missing(`${p}.handoff.${what}`, hl, '', `handoff ${what} of ${s.title}`, fix);
    return {
      id: ctx.at(`${p}.id`, s.line, slug(s.title)),
      roleId: role ? ctx.at(`${p}.roleId`, s.line, role.id) : ctx.missing(`${p}.roleId`, s.line, '', `role that ${s.title} staffs`, 'Name the rotation after the role, e.g. "On-Call Engineer Schedule".'),
      members: shifts.length ? shifts.map((l, k) => ctx.at(`${p}.members[${k}]`, l.line, l.value)) : ctx.missing(`${p}.members`, s.line, [], `members of ${s.title}`, 'List the shifts as "- **Week 1**: Name".'),
      lengthDays: ctx.at(`${p}.lengthDays`, shifts[0]?.line ?? s.line, unit),
      handoff: {
        weekday: h.weekday ? ctx.at(`${p}.handoff.weekday`, hl, h.weekday) : (need('weekday', 'Write "**Handoff**: Every Monday at 9 AM UTC" (yours).') as 'monday'),
        time: h.time ? ctx.at(`${p}.handoff.time`, hl, h.time) : need('time', 'Give the handoff time, e.g. "at 9 AM UTC".'),
        timeZone: h.timeZone ? ctx.at(`${p}.handoff.timeZone`, hl, h.timeZone) : need('timeZone', 'Give the time zone, e.g. "UTC" or "Europe/Berlin".'),
      },
      anchorDate: start ? ctx.at(`${p}.anchorDate`, start.line, /\d{4}-\d{2}-\d{2}/.exec(start.value)?.[0] as string) : ctx.missing(`${p}.anchorDate`, s.line, '', `the date the first shift of ${s.title} starts`, 'The document names the shifts but no start date: fill in the date (YYYY-MM-DD, on the handoff weekday) the first member starts.'),
    };
  });
}
