// Pins every number and list of the default plan to the seed document, read and scanned at test time.
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPlan } from './default-plan';
import { parsePlan } from './load';
import { DAY, HOUR, MINUTE, WEEK, parseDuration } from '../time/duration';

// ---------- locating and scanning the seed markdown ----------

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const seedPath = resolve(repoRoot, '..', 'shared', 'seed', 'incident-response-plan.md');

function readSeed(): string {
  if (!existsSync(seedPath)) {
    throw new Error(
      `The seed plan was not found at ${seedPath}. The default plan is pinned to it: the shared/ folder ` +
        `(with seed/incident-response-plan.md) must sit beside the repository clone.`,
    );
  }
  return readFileSync(seedPath, 'utf8');
}

interface Heading {
  level: number;
  title: string;
  /** Lines up to the next heading of any level. */
  own: string[];
  /** Lines up to the next heading of the same or a higher level (subsections included). */
  all: string[];
}

/** Headings outside code fences, each with the lines it governs. */
function scanHeadings(markdown: string): Heading[] {
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

const seed = readSeed();
const headings = scanHeadings(seed);

function heading(title: string | RegExp): Heading {
  const found = headings.find((h) => (typeof title === 'string' ? h.title === title : title.test(h.title)));
  if (!found) throw new Error(`seed document has no heading ${String(title)}`);
  return found;
}

/** Direct child headings of a heading, in document order. */
function childrenOf(parent: Heading): Heading[] {
  const start = headings.indexOf(parent);
  const out: Heading[] = [];
  for (const h of headings.slice(start + 1)) {
    if (h.level <= parent.level) break;
    if (h.level === parent.level + 1) out.push(h);
  }
  return out;
}

const stripBold = (text: string) => text.replace(/\*\*(.+?)\*\*/g, '$1').trim();
const stripCheck = (text: string) => text.replace(/^✅\s*/, '').trim();

/** "**Name**: value" lines (bulleted, numbered or bare) -> { Name: value }. */
function fields(lines: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const match = /^\s*(?:-\s+|\d+\.\s+)?\*\*(.+?)\*\*:\s*(.+?)\s*$/.exec(line);
    if (match) out[match[1] as string] = match[2] as string;
  }
  return out;
}

interface Group {
  title: string;
  items: string[];
}

/**
 * The checklists of a body of text: a group starts at a "#### Title", a "**Title**:" line or a
 * "1. **Title**" line followed by indented bullets; its items are the bullets and numbered lines that follow (bold and ✅ removed).
 * Code blocks are skipped; groups without items are dropped.
 */
