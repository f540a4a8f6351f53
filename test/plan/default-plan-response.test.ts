// The default plan's severities, steps, timers, monitoring and communication, pinned to the seed document.
import { describe, it, expect } from 'vitest';
import { defaultPlan } from '@shared/plan/default-plan';
import { parsePlan } from '@shared/plan/load';
import { HOUR, MINUTE, WEEK } from '@shared/time/duration';
import { seed, heading, childrenOf, stripBold, fields, groups, group, codeBlock, docDuration, ms, type Heading } from './seed-document';

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

