// The default plan's intake rules: one per monitor of the seed's Step 1 ("Detection & Alerting") and per
// severity example of its severity table, then the usual `severity` label values by the plan's level names.
import type { IntakeSection } from './intake-schema';

export const defaultIntake: IntakeSection = {
  valueAnnotations: ['value', 'error_rate', 'error_rate_percent', 'response_time_seconds', 'p95_seconds'],
  componentLabels: ['component', 'service'],
  duringMaintenance: 'mark',
  note: 'The plan sets thresholds (Step 1) and severity examples but no alert names: the matchers assume the common Prometheus naming (HighErrorRate, DiskSpaceLow...). Only the plan\'s P0 examples that are certain from the alert alone (payment processing, data breach) declare an incident at once; everything else waits in triage for a person.',
  rules: [
    { id: 'error-rate', name: 'Error Rate Monitoring (> 1%)', match: ['alertname=~.*ErrorRate.*'], signal: 'errorRatePercent', severity: 'P2', category: 'application', action: 'triage',
      note: 'The value decides (Error rate > 5% is P1, 1-5% is P2); without a value the trigger itself (> 1%) is in the P2 band.' },
    { id: 'response-time', name: 'Response Time Monitoring (p95 > 1 second)', match: ['alertname=~.*(Latency|ResponseTime|SlowResponse).*'], signal: 'responseTimeSeconds', category: 'application', action: 'triage',
      note: 'The value decides (> 5 s is P1, > 2 s is P2); the plan gives no level between 1 and 2 seconds.' },
    { id: 'database', name: 'Database Monitoring (connection pool > 90%)', match: ['alertname=~.*(ConnectionPool|DbPool|DatabasePool).*'], severity: 'P1', category: 'infrastructure', scenario: 'db-connection-pool-exhausted', action: 'triage' },
    { id: 'disk', name: 'Disk Space Monitoring (> 85% full)', match: ['alertname=~.*Disk.*'], severity: 'P1', category: 'infrastructure', scenario: 'disk-space-full', action: 'triage' },
    { id: 'memory', name: 'Memory Monitoring (> 85% used)', match: ['alertname=~.*Memory.*'], severity: 'P2', category: 'application', scenario: 'memory-leak', action: 'triage' },
    { id: 'cpu', name: 'CPU Monitoring (> 80% used)', match: ['alertname=~.*CPU.*'], category: 'infrastructure', action: 'triage' },
    { id: 'uptime', name: 'Uptime Monitoring (platform down)', match: ['alertname=~.*(Down|Unreachable|Uptime).*'], severity: 'P0', category: 'infrastructure', action: 'triage',
      note: 'Platform down (> 5 minutes) is P0; the uptime check runs every 5 minutes, so one failed check is confirmed by a person.' },
    { id: 'payment', name: 'Payment processing failure', match: ['alertname=~.*Payment.*'], severity: 'P0', category: 'application', scenario: 'payment-processing-failure', action: 'declare' },
    { id: 'data-breach', name: 'Data breach', match: ['alertname=~.*(Breach|Intrusion|UnauthorizedAccess).*'], severity: 'P0', category: 'security', scenario: 'data-breach', action: 'declare' },
    { id: 'authentication', name: 'Authentication system failure', match: ['alertname=~.*(Auth|Login).*'], severity: 'P0', category: 'application', action: 'triage' },
    { id: 'email', name: 'Email delivery failure', match: ['alertname=~.*(Email|Mail).*'], severity: 'P1', category: 'application', scenario: 'email-delivery-failure', action: 'triage' },
    { id: 'severity-critical', name: 'severity label: critical', match: ['severity=~critical|Critical|P0|p0'], severity: 'P0', action: 'triage' },
    { id: 'severity-high', name: 'severity label: high', match: ['severity=~high|High|error|P1|p1'], severity: 'P1', action: 'triage' },
    { id: 'severity-medium', name: 'severity label: medium', match: ['severity=~medium|Medium|warning|P2|p2'], severity: 'P2', action: 'triage' },
    { id: 'severity-low', name: 'severity label: low', match: ['severity=~low|Low|info|P3|p3'], severity: 'P3', action: 'triage' },
  ],
};
