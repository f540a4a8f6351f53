// Reads the post-incident review: its template (a fenced Markdown block, parsed as a document of its own) and the
// review step's attendees, agenda and sharing lists.
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { PirSection, Plan } from '../schema';
import type { ReadContext } from './context';
import type { ReadStep } from './read-steps';
import { clean, listItems, paragraphLines, sectionsOf, type Line, type Section } from './tree';
import { slug } from './values';

type Field = PirSection['fields'][number];

const camel = (label: string) => slug(label).replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const sentence = (title: string) => title.charAt(0) + title.slice(1).toLowerCase();
/** "[Describe root cause]" -> "Describe root cause"; undefined when the text is not one bracketed blank. */
const blank = (text: string) => /^\[([^\]]+)\]$/.exec(text.trim())?.[1];

/** "- Duration: [X minutes]" -> a duration field; "[Low/Medium/High]" -> a choice; "[X]" -> text. */
function fieldOf(label: string, placeholder: string): Field {
  const choices = placeholder.includes('/') ? placeholder.split('/').map((c) => c.trim()) : undefined;
  const kind: Field['kind'] = choices ? 'choice' : /\b(minutes?|hours?|duration)\b/i.test(placeholder) ? 'duration' : /^(n|number|#)$/i.test(placeholder) ? 'number' : 'text';
  return { id: camel(label), label, kind, ...(choices ? { choices } : {}) };
}

function readTemplateSection(s: Section, p: string, ctx: ReadContext, offset: number): PirSection {
  const at = (line: number) => line + offset;
  const fields: Field[] = [];
  let prompt: Line | undefined;
  for (const block of s.blocks) {
    if (block.type === 'paragraph') {
      const [first] = paragraphLines(block);
      if (first && blank(first.text) && !prompt) prompt = first;
    }
    if (block.type !== 'list') continue;
    const items = listItems(block);
    const labelled = items.map((it) => /^([^[\]:]+):\s*\[([^\]]+)\]$/.exec(it.text));
    if (labelled.every(Boolean)) {
      labelled.forEach((m, k) => {
        fields.push(fieldOf((m as RegExpExecArray)[1]?.trim() as string, (m as RegExpExecArray)[2] as string));
        ctx.at(`${p}.fields[${fields.length - 1}]`, at((items[k] as Line).line), true);
      });
    } else if (block.ordered && items.every((it) => /^\[[^\]]+\s\d+\]$/.test(it.text))) {
      // "1. [Lesson 1]" ... a numbered list of blanks: the section is filled in as a list.
      fields.push({ id: camel(s.title), label: sentence(s.title), kind: 'list' });
      ctx.at(`${p}.fields[${fields.length - 1}]`, at((items[0] as Line).line), true);
    }
  }
  const line = at(s.line);
  return {
    id: ctx.at(`${p}.id`, line, slug(s.title)),
    title: ctx.at(`${p}.title`, line, s.title),
    prompt: prompt ? ctx.at(`${p}.prompt`, at(prompt.line), blank(prompt.text) as string) : ctx.missing(`${p}.prompt`, line, '', `prompt of review section "${s.title}"`, 'Write the question the section answers as "[How will we prevent this?]" under its heading, or fill it here.'),
    fields,
  };
}

export function readReviewTemplate(parent: Section, ctx: ReadContext): PirSection[] {
  const code = parent.blocks.find((b) => b.type === 'code');
  if (!code || code.type !== 'code') {
    ctx.warn(parent.line, 'the review template has no fenced ```markdown block', 'Put the template in a fenced block of Markdown, one "## Section" per part.');
    return [];
  }
  // Lines inside the block count from the fence: line L of the template is line fence+L of the document.
  const offset = code.position?.start.line ?? 0;
  const inner = sectionsOf(fromMarkdown(code.value));
  const sections = inner.children.flatMap((c) => (c.depth === 1 ? c.children : [c]));
  return sections.map((s, i) => readTemplateSection(s, `pir.sections[${i}]`, ctx, offset));
}

/** The review step's lists: who attends, the agenda, who the findings go to. */
export function readReviewStep(steps: ReadStep[], ctx: ReadContext, due: Line | undefined, sections: PirSection[]): Plan['pir'] {
  const lists = steps.flatMap((s) => s.lists);
  const find = (pattern: RegExp) => lists.find((l) => pattern.test(l.title));
  const attendees = find(/review meeting|attendees|who attends/i);
  const agenda = find(/agenda/i);
  const share = find(/share/i);
  const at = steps.find((s) => /review|retro|post-?incident/i.test(s.step.title))?.heading.line ?? 1;
  return {
    dueAfterResolutionText: due ? ctx.at('pir.dueAfterResolutionText', due.line, clean(due.text)) : ctx.missing('pir.dueAfterResolutionText', at, '', 'when the review is due', 'Add "**Within 24 hours of resolution**:" (yours) to the review step.'),
    attendees: attendees ? ctx.texts('pir.attendees', attendees.items) : [],
    agenda: agenda ? ctx.texts('pir.agenda', agenda.items) : [],
    sections: sections.length ? sections : ctx.missing('pir.sections', at, [], 'review template', 'Add a "## Post-Incident Review Template" section with a fenced Markdown template.'),
    share: share ? ctx.texts('pir.share', share.items) : [],
  };
}
