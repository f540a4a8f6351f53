// Clocks feature: live countdowns per incident and the app-wide alert watcher.
export { ClocksPanel } from './ClocksPanel';
export { ClockAlertsWatcher } from './ClockAlertsWatcher';
