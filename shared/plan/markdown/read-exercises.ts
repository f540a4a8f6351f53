// Reads "Training & Drills": each exercise's kind, cadence, duration, topics, participants and debrief.
import type { Exercise } from '../schema';
import type { ReadContext } from './context';
import { fieldsOf, type Section } from './tree';
import { calendarPeriodOf, durationRange } from './values';

const kindOf = (title: string): Exercise['kind'] | undefined =>
  /tabletop/i.test(title) ? 'tabletop' : /drill|game ?day|simulation/i.test(title) ? 'drill' : /training|course/i.test(title) ? 'training' : undefined;

export function readExercises(parent: Section, ctx: ReadContext): Exercise[] {
  return parent.children.map((s, i) => {
    const p = `exercises[${i}]`;
    const f = fieldsOf(s.blocks);
    if (s.blocks.length === 0) ctx.warn(s.line, `the exercise heading "${s.title}" has no content`, 'Add its Frequency, Duration and Participants, or remove the heading.');
    const kind = kindOf(s.title);
    const frequency = f.get('frequency') ?? f.get('cadence');
    const period = frequency ? calendarPeriodOf(frequency.value) : undefined;
    if (frequency && !period) ctx.warn(frequency.line, `"${frequency.value}" is not a cadence the console can schedule`, 'Write Weekly, Monthly, Quarterly, Annually or "Every 6 weeks".');
    const duration = f.get('duration');
    const range = duration ? durationRange(duration.value) : undefined;
    const topics = f.get('topics');
    const participants = f.get('participants');
    const text = (key: string) => f.get(key);
    const scenario = text('scenario');
    const debrief = text('debrief');
    return {
      kind: kind ? ctx.at(`${p}.kind`, s.line, kind) : (ctx.missing(`${p}.kind`, s.line, '', `kind of "${s.title}"`, 'Put Training, Drill or Tabletop in the heading.') as Exercise['kind']),
      name: ctx.at(`${p}.name`, s.line, s.title),
      frequency: period ? ctx.at(`${p}.frequency`, (frequency as { line: number }).line, period) : ctx.missing(`${p}.frequency`, s.line, { count: 0, unit: 'month' as const }, `frequency of "${s.title}"`, 'Add "- **Frequency**: Quarterly" (yours).'),
      frequencyText: frequency ? ctx.at(`${p}.frequencyText`, frequency.line, frequency.value) : ctx.missing(`${p}.frequencyText`, s.line, '', `frequency of "${s.title}"`, 'Add "- **Frequency**: Quarterly" (yours).'),
      durationMin: range ? ctx.at(`${p}.durationMin`, (duration as { line: number }).line, range[0]) : ctx.missing(`${p}.durationMin`, s.line, '', `duration of "${s.title}"`, 'Add "- **Duration**: 1-2 hours" (yours).'),
      durationMax: range ? ctx.at(`${p}.durationMax`, (duration as { line: number }).line, range[1]) : ctx.missing(`${p}.durationMax`, s.line, '', `duration of "${s.title}"`, 'Add "- **Duration**: 1-2 hours" (yours).'),
      ...(scenario ? { scenario: ctx.at(`${p}.scenario`, scenario.line, scenario.value) } : {}),
      topics: topics ? topics.value.split(/,\s*/).filter(Boolean).map((t, k) => ctx.at(`${p}.topics[${k}]`, topics.line, t)) : [],
      participants: participants ? ctx.at(`${p}.participants`, participants.line, participants.value) : ctx.missing(`${p}.participants`, s.line, '', `participants of "${s.title}"`, 'Add "- **Participants**: ..." under the exercise.'),
      ...(debrief ? { debrief: ctx.at(`${p}.debrief`, debrief.line, debrief.value) } : {}),
    };
  });
}
