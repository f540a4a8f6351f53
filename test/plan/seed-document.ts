// Reads the organisation's plan (docs/plans/incident-response-plan.md, in the repository) so tests can pin the default plan to it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DAY, HOUR, MINUTE, WEEK, parseDuration } from '@shared/time/duration';

// ---------- locating and scanning the seed markdown ----------

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const seedPath = resolve(repoRoot, 'docs', 'plans', 'incident-response-plan.md');

export function readSeed(): string {
  if (!existsSync(seedPath)) {
    throw new Error(
      `The customer's plan document was not found at ${seedPath}: the default plan is pinned to it, and it is part of the repository.`,
    );
  }
  return readFileSync(seedPath, 'utf8');
}

export interface Heading {
  level: number;
  title: string;
  /** Lines up to the next heading of any level. */
  own: string[];
  /** Lines up to the next heading of the same or a higher level (subsections included). */
  all: string[];
}

/** Headings outside code fences, each with the lines it governs. */
export function scanHeadings(markdown: string): Heading[] {
  const lines = markdown.split(/\r?\n/);
  const marks: { index: number; level: number; title: string }[] = [];
  let inFence = false;
  lines.forEach((line, index) => {
    if (line.startsWith('```')) inFence = !inFence;
    const match = !inFence && /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (match) marks.push({ index, level: (match[1] as string).length, title: match[2] as string });
  });
  return marks.map((mark, i) => {
    const nextAny = marks[i + 1]?.index ?? lines.length;
    const nextSame = marks.slice(i + 1).find((m) => m.level <= mark.level)?.index ?? lines.length;
    return { level: mark.level, title: mark.title, own: lines.slice(mark.index + 1, nextAny), all: lines.slice(mark.index + 1, nextSame) };
  });
}

export const seed = readSeed();
export const headings = scanHeadings(seed);

export function heading(title: string | RegExp): Heading {
  const found = headings.find((h) => (typeof title === 'string' ? h.title === title : title.test(h.title)));
  if (!found) throw new Error(`seed document has no heading ${String(title)}`);
  return found;
}

/** Direct child headings of a heading, in document order. */
export function childrenOf(parent: Heading): Heading[] {
  const start = headings.indexOf(parent);
  const out: Heading[] = [];
  for (const h of headings.slice(start + 1)) {
    if (h.level <= parent.level) break;
    if (h.level === parent.level + 1) out.push(h);
  }
  return out;
}

export const stripBold = (text: string) => text.replace(/\*\*(.+?)\*\*/g, '$1').trim();
export const stripCheck = (text: string) => text.replace(/^✅\s*/, '').trim();

/** "**Name**: value" lines (bulleted, numbered or bare) -> { Name: value }. */
export function fields(lines: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const match = /^\s*(?:-\s+|\d+\.\s+)?\*\*(.+?)\*\*:\s*(.+?)\s*$/.exec(line);
    if (match) out[match[1] as string] = match[2] as string;
  }
  return out;
}

export interface Group {
  title: string;
  items: string[];
}

/**
 * The checklists of a body of text: a group starts at a "#### Title", a "**Title**:" line or a
 * "1. **Title**" line followed by indented bullets; its items are the bullets and numbered lines that follow (bold and ✅ removed).
 * Code blocks are skipped; groups without items are dropped.
 */
export function groups(lines: string[]): Group[] {
  const out: Group[] = [];
  let current: Group | undefined;
  let inFence = false;
  const open = (title: string) => {
    current = { title, items: [] };
    out.push(current);
  };
  lines.forEach((line, index) => {
    const nextLine = lines.slice(index + 1).find((l) => l.trim() !== '') ?? '';
    if (line.startsWith('```')) {
      inFence = !inFence;
      return;
    }
    if (inFence) return;
    let match: RegExpExecArray | null;
    if ((match = /^#{2,6}\s+(.*)$/.exec(line))) open(match[1] as string);
    else if ((match = /^\*\*(.+?)\*\*\s*(\(.*\))?\s*:\s*$/.exec(line))) open(match[2] ? `${match[1]} ${match[2]}` : (match[1] as string));
    else if ((match = /^\d+\.\s+\*\*([^*]+)\*\*\s*$/.exec(line)) && /^\s+-\s/.test(nextLine)) open(match[1] as string);
    else if ((match = /^\s*(?:-|\d+\.)\s+(.+?)\s*$/.exec(line))) {
      if (!current) open('');
      current?.items.push(stripCheck(stripBold(match[1] as string)));
    }
  });
  return out.filter((g) => g.items.length > 0);
}

export function group(lines: string[], title: string): string[] {
  const found = groups(lines).find((g) => g.title === title);
  if (!found) throw new Error(`seed document has no list "${title}"`);
  return found.items;
}

export function codeBlock(lines: string[]): string[] {
  const start = lines.findIndex((l) => l.startsWith('```'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('```'));
  if (start < 0 || end < 0) throw new Error('expected a code block');
  return lines.slice(start + 1, end);
}

/** "5 minutes", "1 hour", "24 hours", "1 week", "72 hours" -> ms. */
export function docDuration(text: string): number {
  const match = /(\d+)\s*(second|minute|hour|day|week)s?\b/.exec(text);
  if (!match) throw new Error(`no duration in "${text}"`);
  const unit = { second: 1000, minute: MINUTE, hour: HOUR, day: DAY, week: WEEK }[match[2] as 'second'];
  return Number(match[1]) * unit;
}

/** "< 5 minutes for P0, < 15 minutes for P1" -> [{ severity: 'P0', within: 5 min }, ...]. */
export function docTargets(text: string): { severity?: string; within: number }[] {
  return [...text.matchAll(/<\s*(\d+\s*\w+)(?:\s+for\s+(P\d))?/g)].map((m) =>
    m[2] ? { severity: m[2], within: docDuration(m[1] as string) } : { within: docDuration(m[1] as string) },
  );
}

export const ms = (duration: string | undefined) => {
  if (duration === undefined) throw new Error('expected a duration in the plan');
  return parseDuration(duration);
};

// ---------- the tests ----------

