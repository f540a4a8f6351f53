// Step tracker feature: the plan's eight steps as a checklist-driven tracker.
export { StepTracker } from './StepTracker';