function groups(lines: string[]): Group[] {
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

function group(lines: string[], title: string): string[] {
  const found = groups(lines).find((g) => g.title === title);
  if (!found) throw new Error(`seed document has no list "${title}"`);
  return found.items;
}

function codeBlock(lines: string[]): string[] {
  const start = lines.findIndex((l) => l.startsWith('```'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('```'));
  if (start < 0 || end < 0) throw new Error('expected a code block');
  return lines.slice(start + 1, end);
}

/** "5 minutes", "1 hour", "24 hours", "1 week", "72 hours" -> ms. */
function docDuration(text: string): number {
  const match = /(\d+)\s*(second|minute|hour|day|week)s?\b/.exec(text);
  if (!match) throw new Error(`no duration in "${text}"`);
  const unit = { second: 1000, minute: MINUTE, hour: HOUR, day: DAY, week: WEEK }[match[2] as 'second'];
  return Number(match[1]) * unit;
}

/** "< 5 minutes for P0, < 15 minutes for P1" -> [{ severity: 'P0', within: 5 min }, ...]. */
function docTargets(text: string): { severity?: string; within: number }[] {
  return [...text.matchAll(/<\s*(\d+\s*\w+)(?:\s+for\s+(P\d))?/g)].map((m) =>
    m[2] ? { severity: m[2], within: docDuration(m[1] as string) } : { within: docDuration(m[1] as string) },
  );
}

const ms = (duration: string | undefined) => {
  if (duration === undefined) throw new Error('expected a duration in the plan');
  return parseDuration(duration);
};

// ---------- the tests ----------

describe('the default plan is valid', () => {
  it('passes its own loader, cross-references included', () => {
    expect(parsePlan(structuredClone(defaultPlan))).toEqual({ ok: true, plan: defaultPlan });
  });
});

describe('document facts', () => {
  it('carries the title, scope, overview, version and date', () => {
    expect(defaultPlan.name).toBe(heading(/^Incident Response Plan$/).title);
    expect(seed).toContain(`**Last Updated**: ${defaultPlan.lastUpdated}`);
    expect(seed).toContain(`**Scope**: ${defaultPlan.scope}`);
    expect(seed).toContain(`**Document Version**: ${defaultPlan.version}`);
    expect(heading('Overview').own.join(' ').trim()).toBe(defaultPlan.overview);
  });
});

describe('severities', () => {
  const seedSeverities = childrenOf(heading('Incident Severity Levels'));

  it('has the four severities of the seed, in order', () => {
    expect(seedSeverities.map((h) => h.title)).toEqual(defaultPlan.severities.map((s) => s.label));
    expect(defaultPlan.severities.map((s) => s.id)).toEqual(seedSeverities.map((h) => /- (P\d)$/.exec(h.title)?.[1]));
    expect(defaultPlan.severities.map((s) => s.name)).toEqual(seedSeverities.map((h) => /\((\w+)\)/.exec(h.title)?.[1]));
    expect(defaultPlan.severities.map((s) => s.rank)).toEqual([0, 1, 2, 3]);
  });

  describe.each(defaultPlan.severities.map((s, i) => [s.id, s, i] as const))('%s', (_id, severity, i) => {
    const doc = seedSeverities[i] as Heading;
    const f = fields(doc.own);

    it('definition, examples and escalation are the seed\'s words', () => {
      expect(severity.definition).toBe(f.Definition);
      expect(severity.examples).toEqual(group(doc.own, 'Examples'));
      expect(severity.escalation).toBe(f.Escalation);
    });

    it('response and resolution targets are the seed\'s numbers', () => {
      expect(severity.responseTargetText).toBe(f['Response Time']);
      expect(ms(severity.responseTarget)).toBe(docDuration(f['Response Time'] as string));
      expect(ms(severity.resolutionTarget)).toBe(docDuration(f['Resolution Time'] as string));
    });

    it('the paging deadline follows the escalation text', () => {
      const escalation = f.Escalation as string;
      if (/within/.test(escalation)) expect(ms(severity.pageWithin)).toBe(docDuration(escalation));
      else if (/immediately/.test(escalation)) expect(ms(severity.pageWithin)).toBe(docDuration(f['Response Time'] as string));
      else expect(severity.pageWithin).toBeUndefined();
    });

    it('the escalation checklist is the Step 3 block for the severity', () => {
      const block = heading(new RegExp(`^${severity.id} Incident \\(${severity.name}\\)$`));
      const items = codeBlock(block.own).map((l) => l.replace(/^\d+\.\s+/, '').trim());
      expect(severity.escalationChecklist).toEqual(items);
    });

    it('every suggestion rule quotes one of the severity\'s examples', () => {
      for (const rule of severity.signals) expect(severity.examples).toContain(rule.quote);
    });

    it('update cadences: stakeholders every 15 min where the checklist notifies them, users every 30 min for P0/P1 only', () => {
      const during = group(heading('Step 6: Communication').all, 'During Incident');
      const stakeholderLine = during.find((l) => /to stakeholders/.test(l)) as string;
      const userLine = during.find((l) => /to users/.test(l)) as string;
      const userSeverities = /\(if ([P\d/]+)\)/.exec(userLine)?.[1]?.split('/') ?? [];
      expect(userSeverities).toEqual(['P0', 'P1']);

      const stakeholders = severity.updateCadences.find((c) => c.audience === 'stakeholders');
      const notify = severity.escalationChecklist.find((item) => /^Notify stakeholders/.test(item));
      if (notify) {
        expect(ms(stakeholders?.every)).toBe(docDuration(stakeholderLine));
        const condition = /if > (.+) to resolve/.exec(notify);
        if (condition) expect(ms(stakeholders?.firstAfter)).toBe(docDuration(condition[1] as string));
        else expect(stakeholders?.firstAfter).toBeUndefined();
      } else {
        expect(stakeholders).toBeUndefined();
      }

      const users = severity.updateCadences.find((c) => c.audience === 'users');
      if (userSeverities.includes(severity.id)) expect(ms(users?.every)).toBe(docDuration(userLine));
      else expect(users).toBeUndefined();
      expect(severity.updateCadences.every((c) => c.audience === 'stakeholders' || c.audience === 'users')).toBe(true);
    });
  });

  it('spot checks: P0 respond < 5 min, resolve < 15 min; P3 resolve < 1 week', () => {
    const [p0, p1, p2, p3] = defaultPlan.severities;
    expect([p0, p1, p2, p3].map((s) => ms(s?.responseTarget))).toEqual([5 * MINUTE, 15 * MINUTE, HOUR, 24 * HOUR]);
    expect([p0, p1, p2, p3].map((s) => ms(s?.resolutionTarget))).toEqual([15 * MINUTE, HOUR, 4 * HOUR, WEEK]);
  });
});

describe('classification (step 2)', () => {
  const items = group(heading('Step 2: Incident Classification').all, 'Upon detection, classify the incident');

  it('asks the four questions of the seed', () => {
    expect(defaultPlan.classificationQuestions).toEqual(items);
  });

  it('severity levels and categories are the seed\'s', () => {
    const f = fields(heading('Step 2: Incident Classification').all);
    expect(f['Severity Level']?.split(/,\s*(?:or\s+)?/)).toEqual(defaultPlan.severities.map((s) => s.id));
    expect(f.Category?.split(/,\s*/)).toEqual(defaultPlan.categories.map((c) => c.name));
  });
});

describe('response steps', () => {
  const seedSteps = childrenOf(heading('Incident Response Procedures'));

  it('are the eight steps of the seed, numbered and titled alike', () => {
    expect(seedSteps.map((h) => h.title)).toEqual(defaultPlan.steps.map((s) => `Step ${s.number}: ${s.title}`));
    expect(defaultPlan.steps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  describe.each(defaultPlan.steps.map((s, i) => [s.number, s.title, s, i] as const))('step %i %s', (_n, _t, step, i) => {
    const doc = seedSteps[i] as Heading;
    it('checklists are the seed\'s lists, item for item', () => {
      const expected = groups(doc.all);
      const actual = step.sections.map((s) => ({ title: s.title, items: s.items.map((item) => item.text) }));
      if (step.number === 2) {
        // The seed's only list here is introduced by a sentence, kept as the step summary.
        expect(step.summary).toBe(`${expected[0]?.title}.`);
        expect(actual.map((g) => g.items)).toEqual(expected.map((g) => g.items));
      } else {
        expect(actual).toEqual(expected);
      }
    });
  });

  it('step 3 defers to the escalation checklist of the current severity', () => {
    const step3 = defaultPlan.steps.find((s) => s.number === 3);
    expect(step3?.usesSeverityEscalation).toBe(true);
    expect(step3?.sections).toEqual([]);
    expect(defaultPlan.steps.filter((s) => s.usesSeverityEscalation)).toHaveLength(1);
  });

  it('checklist item ids are unique within each section', () => {
    for (const step of defaultPlan.steps) {
      for (const section of step.sections) {
        const ids = section.items.map((item) => item.id);
        expect(new Set(ids).size, `${step.id}/${section.id}`).toBe(ids.length);
      }
    }
  });
});

describe('timers', () => {
  it('immediate mitigation within 15 minutes (step 5)', () => {
    const line = heading('Step 5: Mitigation').all.find((l) => l.startsWith('**Immediate Actions**')) as string;
    expect(ms(defaultPlan.timers.immediateMitigation)).toBe(docDuration(line));
    expect(ms(defaultPlan.timers.immediateMitigation)).toBe(15 * MINUTE);
  });

  it('recurrence watch of 30 minutes (step 7)', () => {
    const line = group(heading('Step 7: Resolution & Verification').all, 'Before declaring incident resolved').find((l) => /recurrence/.test(l)) as string;
    expect(ms(defaultPlan.timers.recurrenceWatch)).toBe(docDuration(line));
    expect(ms(defaultPlan.timers.recurrenceWatch)).toBe(30 * MINUTE);
  });

  it('post-incident review within 24 hours of resolution (step 8)', () => {
    const line = heading('Step 8: Post-Incident Review').all.find((l) => /^\*\*Within/.test(l)) as string;
    expect(defaultPlan.pir.dueAfterResolutionText).toBe(stripBold(line).replace(/:$/, ''));
    expect(ms(defaultPlan.timers.pirDueAfterResolution)).toBe(docDuration(line));
    expect(ms(defaultPlan.timers.pirDueAfterResolution)).toBe(24 * HOUR);
  });

  it('action items followed up in 1 week (step 8)', () => {
    const line = group(heading('Step 8: Post-Incident Review').all, 'Create Action Items').find((l) => /Follow up/.test(l)) as string;
    expect(ms(defaultPlan.timers.actionItemFollowUp)).toBe(docDuration(line));
    expect(ms(defaultPlan.timers.actionItemFollowUp)).toBe(WEEK);
  });

  it('status updates during mitigation every 15 minutes, same as the stakeholder cadence', () => {
    const line = group(heading('Step 5: Mitigation').all, 'Communicate Status').find((l) => /every/.test(l)) as string;
    const p0 = defaultPlan.severities[0];
    expect(ms(p0?.updateCadences.find((c) => c.audience === 'stakeholders')?.every)).toBe(docDuration(line));
  });
});

describe('monitoring thresholds (step 1)', () => {
  const automated = heading('Automated Detection').own.map((l) => /^-\s+\*\*(.+?)\*\*:\s*(.+)$/.exec(l)).filter((m) => m !== null);

  it('has one monitor per seed line, with the seed\'s name and rule', () => {
    expect(defaultPlan.monitoring.map((m) => [m.name, m.rule])).toEqual(automated.map((m) => [m[1], m[2]]));
  });

  it('thresholds and check interval are the seed\'s numbers', () => {
    for (const match of automated) {
      const monitor = defaultPlan.monitoring.find((m) => m.name === match[1]);
      const rule = match[2] as string;
      const threshold = /(>=?)\s*([\d.]+)\s*(%|second)?/.exec(rule);
      if (threshold) {
        expect(monitor?.op, rule).toBe(threshold[1]);
        expect(monitor?.threshold, rule).toBe(Number(threshold[2]));
        expect(monitor?.unit, rule).toBe(threshold[3] === 'second' ? 's' : threshold[3]);
      } else {
        expect(ms(monitor?.checkEvery)).toBe(docDuration(rule));
      }
    }
    expect(defaultPlan.monitoring.find((m) => m.id === 'response-time')?.rule).toContain('p95');
  });

  it('manual detection sources are the seed\'s', () => {
    expect(defaultPlan.manualDetection).toEqual(group(heading('Step 1: Detection & Alerting').all, 'Manual Detection'));
  });
});

describe('communication (step 6)', () => {
  const step6 = heading('Step 6: Communication').all;

  it('status page fields, user channels, bridge and Slack channel', () => {
    expect(defaultPlan.communication.statusPageFields).toEqual(group(step6, 'Status Page'));
    expect(defaultPlan.communication.userChannels).toEqual(group(step6, 'User Communication'));
    expect(group(step6, 'During Incident').find((l) => l.startsWith('Slack channel'))).toContain(defaultPlan.communication.channel);
    expect(fields(heading('Communication').own)['Incident Bridge']).toBe(defaultPlan.communication.bridge);
  });
});

describe('scenarios', () => {
  const seedScenarios = childrenOf(heading('Common Incident Scenarios'));

  it('are all six, numbered and titled as in the seed', () => {
    expect(seedScenarios).toHaveLength(6);
    expect(defaultPlan.scenarios.map((s) => `Scenario ${s.number}: ${s.title}`)).toEqual(seedScenarios.map((h) => h.title));
  });

  describe.each(defaultPlan.scenarios.map((s, i) => [s.title, s, i] as const))('%s', (_title, scenario, i) => {
    it('symptoms, investigation, mitigation and prevention are verbatim', () => {
      const doc = seedScenarios[i] as Heading;
      expect(scenario.symptoms).toEqual(group(doc.own, 'Symptoms'));
      expect(scenario.investigation).toEqual(group(doc.own, 'Investigation'));
      expect(scenario.mitigation).toEqual(group(doc.own, 'Mitigation'));
      expect(scenario.prevention).toEqual(group(doc.own, 'Prevention'));
    });
  });

  it('the data-breach runbook is categorised as security, where the GDPR window applies', () => {
    const breach = defaultPlan.scenarios.find((s) => /Data Breach/.test(s.title));
    expect(defaultPlan.compliance.breachNotification.appliesToCategories).toContain(breach?.category);
  });
});

describe('roles', () => {
  const seedRoles = childrenOf(heading('Roles & Responsibilities'));

  it('are the five roles of the seed', () => {
    expect(seedRoles).toHaveLength(5);
    expect(defaultPlan.roles.map((r) => r.name)).toEqual(seedRoles.map((h) => h.title));
  });

  describe.each(defaultPlan.roles.map((r, i) => [r.name, r, i] as const))('%s', (_name, role, i) => {
    const f = fields((seedRoles[i] as Heading).own);
    it('responsibilities, coverage and response times are the seed\'s', () => {
      expect(role.responsibilities).toBe(f.Responsibilities);
      expect(role.coverage).toBe(f['On-call']);
      const actual = role.responseTargets.map((t) => (t.severity ? { severity: t.severity, within: ms(t.within) } : { within: ms(t.within) }));
      expect(actual).toEqual(docTargets(f['Response time'] as string));
    });
  });
});

describe('on-call rotation', () => {
  const schedule = heading('On-Call Schedule').own;
  const rotation = defaultPlan.rotations[0];

  it('is the seed\'s weekly rotation of Engineers A-D for the on-call engineer', () => {
    expect(defaultPlan.rotations).toHaveLength(1);
    const weeks = schedule.map((l) => /^-\s+\*\*Week (\d+)\*\*:\s*(.+)$/.exec(l)).filter((m) => m !== null);
    expect(weeks.map((m) => Number(m[1]))).toEqual([1, 2, 3, 4]);
    expect(rotation?.members).toEqual(weeks.map((m) => m[2]));
    expect(rotation?.lengthDays).toBe(7);
    expect(defaultPlan.roles.find((r) => r.id === rotation?.roleId)?.name).toBe('On-Call Engineer');
  });

  it('hands off every Monday at 09:00 UTC', () => {
    const handoff = /Every (\w+) at (\d+) (AM|PM) (\w+)/.exec(fields(schedule).Handoff ?? '');
    expect(handoff).not.toBeNull();
    const hour = (Number(handoff?.[2]) % 12) + (handoff?.[3] === 'PM' ? 12 : 0);
    expect(rotation?.handoff).toEqual({ weekday: handoff?.[1]?.toLowerCase(), time: `${String(hour).padStart(2, '0')}:00`, timeZone: handoff?.[4] });
    expect(rotation?.handoff).toEqual({ weekday: 'monday', time: '09:00', timeZone: 'UTC' });
  });
});

describe('tools', () => {
  it('are the seed\'s tool groups and entries', () => {
    const seedTools = childrenOf(heading('Tools & Resources')).map((h) => ({
      group: h.title,
      items: Object.entries(fields(h.own)).map(([name, value]) => ({ name, value })),
    }));
    expect(defaultPlan.tools).toEqual(seedTools);
  });
});

describe('training and drills', () => {
  const seedExercises = childrenOf(heading('Training & Drills'));
  const frequency: Record<string, { count: number; unit: string }> = { Monthly: { count: 1, unit: 'month' }, Quarterly: { count: 3, unit: 'month' }, Annually: { count: 1, unit: 'year' } };

  it('are the seed\'s three exercises', () => {
    expect(defaultPlan.exercises.map((e) => e.name)).toEqual(seedExercises.map((h) => h.title));
    expect(defaultPlan.exercises.map((e) => e.kind)).toEqual(['training', 'drill', 'tabletop']);
  });

  describe.each(defaultPlan.exercises.map((e, i) => [e.name, e, i] as const))('%s', (_name, exercise, i) => {
    const f = fields((seedExercises[i] as Heading).own);
    it('frequency, duration range, participants and the rest are the seed\'s', () => {
      expect(exercise.frequencyText).toBe(f.Frequency);
      expect(exercise.frequency).toEqual(frequency[f.Frequency as string]);
      const duration = /^(\d+)(?:-(\d+))? hours?$/.exec(f.Duration as string);
      expect(duration).not.toBeNull();
      expect(ms(exercise.durationMin)).toBe(Number(duration?.[1]) * HOUR);
      expect(ms(exercise.durationMax)).toBe(Number(duration?.[2] ?? duration?.[1]) * HOUR);
      expect(exercise.participants).toBe(f.Participants);
      expect(exercise.scenario).toBe(f.Scenario);
      expect(exercise.debrief).toBe(f.Debrief);
      expect(exercise.topics).toEqual(f.Topics ? f.Topics.split(/,\s*/) : []);
    });
  });

  it('drills monthly 1-2 h; training quarterly 2 h; tabletop quarterly 2-3 h', () => {
    const summary = defaultPlan.exercises.map((e) => [e.kind, e.frequency.count, e.frequency.unit, ms(e.durationMin) / HOUR, ms(e.durationMax) / HOUR]);
    expect(summary).toEqual([
      ['training', 3, 'month', 2, 2],
      ['drill', 1, 'month', 1, 2],
      ['tabletop', 3, 'month', 2, 3],
    ]);
  });
});

describe('post-incident review', () => {
  const template = codeBlock(heading('Post-Incident Review Template').own);
  const templateSections = template.map((l) => /^## (.+)$/.exec(l)?.[1]).filter((t): t is string => t !== undefined);
  const templateLines = (title: string) => {
    const start = template.indexOf(`## ${title}`);
    const end = template.findIndex((l, i) => i > start && l.startsWith('## '));
    return template.slice(start + 1, end < 0 ? undefined : end);
  };
  const step8 = heading('Step 8: Post-Incident Review').all;

  it('template sections are the seed template\'s, in order', () => {
    expect(defaultPlan.pir.sections.map((s) => s.title)).toEqual(templateSections);
  });

  it('timeline prompt names every milestone of the template', () => {
    const milestones = templateLines('Timeline').map((l) => /^- \[Time\]: (.+)$/.exec(l)?.[1]).filter((m) => m !== undefined);
    expect(milestones).toHaveLength(5);
    const prompt = defaultPlan.pir.sections.find((s) => s.title === 'Timeline')?.prompt.toLowerCase();
    for (const m of milestones) expect(prompt).toContain(m.toLowerCase());
  });

  it.each(['Impact', 'Response Effectiveness'])('%s fields are the template\'s, with its choices', (title) => {
    const expected = templateLines(title)
      .map((l) => /^- (.+?): \[(.+)\]$/.exec(l))
      .filter((m) => m !== null)
      .map((m) => ({ label: m[1], choices: (m[2] as string).includes('/') ? (m[2] as string).split('/') : undefined }));
    const section = defaultPlan.pir.sections.find((s) => s.title === title);
    expect(section?.fields.map((f) => ({ label: f.label, choices: f.choices }))).toEqual(expected);
  });

  it('attendees, agenda and sharing are step 8\'s lists', () => {
    expect(defaultPlan.pir.attendees).toEqual(group(step8, 'Schedule Review Meeting'));
    expect(defaultPlan.pir.agenda).toEqual(group(step8, 'Review Meeting Agenda'));
    expect(defaultPlan.pir.share).toEqual(group(step8, 'Share Findings'));
  });
});

describe('compliance', () => {
  const gdpr = heading('GDPR Breach Notification');

  it('GDPR: notify within 72 hours of discovery, with the seed\'s steps', () => {
    const steps = groups(gdpr.own).flatMap((g) => g.items);
    const breach = defaultPlan.compliance.breachNotification;
    expect(breach.regulation).toBe(/^(\w+) Breach Notification$/.exec(gdpr.title)?.[1]);
    expect(breach.steps).toEqual(steps);
    expect(ms(breach.window)).toBe(docDuration(steps[0] as string));
    expect(ms(breach.window)).toBe(72 * HOUR);
    expect(steps[0]).toMatch(new RegExp(`of ${breach.from}$`));
  });

  it('documentation retained 3 years minimum, reviewed annually, with the seed\'s contents and store', () => {
    const f = fields(heading('Incident Documentation').own);
    const retention = defaultPlan.compliance.retention;
    const years = /^(\d+) years? minimum$/.exec(f['Retain for'] as string);
    expect(retention.minimum).toEqual({ count: Number(years?.[1]), unit: 'year' });
    expect(retention.minimum).toEqual({ count: 3, unit: 'year' });
    expect(retention.include).toEqual(f.Include?.split(/,\s*/));
    expect(retention.store).toBe(f.Store);
    expect(f.Review).toMatch(/^Annually/);
    expect(retention.review).toEqual({ count: 1, unit: 'year' });
  });
});

describe('emergency contacts', () => {
  it('has a slot for every row of the seed table, names left blank to fill in', () => {
    const rows = heading('Appendix: Emergency Contacts').own
      .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l))
      .slice(1)
      .map((l) => l.split('|')[1]?.trim());
    expect(defaultPlan.contacts.map((c) => c.roleName)).toEqual(rows);
    expect(defaultPlan.contacts.every((c) => c.name === '' && c.phone === '' && c.email === '')).toBe(true);
  });
});
