// Communications feature: compose and post stakeholder / user updates.
export { CommsPanel } from './CommsPanel';
export { postUpdate } from './commands';
