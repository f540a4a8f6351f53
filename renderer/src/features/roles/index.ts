// Roles feature: assign and relieve the plan's roles.
export { RolesPanel } from './RolesPanel';
export { assignRole, relieveRole } from './commands';
export { findContact } from './suggest';
