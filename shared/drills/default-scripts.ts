// The plan's six common scenarios as ready-to-run drill scripts (opening situation + timed injects).
import { drillScriptSchema, type DrillScript, type DrillScriptInput } from './script';

const item = (stepId: string, itemId: string) => ({ stepId, itemId });

const inputs: DrillScriptInput[] = [
  {
    id: 'db-connection-pool-exhausted',
    title: 'Database Connection Pool Exhausted',
    scenarioId: 'db-connection-pool-exhausted',
    openingSituation:
      'Monitoring alert: API error rate at 2.1% on checkout and account pages, p95 response time 1.8 s. Support has two tickets from users saying pages will not load.',
    expectedSeverity: 'P1',
    injects: [
      {
        id: 'error-rate-7', atMinute: 5, title: 'Error rate 7% and rising',
        text: 'Sentry: 7.2% of API requests failing with "Connection pool exhausted", up from 2% five minutes ago. p95 response time 4.8 s.',
        expected: { severity: 'P1', checklistItems: [item('classification', 'classify.severity'), item('classification', 'classify.category'), item('escalation', 'p1-1')] },
      },
      {
        id: 'pool-exhausted-db-2', atMinute: 10, title: 'Connection pool exhausted on db-2',
        text: 'Database monitoring: db-2 connection pool at 100% (200/200 connections). 37 queries have been running for more than 60 seconds. Users cannot load pages.',
        expected: { checklistItems: [item('investigation', 'logs.database'), item('escalation', 'p1-3')], updatesDue: ['stakeholders'] },
      },
      {
        id: 'vp-asks-eta', atMinute: 20, title: 'Stakeholder asks for an ETA',
        text: 'The VP of Engineering in #incidents: "Customers are calling account managers. When will this be fixed, and what do we tell them?"',
        expected: { updatesDue: ['stakeholders', 'users'], checklistItems: [item('mitigation', 'communicate.expectations')] },
      },
      {
        id: 'restart-relapse', atMinute: 30, title: 'Restart helps for four minutes',
        text: 'After the application servers were restarted the error rate fell to 0.5%, but the pool on db-2 is back at 95% and climbing. A nightly report query started at 09:55 is still running.',
        expected: { checklistItems: [item('mitigation', 'temporary-fix.restart'), item('investigation', 'root-cause.change')] },
      },
    ],
  },
  {
    id: 'memory-leak',
    title: 'Memory Leak',
    scenarioId: 'memory-leak',
    openingSituation:
      'Memory monitoring: api-3 memory at 86% and growing steadily since yesterday\'s 16:00 deployment. Response times are slightly up; no user reports yet.',
    expectedSeverity: 'P2',
    injects: [
      {
        id: 'slow-pages', atMinute: 5, title: 'Pages getting slower',
        text: 'p95 response time 2.4 s on the dashboard (normally 600 ms). Error rate 1.6%.',
        expected: { severity: 'P2', checklistItems: [item('classification', 'classify.severity'), item('investigation', 'monitoring.deployments')] },
      },
      {
        id: 'api-3-crash', atMinute: 15, title: 'api-3 crashed and restarted',
        text: 'api-3 was killed by the OOM killer and restarted; api-1 and api-2 are now at 88% memory and climbing.',
        expected: { checklistItems: [item('mitigation', 'temporary-fix.rollback'), item('mitigation', 'temporary-fix.restart')] },
      },
      {
        id: 'heap-dump', atMinute: 25, title: 'Heap dump result',
        text: 'The heap dump shows 1.2 million cached session objects from the new recommendations widget shipped yesterday.',
        expected: { checklistItems: [item('investigation', 'root-cause.deployment')] },
      },
    ],
  },
  {
    id: 'disk-space-full',
    title: 'Disk Space Full',
    scenarioId: 'disk-space-full',
    openingSituation: 'Disk space monitoring: db-1 data volume at 91% full. Log volume on the same host has doubled since this morning.',
    expectedSeverity: 'P1',
    injects: [
      {
        id: 'writes-failing', atMinute: 5, title: 'Database refusing writes',
        text: 'Application logs: "could not extend file: No space left on device". Sign-ups and orders fail; reads still work.',
        expected: { severity: 'P1', checklistItems: [item('classification', 'classify.severity'), item('escalation', 'p1-1')] },
      },
      {
        id: 'debug-logging', atMinute: 12, title: 'Debug logging left on',
        text: 'The on-call engineer finds 180 GB of debug logs written since a configuration change at 07:40.',
        expected: { checklistItems: [item('investigation', 'root-cause.change')], updatesDue: ['stakeholders'] },
      },
      {
        id: 'backups-full', atMinute: 20, title: 'Old backups still on the volume',
        text: 'Three weeks of local backups (240 GB) were never moved to object storage.',
        expected: { checklistItems: [item('mitigation', 'stop-bleeding.reduce-load')], updatesDue: ['users'] },
      },
    ],
  },
  {
    id: 'payment-processing-failure',
    title: 'Payment Processing Failure',
    scenarioId: 'payment-processing-failure',
    openingSituation: 'Support: three customers report "Your payment could not be processed" at checkout in the last ten minutes. Stripe API error count is rising.',
    expectedSeverity: 'P0',
    injects: [
      {
        id: 'all-payments-failing', atMinute: 3, title: 'All card payments failing',
        text: 'Every Stripe charge in the last 5 minutes returned 401 "Invalid API Key provided". No orders are completing.',
        expected: { severity: 'P0', checklistItems: [item('classification', 'classify.severity'), item('escalation', 'p0-1'), item('escalation', 'p0-2')] },
      },
      {
        id: 'key-rotated', atMinute: 8, title: 'API key was rotated',
        text: 'The security team rotated the Stripe secret key this morning; the new key was not deployed to production.',
        expected: { checklistItems: [item('investigation', 'root-cause.change')], updatesDue: ['stakeholders'] },
      },
      {
        id: 'customers-tweeting', atMinute: 15, title: 'Customers complain publicly',
        text: 'Two customers post on social media that they cannot pay. Finance asks whether failed payments will be retried.',
        expected: { updatesDue: ['users', 'stakeholders'], checklistItems: [item('mitigation', 'communicate.notify-users')] },
      },
    ],
  },
  {
    id: 'email-delivery-failure',
    title: 'Email Delivery Failure',
    scenarioId: 'email-delivery-failure',
    openingSituation: 'Support: users say password-reset and sign-up confirmation emails are not arriving. The email queue holds 4,300 messages.',
    expectedSeverity: 'P1',
    injects: [
      {
        id: 'resend-errors', atMinute: 5, title: 'Resend API returning errors',
        text: 'Email logs: every send since 08:12 failed with 403 "domain not verified".',
        expected: { severity: 'P1', checklistItems: [item('classification', 'classify.severity'), item('investigation', 'logs.errors')] },
      },
      {
        id: 'dns-change', atMinute: 12, title: 'DNS records changed',
        text: 'A DNS clean-up this morning removed the DKIM record for mail.example.com.',
        expected: { checklistItems: [item('investigation', 'root-cause.change')], updatesDue: ['stakeholders'] },
      },
      {
        id: 'queue-50k', atMinute: 25, title: 'Queue at 50,000',
        text: 'The email queue has grown to 50,000 messages; the oldest password-reset links will expire in 30 minutes.',
        expected: { updatesDue: ['users'], checklistItems: [item('mitigation', 'communicate.notify-users')] },
      },
    ],
  },
  {
    id: 'data-breach',
    title: 'Security Incident - Data Breach',
    scenarioId: 'data-breach',
    openingSituation: 'Access logs: an admin API token was used from an unknown IP address at 03:14 to list user accounts.',
    expectedSeverity: 'P0',
    injects: [
      {
        id: 'compromised-account', atMinute: 5, title: 'A customer reports a compromised account',
        text: 'Support: a customer says their email and phone number were changed overnight and they did not do it.',
        expected: { severity: 'P0', checklistItems: [item('classification', 'classify.severity'), item('classification', 'classify.category'), item('escalation', 'p0-2')] },
      },
      {
        id: 'export-found', atMinute: 12, title: 'Bulk export found',
        text: 'The same token exported 12,400 user records (name, email, phone) at 03:20. The token belongs to a contractor account.',
        expected: { checklistItems: [item('investigation', 'gather.users')], updatesDue: ['stakeholders'] },
      },
      {
        id: 'dpo-asks', atMinute: 20, title: 'Data protection officer asks about GDPR',
        text: 'The DPO asks when the 72-hour notification window started and whether evidence has been preserved.',
        expected: { updatesDue: ['stakeholders', 'users'] },
      },
    ],
  },
];

/** Parsed (defaults applied) once; a schema change that breaks a default script fails at load and in tests. */
export const defaultScripts: DrillScript[] = inputs.map((input) => drillScriptSchema.parse(input));
