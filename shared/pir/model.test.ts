import { describe, expect, it } from 'vitest';
import { buildPir, editablePirFields, pirTimeline, reviewStatusOf } from './model';
import { defaultPlan } from '../plan/default-plan';
import { pirFixture } from '../../test/fixtures/pir-incident';
import { IncidentBuilder, min } from '../../test/fixtures/incident-builder';

const field = (pir: ReturnType<typeof buildPir>, id: string) => pir.sections.flatMap((s) => s.fields).find((f) => f.id === id);

describe('PIR model', () => {
  it('has the plan\'s sections in order, with the computed times pre-filled before anyone writes', () => {
    const pir = buildPir(pirFixture('resolved').state(), defaultPlan, min(55));
    expect(pir.sections.map((s) => s.id)).toEqual(defaultPlan.pir.sections.map((s) => s.id));
    expect(field(pir, 'duration')).toMatchObject({ value: '36 minutes', computed: '36 minutes', edited: false });
    expect(field(pir, 'detectionTime')?.value).toBe('6 minutes');
    expect(field(pir, 'responseTime')?.value).toBe('4 minutes');
    expect(field(pir, 'resolutionTime')?.value).toBe('50 minutes');
    expect(field(pir, 'usersAffected')?.value).toBe('1,200 EU customers');
    expect(field(pir, 'communicationEffectiveness')?.value).toBe('Fair');
    expect(field(pir, 'rootCause')).toMatchObject({ value: '', computed: null, edited: false });
    expect(pir.reviewStatus).toBe('draft');
    expect(pir.targets.map((t) => t.met)).toEqual([true, true]);
  });

  it('a reviewer\'s edit wins over the computed value, and keeps the computed one for reference', () => {
    const inc = pirFixture('resolved');
    inc.add(min(60), 'pir.edited', { field: 'duration', value: '40 minutes (includes the retry backlog)' });
    const pir = buildPir(inc.state(), defaultPlan, min(61));
    expect(field(pir, 'duration')).toMatchObject({ value: '40 minutes (includes the retry backlog)', computed: '36 minutes', edited: true });
  });

  it('timeline: milestones and starred entries in time order; retracted and unstarred entries left out', () => {
    const labels = pirTimeline(pirFixture().state(), defaultPlan).map((i) => i.label);
    expect(labels).toEqual([
      'Impact started', 'Incident detected', 'Investigation started', 'Incident Commander assigned: Alex IC', 'Checkout error rate at 12%',
      'Severity changed from P2 to P1 (revenue affected)', 'Root cause identified', 'Roll back release 4.2.1',
      'Mitigation implemented', 'Incident resolved',
    ]);
    expect(labels).not.toContain('Database host db-3 is down');
  });

  it('root cause identified is when the status said so', () => {
    const inc = pirFixture();
    inc.add(min(200), 'pir.edited', { field: 'rootCause', value: 'Refined wording' });
    const rootCause = pirTimeline(inc.state(), defaultPlan).filter((i) => i.source === 'root-cause');
    expect(rootCause.map((i) => i.at)).toEqual([min(20)]);
  });

  it('without an "identified" status, root cause identified is when the review first named it, not its later edits', () => {
    const inc = new IncidentBuilder();
    inc.open('P2');
    inc.add(min(30), 'status.changed', { to: 'resolved' });
    inc.add(min(70), 'pir.edited', { field: 'rootCause', value: 'Pool halved' });
    inc.add(min(200), 'pir.edited', { field: 'rootCause', value: 'Refined wording' });
    const rootCause = pirTimeline(inc.state(), defaultPlan).filter((i) => i.source === 'root-cause');
    expect(rootCause.map((i) => i.at)).toEqual([min(70)]);
  });

  it('an explicit acknowledgement names who took the incident', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    inc.add(min(3), 'incident.acknowledged', {});
    expect(pirTimeline(inc.state(), defaultPlan).find((i) => i.source === 'acknowledged')).toMatchObject({ at: min(3), label: 'Investigation started (acknowledged by Alex IC)' });
  });

  it('review status: draft until set; only draft, in-review and final are read', () => {
    const inc = pirFixture();
    expect(reviewStatusOf(inc.state())).toBe('in-review');
    inc.add(min(100), 'pir.edited', { field: 'reviewStatus', value: 'bogus' });
    expect(reviewStatusOf(inc.state())).toBe('draft');
    inc.add(min(101), 'pir.edited', { field: 'reviewStatus', value: 'final' });
    expect(reviewStatusOf(inc.state())).toBe('final');
    expect(inc.state().pirFinalizedAt).toBe(min(101));
  });

  it('security incidents carry the breach rules', () => {
    const inc = new IncidentBuilder();
    inc.open('P0', undefined, { category: 'security' });
    expect(buildPir(inc.state(), defaultPlan, min(1)).breachApplies).toBe(true);
    expect(buildPir(pirFixture().state(), defaultPlan, min(1)).breachApplies).toBe(false);
  });

  it('editable fields are the plan\'s PIR fields plus the review status', () => {
    expect(editablePirFields(defaultPlan)).toEqual(expect.arrayContaining(['rootCause', 'lessonsLearned', 'prevention', 'revenueImpact', 'reviewStatus']));
  });
});
