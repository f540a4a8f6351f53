// Plan feature: read, import and export the active response plan.
export { PlanPage } from './PlanPage';
