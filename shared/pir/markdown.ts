// The review as Markdown, following the plan's "Post-Incident Review Template" heading for heading.
import { acceptedOnBehalf } from '../warroom/handover';
import type { ActionItem } from '../incident/state';
import type { Plan } from '../plan/schema';
import { zonedParts } from '../time/zoned';
import { acknowledgementText, minutesText, type PirField, type PirModel, type PirSectionModel } from './model';

export interface MarkdownOptions {
  /** Zone for the times written in the document; UTC unless given. */
  timeZone?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-03-02 10:04 UTC" in the given zone (the zone's name is written out so readers cannot misread it). */
export function formatInstant(ms: number, timeZone = 'UTC'): string {
  const p = zonedParts(ms, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)} ${timeZone}`;
}

export function formatDate(ms: number, timeZone = 'UTC'): string {
  const p = zonedParts(ms, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** One line of inline text: newlines folded, nothing that could open a block (heading, list, quote) at its start. */
export function inline(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** A free-text block: kept as the author wrote it, except lines that would start a new heading of the document. */
export function block(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((line) => (/^\s{0,3}(#{1,6}(\s|$)|=+\s*$|-+\s*$)/.test(line) ? `\\${line.trimStart()}` : line))
    .join('\n');
}

/** A list field: one item per line, with any numbering or bullet the author typed removed. */
export function listItems(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:\d+[.)]|[-*+])\s+/, '').trim())
    .filter(Boolean);
}

function fieldLine(field: PirField): string {
  return `- ${field.label}: ${field.value.trim() ? inline(field.value) : 'not recorded'}`;
}

function actionLine(item: ActionItem, index: number, timeZone: string): string {
  const owner = item.owner.trim() ? inline(item.owner) : 'unassigned';
  const deadline = item.deadline !== null ? formatDate(item.deadline, timeZone) : 'none';
  const status = item.status === 'open' ? '' : ` - Status: ${item.status}`;
  return `${index + 1}. ${inline(item.title)} - Owner: ${owner} - Deadline: ${deadline}${status}`;
}

function sectionBody(section: PirSectionModel, pir: PirModel, plan: Plan, timeZone: string): string[] {
  if (section.id === 'timeline') {
    return pir.timeline.map((item) => `- ${formatInstant(item.at, timeZone)}: ${inline(item.label)}`);
  }
  if (section.id === 'action-items') {
    const items = pir.actionItems.filter((a) => a.status !== 'cancelled');
    return items.length ? items.map((a, i) => actionLine(a, i, timeZone)) : ['No action items.'];
  }
  const lines: string[] = [];
  const [only] = section.fields;
  if (section.fields.length === 1 && only && only.kind === 'list') {
    const items = listItems(only.value);
    lines.push(...(items.length ? items.map((item, i) => `${i + 1}. ${inline(item)}`) : [`[${section.prompt}]`]));
  } else if (section.fields.length === 1 && only) {
    lines.push(only.value.trim() ? block(only.value) : `[${section.prompt}]`);
  } else if (section.fields.length > 1) {
    lines.push(...section.fields.map(fieldLine));
  } else {
    lines.push(`[${section.prompt}]`);
  }
  if (section.id === 'response-effectiveness') {
    lines.push(`- ${inline(acknowledgementText(pir, (ms) => formatInstant(ms, timeZone)))}`);
    for (const t of pir.targets) {
      if (t.targetMs === null) continue;
      const verdict = t.met === null ? (pir.resolvedAt !== null ? 'not recorded' : 'pending') : t.met ? 'met' : 'missed';
      lines.push(`- ${t.label}: ${verdict} (target ${minutesText(t.targetMs)}${t.actualMs !== null ? `, took ${minutesText(t.actualMs)}` : ''})`);
    }
    for (const c of pir.cadence) {
      if (c.owed === 0) continue;
      lines.push(`- Update cadence (${c.audienceName}): ${c.onTime} of ${c.owed} on time, ${c.late} late, ${c.missed} missed`);
    }
  }
  if (section.id === 'impact' && pir.breach) {
    const b = pir.breach;
    const rule = plan.compliance.breachNotification;
    const when = (ms: number | null) => (ms === null ? 'not yet' : formatInstant(ms, timeZone));
    lines.push(`- ${rule ? `${rule.regulation} breach` : 'Breach'} discovered: ${when(b.discoveredAt)}`);
    lines.push(`- Authority notified${b.authority.trim() ? ` (${inline(b.authority)})` : ''}: ${when(b.authorityNotifiedAt)}`);
    lines.push(`- Individuals notified: ${when(b.individualsNotifiedAt)}`);
    lines.push(`- Evidence preserved: ${b.evidencePreserved === null ? 'not recorded' : b.evidencePreserved ? 'yes' : 'no'}`);
  }
  return lines;
}

/** "Dana to Sam, offered 10:05 UTC, accepted 10:06 UTC": one handover's heading in the review and its exports. */
export function handoverHeading(h: PirModel['handovers'][number], timeZone = 'UTC'): string {
  const onBehalf = acceptedOnBehalf(h) ? ` on ${inline(h.to)}'s behalf by ${inline(h.acceptedBy ?? '')} (recorded before acceptance was bound to the incoming commander)` : '';
  const accepted = h.acceptedAt !== null ? `accepted ${formatInstant(h.acceptedAt, timeZone)}${onBehalf}` : 'not accepted';
  return `${h.from ? inline(h.from) : 'No commander'} to ${inline(h.to)}: offered ${formatInstant(h.offeredAt, timeZone)}, ${accepted}`;
}

/** The briefings as written, each in a fence longer than any backtick run inside it (so no text can close it). */
function handoverAppendix(pir: PirModel, timeZone: string): string[] {
  const out = ['## Command Handover Briefings (ICS-201)', ''];
  for (const h of pir.handovers) {
    const longest = Math.max(0, ...(h.briefing.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(Math.max(3, longest + 1));
    out.push(`### ${handoverHeading(h, timeZone)}`, '', `${fence}text`, h.briefing.replace(/\r\n?/g, '\n'), fence, '');
  }
  return out;
}

/** The review document. Headings are exactly the template's: `# Post-Incident Review: <title>`, then one `##` per plan section. */
export function pirMarkdown(pir: PirModel, plan: Plan, options: MarkdownOptions = {}): string {
  const timeZone = options.timeZone ?? 'UTC';
  const meta = [
    pir.severity && `Severity: ${pir.severity}`,
    pir.category && `Category: ${plan.categories.find((c) => c.id === pir.category)?.name ?? pir.category}`,
    `Detected: ${formatInstant(pir.detectedAt, timeZone)}`,
    pir.resolvedAt !== null && `Resolved: ${formatInstant(pir.resolvedAt, timeZone)}`,
    `Review status: ${pir.reviewStatus}`,
    pir.drill && 'DRILL',
  ].filter(Boolean);
  const out: string[] = [`# Post-Incident Review: ${inline(pir.title)}`, '', meta.join(' · '), ''];
  for (const section of pir.sections) {
    out.push(`## ${section.title}`, '', ...sectionBody(section, pir, plan, timeZone), '');
  }
  if (pir.handovers.length) out.push(...handoverAppendix(pir, timeZone));
  return `${out.join('\n').trimEnd()}\n`;
}
