// The default plan's status-page components and distribution lists. The seed plan names the platform and its
// critical paths (authentication, payments, database, API) without listing components; these are the
// plausible public components of the CSOAI Platform it describes. Lists hold roles, never addresses.
import type { DistributionList, StatusPageSection } from './schema-outbound';

export const DEFAULT_STATUS_PAGE: StatusPageSection = {
  name: 'CSOAI Platform status',
  components: [
    { id: 'web-app', name: 'Web application', description: 'The platform in the browser' },
    { id: 'api', name: 'API', description: 'Public REST API' },
    { id: 'authentication', name: 'Authentication', description: 'Sign-in and sessions' },
    { id: 'payments', name: 'Payment processing', description: 'Checkout and billing' },
    { id: 'database', name: 'Database', description: 'Data storage and integrity' },
    { id: 'notifications', name: 'Email and notifications', description: 'Outbound email and in-app notifications' },
  ],
  publicTemplate: {
    audiences: ['users'],
    title: 'Service disruption',
    text: {
      investigating: 'We are investigating problems with {components}. We will post an update by {nextUpdate}.',
      identified: 'We have found the cause of the problems with {components} and are working on a fix. Next update by {nextUpdate}.',
      monitoring: 'A fix for {components} is in place and we are watching it closely. Next update by {nextUpdate}.',
      resolved: 'This incident is resolved: service is back to normal for {components}. Thank you for your patience.',
    },
    note: 'Not in the plan, which lists the status page\'s five fields but no wording: a product default, replaceable per organisation. The plan\'s "Users" audience is the public one.',
  },
};

export const DEFAULT_DISTRIBUTION_LISTS: DistributionList[] = [
  { audience: 'stakeholders', roleIds: ['incident-commander', 'on-call-engineer', 'database-administrator', 'security-officer', 'communications-lead'], addresses: [],
    note: 'Internal stakeholders: everyone on the contact sheet with a response role. Add fixed addresses (a leadership list) here.' },
  { audience: 'users', roleIds: [], addresses: [],
    note: 'Affected users: the plan names no list; add your users\' mailing-list address before sending user email.' },
];
