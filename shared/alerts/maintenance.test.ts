// Which components an alert is about, and what an active window does to its triage: never declared, and suppressed
// only when the plan says so (older plans without the field read as "mark").
import { describe, expect, it } from 'vitest';
import { createEvent, newId } from '../incident/create';
import type { IncidentEvent } from '../incident/events';
import { HybridClock } from '../hlc/hlc';
import { foldMaintenance } from '../maintenance/windows';
import { defaultPlan } from '../plan/default-plan';
import { intakeSchema } from '../plan/intake-schema';
import type { Plan } from '../plan/schema';
import { MAINTENANCE_STREAM_ID } from '../workspace/streams';
import { alertComponents, withMaintenance } from './maintenance';
import { triageAlert } from './triage';

const T0 = Date.parse('2026-12-02T10:00:00Z');
const ctx = { clock: new HybridClock('dev-1'), actor: { name: 'Ada', deviceId: 'dev-1' }, now: () => T0 - 3_600_000 };
const window = foldMaintenance([createEvent(ctx, MAINTENANCE_STREAM_ID, 'maintenance.scheduled', {
  maintenanceId: newId(), title: 'DB failover', text: 'Payments may fail briefly.', componentIds: ['payments'],
  startsAt: new Date(T0).toISOString(), endsAt: new Date(T0 + 3_600_000).toISOString(),
}) as IncidentEvent]);
const labels = { alertname: 'PaymentProcessingFailure', service: 'payments' };

describe('alerts during maintenance', () => {
  it('finds the component by the plan\'s component labels, by id or name in any case', () => {
    expect(alertComponents(defaultPlan, { service: 'Payments' }, undefined)).toEqual(['payments']);
    expect(alertComponents(defaultPlan, { component: 'nothing-like-it' }, undefined)).toEqual([]);
  });

  it('inside the window: marked, never declared; outside it: the rule\'s action', () => {
    const t = triageAlert(defaultPlan, labels, {});
    expect(t.action).toBe('declare');
    expect(withMaintenance(t, defaultPlan, labels, window, T0 + 60_000)).toMatchObject({ action: 'triage', ruleAction: 'declare', maintenance: { title: 'DB failover', suppressed: false } });
    expect(withMaintenance(t, defaultPlan, labels, window, T0 - 60_000)).toMatchObject({ action: 'declare', components: ['payments'] });
    expect(withMaintenance(t, defaultPlan, labels, window, T0 + 3_600_000)).not.toHaveProperty('maintenance');
  });

  it('suppresses only when the plan says so; a plan published before the field reads as "mark"', () => {
    const older = intakeSchema.parse({ valueAnnotations: ['value'], rules: [] });
    expect(older.duringMaintenance).toBe('mark');
    const suppressing: Plan = { ...defaultPlan, intake: { ...(defaultPlan.intake ?? older), duringMaintenance: 'suppress' } };
    const t = withMaintenance(triageAlert(suppressing, labels, {}), suppressing, labels, window, T0 + 1);
    expect(t.maintenance?.suppressed).toBe(true);
  });
});
