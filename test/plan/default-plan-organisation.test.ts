// The default plan's scenarios, roles, rotation, tools, drills, review template, compliance and contacts, pinned to the seed document.
import { describe, it, expect } from 'vitest';
import { defaultPlan } from '@shared/plan/default-plan';
import { HOUR } from '@shared/time/duration';
import { heading, childrenOf, fields, groups, group, codeBlock, docDuration, docTargets, ms, type Heading } from './seed-document';

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
    expect(defaultPlan.compliance.breachNotification?.appliesToCategories).toContain(breach?.category);
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
    if (!breach) throw new Error('the built-in plan has the GDPR duty');
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
