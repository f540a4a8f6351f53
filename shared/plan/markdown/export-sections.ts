// One writer per section of the plan document, in the shape the customer's plan uses (and the readers read).
import type { Plan, Severity, Step } from '../schema';
import { esc, escLine, fence, labelled } from './markdown-text';
import { durationWords } from './values';
import { plural } from '../../text/plural';

const bullets = (items: string[], line = escLine) => items.map((t) => `- ${line(t)}`).join('\n');
const numbered = (items: string[]) => items.map((t, i) => `${i + 1}. ${escLine(t)}`).join('\n');
const field = (label: string, value: string) => `**${label}**: ${esc(value)}`;
/** Consecutive "**Label**: value" lines of one paragraph, joined by hard breaks as the customer writes them. */
const fieldLines = (lines: string[]) => lines.join('  \n');
const periodWords = (p: { count: number; unit: string }) => plural(p.count, p.unit);

export function writeHeader(plan: Plan): string {
  return `# ${escLine(plan.name)}\n\n${fieldLines([field('Organisation', plan.organisation), field('Document Version', plan.version), field('Last Updated', plan.lastUpdated), field('Scope', plan.scope)])}\n\n---\n\n## Overview\n\n${plan.overview.split(/\n{2,}/).map(escLine).join('\n\n')}`;
}

export function writeSeverities(plan: Plan, inSteps: boolean): string {
  const level = (s: Severity) => [
    `### ${escLine(s.label)}`,
    field('Definition', s.definition),
    ...(s.examples.length ? [`**Examples**:\n${bullets(s.examples)}`] : []),
    fieldLines([field('Response Time', s.responseTargetText), field('Resolution Time', `< ${durationWords(s.resolutionTarget)}`), field('Escalation', s.escalation)]),
    ...(inSteps ? [] : [`**Escalation checklist**:\n${numbered(s.escalationChecklist)}`]),
  ].join('\n\n');
  return `## Incident Severity Levels\n\n${plan.severities.map(level).join('\n\n')}`;
}

function writeStep(step: Step, plan: Plan): string {
  const parts = [`### Step ${step.number}: ${esc(step.title)}`, escLine(step.summary)];
  if (step.usesSeverityEscalation) {
    for (const s of plan.severities) parts.push(`#### ${esc(s.id)} Incident (${esc(s.name)})`, fence(s.escalationChecklist.map((t, i) => `${i + 1}. ${t.replace(/\n/g, ' ')}`).join('\n'), ''));
  }
  for (const section of step.sections) parts.push(`#### ${escLine(section.title)}`, bullets(section.items.map((i) => i.text), labelled));
  return parts.join('\n\n');
}

export function writeSteps(plan: Plan): string {
  return `## Incident Response Procedures\n\n${plan.steps.map((s) => writeStep(s, plan)).join('\n\n')}`;
}

export function writeScenarios(plan: Plan): string {
  const name = (id: string) => plan.categories.find((c) => c.id === id)?.name ?? id;
  const one = (s: Plan['scenarios'][number]) => [
    `### Scenario ${s.number}: ${esc(s.title)}`,
    fieldLines([field('Category', name(s.category)), ...(s.likelySeverity ? [field('Likely severity', s.likelySeverity)] : [])]),
    `**Symptoms**:\n${bullets(s.symptoms)}`,
    `**Investigation**:\n${numbered(s.investigation)}`,
    `**Mitigation**:\n${numbered(s.mitigation)}`,
    `**Prevention**:\n${numbered(s.prevention)}`,
  ].join('\n\n');
  return `## Common Incident Scenarios\n\n${plan.scenarios.map(one).join('\n\n')}`;
}

export function writeTeam(plan: Plan): string {
  const targets = (r: Plan['roles'][number]) => r.responseTargets.map((t) => `< ${durationWords(t.within)}${t.severity ? ` for ${t.severity}` : ''}`).join(', ');
  const roles = plan.roles.map((r) => `#### ${escLine(r.name)}\n${[field('Responsibilities', r.responsibilities), field('On-call', r.coverage), field('Response time', targets(r))].map((l) => `- ${l}`).join('\n')}`);
  const rotations = plan.rotations.map((r) => {
    const role = plan.roles.find((x) => x.id === r.roleId)?.name ?? r.roleId;
    const unit = r.lengthDays === 1 ? 'Day' : 'Week';
    const weekday = r.handoff.weekday.charAt(0).toUpperCase() + r.handoff.weekday.slice(1);
    return `### ${escLine(role)} Schedule\n\n${r.members.map((m, i) => `- **${unit} ${i + 1}**: ${esc(m)}`).join('\n')}\n\n${fieldLines([field('Handoff', `Every ${weekday} at ${r.handoff.time} ${r.handoff.timeZone}`), field('First shift starts', r.anchorDate)])}`;
  });
  return `## Incident Response Team\n\n### Roles & Responsibilities\n\n${roles.join('\n\n')}${rotations.length ? `\n\n${rotations.join('\n\n')}` : ''}`;
}

