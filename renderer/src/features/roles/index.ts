// Roles feature: assign and relieve the plan's roles; the responder's own acknowledgement.
export { RolesPanel } from './RolesPanel';
export { AcknowledgeNotice } from './AcknowledgeNotice';
export { assignRole, relieveRole } from './commands';
export { findContact } from './suggest';
