import { describe, expect, it } from 'vitest';
import { incidentMetrics } from './incident-metrics';
import { cadenceCompliance } from './cadence';
import { defaultPlan } from '../plan/default-plan';
import { IncidentBuilder, min, T0 } from '../../test/fixtures/incident-builder';

const MIN = 60_000;

describe('incident metrics', () => {
  it('times to detect, acknowledge, mitigate and resolve are measured from impact start', () => {
    const inc = new IncidentBuilder();
    inc.add(min(10), 'incident.opened', {
      title: 'Checkout errors', severity: 'P1',
      detectedAt: new Date(min(10)).toISOString(), impactStartedAt: new Date(min(4)).toISOString(),
    });
    inc.add(min(12), 'role.assigned', { roleId: 'incident-commander', person: 'Alex' });
    inc.add(min(30), 'status.changed', { to: 'monitoring' });
    inc.add(min(65), 'status.changed', { to: 'resolved' });
    const m = incidentMetrics(inc.state(), defaultPlan, min(70));
    expect(m.timeToDetect).toBe(6 * MIN);
    expect(m.timeToAcknowledge).toBe(8 * MIN);
    expect(m.timeToMitigate).toBe(26 * MIN);
    expect(m.timeToResolve).toBe(61 * MIN);
    expect(m.impactDuration).toBe(26 * MIN);
    // Targets are judged from detection: responded in 2 min (< 15), resolved in 55 min (< 1 h).
    expect(m.responseTime).toBe(2 * MIN);
    expect(m.responseTargetMet).toBe(true);
    expect(m.resolutionTime).toBe(55 * MIN);
    expect(m.resolutionTargetMet).toBe(true);
  });

  it('unfinished milestones are null, and a late resolution misses the target', () => {
    const open = new IncidentBuilder();
    open.open('P0');
    const m = incidentMetrics(open.state(), defaultPlan, min(5));
    expect([m.timeToAcknowledge, m.timeToMitigate, m.timeToResolve, m.responseTargetMet]).toEqual([null, null, null, null]);
    open.add(min(16), 'status.changed', { to: 'resolved' });
    expect(incidentMetrics(open.state(), defaultPlan, min(20)).resolutionTargetMet).toBe(false);
  });
});

describe('update-cadence compliance', () => {
  it('every update on time: full compliance', () => {
    const inc = new IncidentBuilder();
    inc.open('P0');
    for (const t of [14, 28, 42]) inc.add(min(t), 'update.posted', { audience: 'stakeholders', channel: 'Email', text: `update at ${t}` });
    inc.add(min(50), 'status.changed', { to: 'resolved' });
    expect(cadenceCompliance(inc.state(), defaultPlan, 'stakeholders', min(60))).toMatchObject({ owed: 3, onTime: 3, late: 0, missed: 0, ratio: 1 });
  });

  it('a late update and a silent stretch count as late and missed', () => {
    const inc = new IncidentBuilder();
    inc.open('P0');
    inc.add(min(20), 'update.posted', { audience: 'stakeholders', channel: 'Email', text: 'late' }); // due 15: late
    // next due 35; nothing until resolution at 70: intervals 35 and 50 and 65 missed
    inc.add(min(70), 'status.changed', { to: 'resolved' });
    const c = cadenceCompliance(inc.state(), defaultPlan, 'stakeholders', min(80));
    expect(c).toMatchObject({ onTime: 0, late: 1, missed: 3, owed: 4 });
    expect(c.ratio).toBe(0);
  });

  it('nothing is owed to users on a P2, and a P2 escalated to P1 owes user updates from then on', () => {
    const inc = new IncidentBuilder();
    inc.open('P2');
    expect(cadenceCompliance(inc.state(), defaultPlan, 'users', min(120))).toMatchObject({ owed: 0, ratio: null });
    inc.add(min(40), 'severity.changed', { from: 'P2', to: 'P1', reason: 'spreading' });
    inc.add(min(55), 'update.posted', { audience: 'users', channel: 'Status page', text: 'We are investigating' });
    inc.add(min(90), 'status.changed', { to: 'resolved' });
    // After escalation at 40 the first user update was due at max(40, 0+30) = 40; posted at 55: late.
    // Next due 85: nothing by 90 -> one missed.
    expect(cadenceCompliance(inc.state(), defaultPlan, 'users', min(100))).toMatchObject({ late: 1, missed: 1, onTime: 0 });
  });

  it('metrics list one compliance figure per audience of the plan', () => {
    const inc = new IncidentBuilder();
    inc.open('P1', T0);
    expect(incidentMetrics(inc.state(), defaultPlan, min(5)).cadence.map((c) => c.audience)).toEqual(['stakeholders', 'users']);
  });
});