export function writeTools(plan: Plan): string {
  const group = (g: Plan['tools'][number]) => `### ${escLine(g.group)}\n\n${g.items.map((i) => `- ${field(esc(i.name), i.value)}`).join('\n')}`;
  return `## Tools & Resources\n\n${plan.tools.map(group).join('\n\n')}`;
}

export function writeExercises(plan: Plan): string {
  const duration = (min: string, max: string) => {
    if (min === max) return durationWords(min);
    const [a, b] = [/^(\d+)([smhdw])$/.exec(min), /^(\d+)([smhdw])$/.exec(max)];
    return a && b && a[2] === b[2] ? `${a[1]}-${durationWords(max)}` : `${durationWords(min)} to ${durationWords(max)}`;
  };
  const one = (e: Plan['exercises'][number]) => `### ${escLine(e.name)}\n\n${[
    field('Frequency', e.frequencyText),
    ...(e.scenario ? [field('Scenario', e.scenario)] : []),
    field('Duration', duration(e.durationMin, e.durationMax)),
    ...(e.topics.length ? [field('Topics', e.topics.join(', '))] : []),
    field('Participants', e.participants),
    ...(e.debrief ? [field('Debrief', e.debrief)] : []),
  ].map((l) => `- ${l}`).join('\n')}`;
  return `## Training & Drills\n\n${plan.exercises.map(one).join('\n\n')}`;
}

export function writeReviewTemplate(plan: Plan): string {
  const placeholder = (f: Plan['pir']['sections'][number]['fields'][number]) =>
    f.kind === 'choice' ? (f.choices ?? []).join('/') : f.kind === 'duration' ? 'X minutes' : f.kind === 'number' ? 'N' : 'X';
  const section = (s: Plan['pir']['sections'][number]) => {
    const lines = [`## ${escLine(s.title)}`, `[${esc(s.prompt)}]`];
    const simple = s.fields.filter((f) => f.kind !== 'list');
    if (simple.length) lines.push(simple.map((f) => `- ${esc(f.label)}: [${esc(placeholder(f))}]`).join('\n'));
    for (const f of s.fields.filter((x) => x.kind === 'list')) lines.push(`1. [${esc(f.label)} 1]\n2. [${esc(f.label)} 2]`);
    return lines.join('\n');
  };
  const body = `# Post-Incident Review: [Incident Name]\n\n${plan.pir.sections.map(section).join('\n\n')}`;
  return `## Post-Incident Review Template\n\n${fence(body, 'markdown')}`;
}

export function writeCompliance(plan: Plan): string {
  const b = plan.compliance.breachNotification;
  const r = plan.compliance.retention;
  const names = b ? b.appliesToCategories.map((id) => plan.categories.find((c) => c.id === id)?.name ?? id) : [];
  const breach = b ? `### ${escLine(b.regulation)} Breach Notification\n\n${names.length ? `${field('Applies to', names.join(', '))}\n\n` : ''}${numbered(b.steps)}\n\n` : '';
  return `## Compliance & Legal\n\n${breach}### Incident Documentation\n\n${[
    field('Retain for', `${periodWords(r.minimum)} minimum`),
    ...(r.include.length ? [field('Include', r.include.join(', '))] : []),
    field('Store', r.store),
    field('Review', `Every ${periodWords(r.review)}`),
  ].map((l) => `- ${l}`).join('\n')}`;
}

export function writeContacts(plan: Plan): string {
  const cell = (t: string, blank: string) => (t ? esc(t) : blank);
  const rows = plan.contacts.map((c) => `| ${cell(c.roleName, '-')} | ${cell(c.name, '[Name]')} | ${cell(c.phone, '[Phone]')} | ${cell(c.email, '[Email]')} |`);
  return `## Appendix: Emergency Contacts\n\n| Role | Name | Phone | Email |\n|------|------|-------|-------|${rows.length ? `\n${rows.join('\n')}` : ''}`;
}
