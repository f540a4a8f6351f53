// The default plan: the first customer's incident response plan (docs/plans/incident-response-plan.md),
// carried over number for number. Where the document is ambiguous, the choice is noted next to the value in a
// `note` field or a comment.
import { defaultIntake } from './default-intake';
import { DEFAULT_DISTRIBUTION_LISTS, DEFAULT_STATUS_PAGE } from './default-outbound';
import { planSchema, type Plan } from './schema';

const everyUpdate = { stakeholders: '15m', users: '30m' } as const;

const rawDefaultPlan = {
  schemaVersion: 1,
  id: 'csoai-irp',
  name: 'Incident Response Plan',
  organisation: 'CSOAI',
  version: '1.0',
  lastUpdated: 'December 27, 2025',
  scope: 'CSOAI Platform',
  overview:
    "This document outlines CSOAI's procedures for detecting, responding to, and recovering from incidents that could impact the platform's availability, security, or data integrity.",
  audiences: [
    { id: 'stakeholders', name: 'Stakeholders', description: 'Internal stakeholders' },
    { id: 'users', name: 'Users', description: 'Affected users (status page, email, in-app)' },
  ],
  severities: [
    {
      id: 'P0', rank: 0, name: 'Critical', label: 'Severity 1 (Critical) - P0',
      definition: 'Service completely unavailable or critical data loss',
      examples: ['Platform down (> 5 minutes)', 'Database corruption', 'Data breach (confirmed)', 'Payment processing failure', 'Authentication system failure'],
      responseTarget: '5m', responseTargetText: 'Immediate (< 5 minutes)',
      resolutionTarget: '15m',
      escalation: 'Page on-call engineer immediately',
      pageWithin: '5m',
      escalationChecklist: [
        'Page on-call engineer immediately (phone call)',
        'Notify incident commander',
        'Create incident ticket',
        'Start incident bridge (Slack/Teams)',
        'Notify stakeholders',
        'Begin investigation',
      ],
      updateCadences: [
        { audience: 'stakeholders', every: everyUpdate.stakeholders },
        { audience: 'users', every: everyUpdate.users },
      ],
      signals: [
        { signal: 'serviceDownMinutes', op: '>', value: 5, quote: 'Platform down (> 5 minutes)' },
        { signal: 'databaseCorruption', op: 'is', value: true, quote: 'Database corruption' },
        { signal: 'confirmedDataBreach', op: 'is', value: true, quote: 'Data breach (confirmed)' },
        { signal: 'paymentProcessingFailure', op: 'is', value: true, quote: 'Payment processing failure' },
        { signal: 'authenticationFailure', op: 'is', value: true, quote: 'Authentication system failure' },
      ],
      note: '"Immediate" is taken as the plan\'s own bound, < 5 minutes; "page immediately" is held to the same 5 minutes.',
    },
    {
      id: 'P1', rank: 1, name: 'High', label: 'Severity 2 (High) - P1',
      definition: 'Service severely degraded or significant functionality broken',
      examples: ['Response time > 5 seconds', 'Error rate > 5%', 'Feature completely broken', 'Performance degradation > 50%', 'Email delivery failure'],
      responseTarget: '15m', responseTargetText: '< 15 minutes',
      resolutionTarget: '1h',
      escalation: 'Page on-call engineer within 15 minutes',
      pageWithin: '15m',
      escalationChecklist: [
        'Page on-call engineer within 15 minutes (Slack + email)',
        'Create incident ticket',
        'Start incident bridge',
        'Begin investigation',
        'Notify stakeholders if > 15 minutes to resolve',
      ],
      updateCadences: [
        { audience: 'stakeholders', every: everyUpdate.stakeholders, firstAfter: '15m', note: 'Stakeholders are notified if the incident is not resolved within 15 minutes, then every 15 minutes.' },
        { audience: 'users', every: everyUpdate.users },
      ],
      signals: [
        { signal: 'responseTimeSeconds', op: '>', value: 5, quote: 'Response time > 5 seconds' },
        { signal: 'errorRatePercent', op: '>', value: 5, quote: 'Error rate > 5%' },
        { signal: 'featureBroken', op: 'is', value: 'completely', quote: 'Feature completely broken' },
        { signal: 'performanceDegradationPercent', op: '>', value: 50, quote: 'Performance degradation > 50%' },
        { signal: 'emailDeliveryFailure', op: 'is', value: true, quote: 'Email delivery failure' },
      ],
    },
    {
      id: 'P2', rank: 2, name: 'Medium', label: 'Severity 3 (Medium) - P2',
      definition: 'Service partially degraded or non-critical feature broken',
      examples: ['Response time > 2 seconds', 'Error rate 1-5%', 'Single feature broken', 'Performance degradation 20-50%'],
      responseTarget: '1h', responseTargetText: '< 1 hour',
      resolutionTarget: '4h',
      escalation: 'Create ticket, assign to team',
      escalationChecklist: [
        'Create incident ticket',
        'Assign to on-call engineer',
        'Begin investigation',
        'Notify stakeholders if > 1 hour to resolve',
      ],
      updateCadences: [
        { audience: 'stakeholders', every: everyUpdate.stakeholders, firstAfter: '1h', note: 'Stakeholders are notified only if the incident runs past 1 hour; from then on the plan\'s 15-minute stakeholder cadence applies. Users get no fixed cadence (the plan sets one for P0/P1 only).' },
      ],
      signals: [
        { signal: 'responseTimeSeconds', op: '>', value: 2, quote: 'Response time > 2 seconds' },
        { signal: 'errorRatePercent', op: 'between', min: 1, max: 5, quote: 'Error rate 1-5%' },
        { signal: 'featureBroken', op: 'is', value: 'single', quote: 'Single feature broken' },
        { signal: 'performanceDegradationPercent', op: 'between', min: 20, max: 50, quote: 'Performance degradation 20-50%' },
      ],
    },
    {
      id: 'P3', rank: 3, name: 'Low', label: 'Severity 4 (Low) - P3',
      definition: 'Minor issue with minimal user impact',
      examples: ['Cosmetic bug', 'Minor performance issue', 'Documentation error', 'Non-critical feature request'],
      responseTarget: '24h', responseTargetText: '< 24 hours',
      resolutionTarget: '1w',
      escalation: 'Create ticket, assign when available',
      escalationChecklist: ['Create incident ticket', 'Assign to team when available', 'Begin investigation'],
      updateCadences: [],
      signals: [
        { signal: 'cosmeticOnly', op: 'is', value: true, quote: 'Cosmetic bug' },
        { signal: 'performanceDegradationPercent', op: '>', value: 0, quote: 'Minor performance issue' },
        { signal: 'documentationError', op: 'is', value: true, quote: 'Documentation error' },
      ],
      note: 'No update cadence: the plan\'s escalation for P3 has no stakeholder notification. "Minor performance issue" is read as any degradation below the P2 band of 20%.',
    },
  ],
  categories: [
    { id: 'infrastructure', name: 'Infrastructure' },
    { id: 'application', name: 'Application' },
    { id: 'security', name: 'Security' },
    { id: 'data', name: 'Data' },
  ],
  classificationQuestions: ['Severity Level: P0, P1, P2, or P3', 'Category: Infrastructure, Application, Security, Data', 'Scope: How many users affected?', 'Impact: What functionality is affected?'],
  steps: [
    {
      id: 'detection', number: 1, title: 'Detection & Alerting', summary: 'Confirm the signal: automated monitors and manual reports.',
      sections: [
        { id: 'automated', title: 'Automated Detection', items: [
          { id: 'uptime', text: 'Uptime Monitoring: Checks every 5 minutes' },
          { id: 'error-rate', text: 'Error Rate Monitoring: Triggers if > 1%' },
          { id: 'response-time', text: 'Response Time Monitoring: Triggers if p95 > 1 second' },
          { id: 'database', text: 'Database Monitoring: Triggers if connection pool > 90%' },
          { id: 'disk', text: 'Disk Space Monitoring: Triggers if > 85% full' },
          { id: 'memory', text: 'Memory Monitoring: Triggers if > 85% used' },
          { id: 'cpu', text: 'CPU Monitoring: Triggers if > 80% used' },
        ] },
        { id: 'manual', title: 'Manual Detection', items: [
          { id: 'support', text: 'Support team reports from users' },
          { id: 'internal', text: 'Internal team observation' },
          { id: 'complaints', text: 'Customer complaints' },
          { id: 'social', text: 'Social media mentions' },
        ] },
      ],
    },
    {
      id: 'classification', number: 2, title: 'Incident Classification', summary: 'Upon detection, classify the incident.',
      sections: [{ id: 'classify', title: 'Classify', items: [
        { id: 'severity', text: 'Severity Level: P0, P1, P2, or P3' },
        { id: 'category', text: 'Category: Infrastructure, Application, Security, Data' },
        { id: 'scope', text: 'Scope: How many users affected?' },
        { id: 'impact', text: 'Impact: What functionality is affected?' },
      ] }],
    },
    {
      id: 'escalation', number: 3, title: 'Escalation & Notification', summary: 'Follow the escalation checklist of the current severity.',
      usesSeverityEscalation: true, sections: [],
    },
    {
      id: 'investigation', number: 4, title: 'Investigation', summary: 'Incident Commander responsibilities.',
      sections: [
        { id: 'gather', title: 'Gather Information', items: [
          { id: 'what', text: 'What happened?' },
          { id: 'when', text: 'When did it start?' },
          { id: 'users', text: 'How many users affected?' },
          { id: 'error', text: "What's the error message?" },
        ] },
        { id: 'logs', title: 'Review Logs', items: [
          { id: 'application', text: 'Application logs' },
          { id: 'errors', text: 'Error logs' },
          { id: 'database', text: 'Database logs' },
          { id: 'access', text: 'Access logs' },
        ] },
        { id: 'monitoring', title: 'Check Monitoring', items: [
          { id: 'performance', text: 'Performance graphs' },
          { id: 'error-rate', text: 'Error rate graphs' },
          { id: 'resources', text: 'Resource usage graphs' },
          { id: 'deployments', text: 'Recent deployments' },
        ] },
        { id: 'root-cause', title: 'Identify Root Cause', items: [
          { id: 'deployment', text: 'Was there a recent deployment?' },
          { id: 'change', text: 'Did something change?' },
          { id: 'layer', text: 'Is it infrastructure or application?' },
          { id: 'third-party', text: 'Is it a third-party service issue?' },
        ] },
      ],
    },
    {
      id: 'mitigation', number: 5, title: 'Mitigation', summary: 'Immediate actions (< 15 minutes), then the permanent fix.',
      sections: [
        { id: 'stop-bleeding', title: 'Stop the Bleeding', items: [
          { id: 'disable-feature', text: 'Disable problematic feature if possible' },
          { id: 'reduce-load', text: 'Reduce load if possible' },
          { id: 'failover', text: 'Failover to backup if available' },
        ] },
        { id: 'communicate', title: 'Communicate Status', items: [
          { id: 'notify-users', text: 'Notify users of issue' },
          { id: 'updates', text: 'Provide status updates every 15 minutes' },
          { id: 'expectations', text: 'Set expectations for resolution time' },
        ] },
        { id: 'temporary-fix', title: 'Implement Temporary Fix', items: [
          { id: 'rollback', text: 'Rollback recent deployment' },
          { id: 'restart', text: 'Restart affected service' },
          { id: 'cache', text: 'Clear cache' },
          { id: 'scale', text: 'Scale up resources' },
        ] },
        { id: 'permanent-fix', title: 'Permanent Fix (after mitigation)', items: [
          { id: 'root-cause', text: 'Identify root cause' },
          { id: 'implement', text: 'Implement fix' },
          { id: 'test', text: 'Test fix' },
          { id: 'deploy', text: 'Deploy fix' },
          { id: 'monitor', text: 'Monitor for recurrence' },
        ] },
      ],
    },
    {
      id: 'communication', number: 6, title: 'Communication', summary: 'Stakeholders every 15 minutes; users every 30 minutes for P0/P1.',
      sections: [
        { id: 'during', title: 'During Incident', items: [
          { id: 'stakeholders', text: 'Every 15 minutes: Status update to stakeholders' },
          { id: 'users', text: 'Every 30 minutes: Status update to users (if P0/P1)' },
          { id: 'bridge', text: 'Incident bridge: Keep bridge open until resolved' },
          { id: 'channel', text: 'Slack channel: #incidents for real-time updates' },
        ] },
        { id: 'status-page', title: 'Status Page', items: [
          { id: 'start-time', text: 'Incident start time' },
          { id: 'status', text: 'Current status' },
          { id: 'services', text: 'Affected services' },
          { id: 'eta', text: 'Estimated resolution time' },
          { id: 'next-update', text: 'Next update time' },
        ] },
        { id: 'users', title: 'User Communication', items: [
          { id: 'email', text: 'Email notification to affected users' },
          { id: 'in-app', text: 'In-app notification' },
          { id: 'status-page', text: 'Status page update' },
          { id: 'social', text: 'Social media update (if major incident)' },
        ] },
      ],
    },
    {
      id: 'resolution', number: 7, title: 'Resolution & Verification', summary: 'Verify before declaring the incident resolved.',
      sections: [
        { id: 'verify', title: 'Before declaring incident resolved', items: [
          { id: 'fix-working', text: 'Verify fix is working' },
          { id: 'no-new-errors', text: 'Verify no new errors' },
          { id: 'performance', text: 'Verify performance is normal' },
          { id: 'access', text: 'Verify users can access service' },
          { id: 'recurrence', text: 'Monitor for 30 minutes for recurrence' },
        ] },
        { id: 'declare', title: 'Declare Incident Resolved', items: [
          { id: 'status-page', text: 'Update status page' },
          { id: 'email', text: 'Send resolution email to users' },
          { id: 'ticket', text: 'Close incident ticket' },
          { id: 'schedule-pir', text: 'Schedule post-incident review' },
        ] },
      ],
    },
    {
      id: 'post-incident-review', number: 8, title: 'Post-Incident Review', summary: 'Within 24 hours of resolution.',
      sections: [
        { id: 'schedule', title: 'Schedule Review Meeting', items: [
          { id: 'ic', text: 'Incident commander' },
          { id: 'on-call', text: 'On-call engineer' },
          { id: 'team', text: 'Relevant team members' },
          { id: 'manager', text: 'Manager' },
        ] },
        { id: 'agenda', title: 'Review Meeting Agenda', items: [
          { id: 'timeline', text: 'What happened? (Timeline)' },
          { id: 'root-cause', text: 'Why did it happen? (Root cause)' },
          { id: 'response', text: 'How did we respond? (Response effectiveness)' },
          { id: 'lessons', text: 'What did we learn? (Lessons learned)' },
          { id: 'actions', text: 'What will we do differently? (Action items)' },
        ] },
        { id: 'document', title: 'Document Findings', items: [
          { id: 'report', text: 'Create post-incident report' },
          { id: 'timeline', text: 'Include timeline' },
          { id: 'rca', text: 'Include root cause analysis' },
          { id: 'actions', text: 'Include action items' },
          { id: 'lessons', text: 'Include lessons learned' },
        ] },
        { id: 'action-items', title: 'Create Action Items', items: [
          { id: 'owner', text: 'Assign owner for each item' },
          { id: 'deadline', text: 'Set deadline for each item' },
          { id: 'track', text: 'Track completion' },
          { id: 'follow-up', text: 'Follow up in 1 week' },
        ] },
        { id: 'share', title: 'Share Findings', items: [
          { id: 'team', text: 'Share report with team' },
          { id: 'stakeholders', text: 'Share report with stakeholders' },
          { id: 'publish', text: 'Publish lessons learned (if appropriate)' },
        ] },
      ],
    },
  ],
  timers: {
    immediateMitigation: '15m',
    recurrenceWatch: '30m',
    pirDueAfterResolution: '24h',
    actionItemFollowUp: '1w',
    // Not in the plan: how early a clock turns amber. A product default, replaceable per organisation.
    dueSoonWithin: '5m',
  },
  communication: {
    bridge: 'Slack or Teams',
    channel: '#incidents',
    statusPageFields: ['Incident start time', 'Current status', 'Affected services', 'Estimated resolution time', 'Next update time'],
    userChannels: ['Email notification to affected users', 'In-app notification', 'Status page update', 'Social media update (if major incident)'],
    updateChannels: ['Status page', 'Email', 'In-app notification', 'Slack #incidents', 'Incident bridge', 'Social media'],
  },
  scenarios: [
    {
      id: 'db-connection-pool-exhausted', number: 1, title: 'Database Connection Pool Exhausted', category: 'infrastructure', likelySeverity: 'P1',
      symptoms: ['Error: "Connection pool exhausted"', 'Error rate spike', 'Response time spike', 'Users unable to load pages'],
      investigation: ['Check database connection pool size', 'Check number of active connections', 'Check for long-running queries', 'Check application logs for connection leaks'],
      mitigation: ['Restart application server', 'Kill long-running queries', 'Increase connection pool size', 'Scale up database resources'],
      prevention: ['Monitor connection pool usage', 'Set connection timeouts', 'Implement connection pooling', 'Optimize slow queries'],
      note: 'The plan gives no severity per scenario; likelySeverity is a hint for drills, the commander classifies by the definitions.',
    },
    {
      id: 'memory-leak', number: 2, title: 'Memory Leak', category: 'application', likelySeverity: 'P2',
      symptoms: ['Memory usage increases over time', 'Application becomes slow', 'Eventually crashes', 'Error rate increases'],
      investigation: ['Check memory usage graph', 'Check for recent deployments', 'Check application logs for errors', 'Run heap dump analysis'],
      mitigation: ['Restart application server', 'Rollback recent deployment', 'Increase memory allocation', 'Identify memory leak'],
      prevention: ['Monitor memory usage', 'Set memory alerts', 'Regular memory profiling', 'Code review for memory leaks'],
    },
    {
      id: 'disk-space-full', number: 3, title: 'Disk Space Full', category: 'infrastructure', likelySeverity: 'P1',
      symptoms: ['Error: "No space left on device"', 'Application crashes', 'Database stops accepting writes', 'Logs stop being written'],
      investigation: ['Check disk usage', 'Identify large files', 'Check log file sizes', 'Check temporary files'],
      mitigation: ['Delete old log files', 'Clean up temporary files', 'Delete old backups', 'Increase disk space'],
      prevention: ['Monitor disk usage', 'Set disk alerts', 'Implement log rotation', 'Clean up old data regularly'],
    },
    {
      id: 'payment-processing-failure', number: 4, title: 'Payment Processing Failure', category: 'application', likelySeverity: 'P0',
      symptoms: ['Stripe API errors', 'Payment failures', 'Users unable to purchase', 'Error rate spike'],
      investigation: ['Check Stripe status page', 'Check API logs', 'Check webhook logs', 'Verify Stripe credentials'],
      mitigation: ['Retry failed payments', 'Queue payments for retry', 'Notify users of issue', 'Contact Stripe support'],
      prevention: ['Monitor Stripe API', 'Implement retry logic', 'Test payment flow regularly', 'Keep Stripe credentials secure'],
    },
    {
      id: 'email-delivery-failure', number: 5, title: 'Email Delivery Failure', category: 'application', likelySeverity: 'P1',
      symptoms: ['Users not receiving emails', 'Resend API errors', 'Email queue building up', 'Support tickets about missing emails'],
      investigation: ['Check Resend status page', 'Check email logs', 'Check for bounced emails', 'Verify email domain configuration'],
      mitigation: ['Retry failed emails', 'Queue emails for retry', 'Notify users of issue', 'Contact Resend support'],
      prevention: ['Monitor email delivery', 'Implement retry logic', 'Test email flow regularly', 'Monitor email bounce rate'],
    },
    {
      id: 'data-breach', number: 6, title: 'Security Incident - Data Breach', category: 'security', likelySeverity: 'P0',
      symptoms: ['Unauthorized access detected', 'Data exfiltration detected', 'Suspicious activity in logs', 'User reports of compromised account'],
      investigation: ['Identify what data was accessed', 'Identify how access was gained', 'Identify when breach occurred', 'Identify affected users'],
      mitigation: ['Immediately revoke compromised credentials', 'Isolate affected systems', 'Notify affected users', 'Notify regulatory authorities (GDPR)', 'Preserve evidence for investigation'],
      prevention: ['Implement strong authentication', 'Implement access controls', 'Monitor for suspicious activity', 'Regular security audits', 'Incident response training'],
    },
  ],
  roles: [
    { id: 'incident-commander', name: 'Incident Commander', responsibilities: 'Overall coordination, decision-making, communication', coverage: '24/7 for P0 incidents',
      responseTargets: [{ severity: 'P0', within: '5m' }, { severity: 'P1', within: '15m' }],
      note: 'The plan sets no IC response time for P2/P3; their severity response targets apply.' },
    { id: 'on-call-engineer', name: 'On-Call Engineer', responsibilities: 'Investigation, mitigation, technical fixes', coverage: '24/7 rotation', responseTargets: [{ within: '15m' }] },
    { id: 'database-administrator', name: 'Database Administrator', responsibilities: 'Database-related incidents', coverage: '24/7 rotation', responseTargets: [{ within: '30m' }] },
    { id: 'security-officer', name: 'Security Officer', responsibilities: 'Security-related incidents', coverage: '24/7 for security incidents', responseTargets: [{ within: '15m' }] },
    { id: 'communications-lead', name: 'Communications Lead', responsibilities: 'User communication, status page updates', coverage: 'Business hours', responseTargets: [{ within: '15m' }] },
  ],
  rotations: [
    {
      id: 'on-call', roleId: 'on-call-engineer',
      members: ['Engineer A', 'Engineer B', 'Engineer C', 'Engineer D'],
      lengthDays: 7,
      handoff: { weekday: 'monday', time: '09:00', timeZone: 'UTC' },
      anchorDate: '2026-01-05',
      note: 'The plan names weeks 1-4 but no start date: week 1 (Engineer A) is taken to begin on the first Monday of 2026, 09:00 UTC.',
    },
  ],
  contacts: [
    { roleId: 'incident-commander', roleName: 'Incident Commander', name: '', phone: '', email: '' },
    { roleId: 'on-call-engineer', roleName: 'On-Call Engineer', name: '', phone: '', email: '' },
    { roleId: 'database-administrator', roleName: 'Database Admin', name: '', phone: '', email: '' },
    { roleId: 'security-officer', roleName: 'Security Officer', name: '', phone: '', email: '' },
    { roleId: 'communications-lead', roleName: 'Communications Lead', name: '', phone: '', email: '' },
    { roleId: 'manager', roleName: 'Manager', name: '', phone: '', email: '' },
  ],
  monitoring: [
    { id: 'uptime', name: 'Uptime Monitoring', rule: 'Checks every 5 minutes', checkEvery: '5m' },
    { id: 'error-rate', name: 'Error Rate Monitoring', rule: 'Triggers if > 1%', metric: 'errorRatePercent', op: '>', threshold: 1, unit: '%' },
    { id: 'response-time', name: 'Response Time Monitoring', rule: 'Triggers if p95 > 1 second', metric: 'p95Seconds', op: '>', threshold: 1, unit: 's' },
    { id: 'database', name: 'Database Monitoring', rule: 'Triggers if connection pool > 90%', metric: 'connectionPoolPercent', op: '>', threshold: 90, unit: '%' },
    { id: 'disk', name: 'Disk Space Monitoring', rule: 'Triggers if > 85% full', metric: 'diskPercent', op: '>', threshold: 85, unit: '%' },
    { id: 'memory', name: 'Memory Monitoring', rule: 'Triggers if > 85% used', metric: 'memoryPercent', op: '>', threshold: 85, unit: '%' },
    { id: 'cpu', name: 'CPU Monitoring', rule: 'Triggers if > 80% used', metric: 'cpuPercent', op: '>', threshold: 80, unit: '%' },
  ],
  intake: defaultIntake,
  manualDetection: ['Support team reports from users', 'Internal team observation', 'Customer complaints', 'Social media mentions'],
  tools: [
    { group: 'Monitoring & Alerting', items: [
      { name: 'Uptime Monitoring', value: 'Pingdom or similar' }, { name: 'Error Tracking', value: 'Sentry' },
      { name: 'Performance Monitoring', value: 'New Relic or DataDog' }, { name: 'Log Aggregation', value: 'ELK Stack or Splunk' },
      { name: 'Status Page', value: 'Statuspage.io' },
    ] },
    { group: 'Communication', items: [
      { name: 'Incident Bridge', value: 'Slack or Teams' }, { name: 'Phone', value: 'On-call phone number' },
      { name: 'Email', value: 'Incident notifications' }, { name: 'Status Page', value: 'User-facing status updates' },
    ] },
    { group: 'Documentation', items: [
      { name: 'Runbooks', value: 'Common incident procedures' }, { name: 'Playbooks', value: 'Step-by-step incident response' },
      { name: 'Contact List', value: 'Emergency contacts' }, { name: 'Escalation Procedures', value: 'Who to call' },
    ] },
    { group: 'Access & Credentials', items: [
      { name: 'Database Access', value: 'Secure vault' }, { name: 'Server Access', value: 'SSH keys in secure vault' },
      { name: 'API Keys', value: 'Secure vault' }, { name: 'Admin Credentials', value: 'Secure vault' },
    ] },
  ],
  exercises: [
    { kind: 'training', name: 'Incident Response Training', frequency: { count: 3, unit: 'month' }, frequencyText: 'Quarterly',
      durationMin: '2h', durationMax: '2h', topics: ['Incident classification', 'response procedures', 'communication'], participants: 'All engineers' },
    { kind: 'drill', name: 'Incident Drills', frequency: { count: 1, unit: 'month' }, frequencyText: 'Monthly',
      durationMin: '1h', durationMax: '2h', scenario: 'Simulated incident', participants: 'On-call engineer, incident commander', debrief: 'Review response, identify improvements' },
    { kind: 'tabletop', name: 'Tabletop Exercises', frequency: { count: 3, unit: 'month' }, frequencyText: 'Quarterly',
      durationMin: '2h', durationMax: '3h', scenario: 'Complex incident', participants: 'Full incident response team', debrief: 'Review response, identify improvements' },
  ],
  pir: {
    dueAfterResolutionText: 'Within 24 hours of resolution',
    attendees: ['Incident commander', 'On-call engineer', 'Relevant team members', 'Manager'],
    agenda: ['What happened? (Timeline)', 'Why did it happen? (Root cause)', 'How did we respond? (Response effectiveness)', 'What did we learn? (Lessons learned)', 'What will we do differently? (Action items)'],
    sections: [
      { id: 'timeline', title: 'Timeline', prompt: 'Incident detected, investigation started, mitigation implemented, incident resolved, root cause identified', fields: [] },
      { id: 'root-cause', title: 'Root Cause Analysis', prompt: 'Describe root cause', fields: [{ id: 'rootCause', label: 'Root cause', kind: 'text' }] },
      { id: 'impact', title: 'Impact', prompt: 'Duration, users affected, revenue impact, reputation impact', fields: [
        { id: 'duration', label: 'Duration', kind: 'duration' },
        { id: 'usersAffected', label: 'Users affected', kind: 'text' },
        { id: 'revenueImpact', label: 'Revenue impact', kind: 'text' },
        { id: 'reputationImpact', label: 'Reputation impact', kind: 'choice', choices: ['Low', 'Medium', 'High'] },
      ] },
      { id: 'response-effectiveness', title: 'Response Effectiveness', prompt: 'Detection, response and resolution time; communication effectiveness', fields: [
        { id: 'detectionTime', label: 'Detection time', kind: 'duration' },
        { id: 'responseTime', label: 'Response time', kind: 'duration' },
        { id: 'resolutionTime', label: 'Resolution time', kind: 'duration' },
        { id: 'communicationEffectiveness', label: 'Communication effectiveness', kind: 'choice', choices: ['Good', 'Fair', 'Poor'] },
      ] },
      { id: 'lessons-learned', title: 'Lessons Learned', prompt: 'What did we learn?', fields: [{ id: 'lessonsLearned', label: 'Lessons learned', kind: 'list' }] },
      { id: 'action-items', title: 'Action Items', prompt: 'Action - Owner - Deadline', fields: [] },
      { id: 'prevention', title: 'Prevention', prompt: 'How will we prevent this in the future?', fields: [{ id: 'prevention', label: 'Prevention', kind: 'text' }] },
    ],
    share: ['Share report with team', 'Share report with stakeholders', 'Publish lessons learned (if appropriate)'],
  },
  statusPage: DEFAULT_STATUS_PAGE, distributionLists: DEFAULT_DISTRIBUTION_LISTS,
  visibility: {
    restrictedCategories: ['security'],
    restrictedScenarios: ['data-breach'],
    securityOfficerRoles: ['security-officer'],
    restrictedDeliveries: ['email', 'page', 'status-page', 'statuspage-io'],
    publicTitle: 'Service incident',
    note: 'The plan keeps incident documentation "in a secure location with access controls" and gives security-related incidents to the Security Officer: Security incidents and the data breach scenario start restricted to the people working them and the Security Officers of the contact sheet. Chat channels and webhooks are not allowed for them until the team adds one here.',
  },
  compliance: {
    breachNotification: {
      regulation: 'GDPR',
      window: '72h',
      from: 'discovery',
      appliesToCategories: ['security'],
      steps: ['Notify within 72 hours of discovery', 'Notify affected individuals if high risk', 'Document incident for regulatory authority', 'Preserve evidence for investigation', 'Implement corrective measures'],
    },
    retention: {
      minimum: { count: 3, unit: 'year' },
      include: ['Timeline', 'root cause', 'impact', 'response'],
      store: 'Secure location with access controls',
      review: { count: 1, unit: 'year' },
    },
  },
};

/** The default plan, validated at module load: a broken default is a programming error. */
export const defaultPlan: Plan = planSchema.parse(rawDefaultPlan);
