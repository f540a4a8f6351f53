// Roles feature: assign and relieve the plan's roles.
export { RolesPanel } from './RolesPanel';
