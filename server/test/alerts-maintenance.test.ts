// Planned maintenance silences its components' auto-declare, with a real Prometheus and Alertmanager: two alerts
// whose plan rule says "declare at once" (payment processing failure) fire together; the one for the payments
// component, under an active maintenance window, is marked "in maintenance" and declares nothing, while the one for
// a component outside any window declares its incident as before.
import { describe, expect, it } from 'vitest';
import { foldAlertGroup } from '@shared/alerts/group';
import { isAlertStream } from '@shared/alerts/ids';
import { createEvent, newId } from '@shared/incident/create';
import type { IncidentEvent } from '@shared/incident/events';
import { HybridClock } from '@shared/hlc/hlc';
import { isIncidentStream, MAINTENANCE_STREAM_ID } from '@shared/workspace/streams';
import { haveMonitoring, pollUntil } from '../../test/helpers/monitoring';
import { openAlertingStack } from './alerting-stack';
import { pushAll } from './delivery-fixtures';
import { perFile } from './per-file';

const RULES = `groups:
  - name: app
    rules:
      - alert: PaymentProcessingFailure
        expr: payment_failures{service="payments"} > 0
        for: 0s
        labels:
          severity: critical
        annotations:
          summary: "card payments failing"
      - alert: PaymentGatewayErrors
        expr: payment_failures{service="gateway"} > 0
        for: 0s
        labels:
          severity: critical
        annotations:
          summary: "gateway unreachable"
`;

describe.skipIf(!haveMonitoring && !process.env.CI)('maintenance windows and a real Alertmanager', () => {
  const stack = perFile(() => openAlertingStack({
    rulesYaml: RULES,
    receiver: (base, token) => ['receivers:', '  - name: incident-console', '    webhook_configs:', `      - url: ${base}/api/v1/intake/alertmanager/${token}`, '        send_resolved: true'].join('\n'),
    series: [{ name: 'payment_failures', labels: { service: 'payments' } }, { name: 'payment_failures', labels: { service: 'gateway' } }],
  }), 120_000);

  it('an alert for a component under active maintenance is marked and never declared; one outside any window declares', { timeout: 120_000 }, async () => {
    const { server, admin, target } = stack;
    const now = Date.now();
    const scheduled = createEvent({ clock: new HybridClock(admin.deviceId), actor: { name: 'Ada', deviceId: admin.deviceId } }, MAINTENANCE_STREAM_ID, 'maintenance.scheduled', {
      maintenanceId: newId(), title: 'Payments database failover', text: 'Card payments may fail for a few minutes.', componentIds: ['payments'],
      startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(),
    }) as IncidentEvent;
    await pushAll(server.app, admin, [scheduled]);

    target.set('payment_failures', { service: 'payments' }, 3);
    target.set('payment_failures', { service: 'gateway' }, 3);
    const both = await pollUntil('both alert groups firing', async () => {
      const all = await stack.events();
      const streams = new Set(all.filter((e) => isAlertStream(e.incidentId)).map((e) => e.incidentId));
      const groups = [...streams].map((id) => foldAlertGroup(all.filter((e) => e.incidentId === id))).filter((g) => g?.status === 'firing');
      const declared = all.some((e) => e.type === 'incident.opened');
      return groups.length === 2 && declared ? { all, groups } : undefined;
    }, 90_000);

    const maintained = both.groups.find((g) => g?.title === 'PaymentProcessingFailure');
    const outside = both.groups.find((g) => g?.title === 'PaymentGatewayErrors');
    expect(maintained?.alerts[0]?.triage).toMatchObject({
      action: 'triage', ruleAction: 'declare', components: ['payments'],
      maintenance: { title: 'Payments database failover', suppressed: false },
    });
    expect(maintained?.attachedTo).toBeNull();
    expect(outside?.alerts[0]?.triage).toMatchObject({ action: 'declare' });
    expect(outside?.alerts[0]?.triage.maintenance).toBeUndefined();
    // Exactly one incident: the gateway's. The maintained group declared nothing.
    const opened = both.all.filter((e) => e.type === 'incident.opened' && isIncidentStream(e.incidentId));
    expect(opened).toHaveLength(1);
    expect(outside?.attachedTo).toBe(opened[0]?.incidentId);
  });
});
