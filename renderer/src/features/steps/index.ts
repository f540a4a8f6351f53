// Step tracker feature: the plan's eight steps as a checklist-driven tracker.
export { StepTracker } from './StepTracker';
export { attachRunbook, checkStep, detachRunbook } from './commands';
export { stepSections } from './items';
