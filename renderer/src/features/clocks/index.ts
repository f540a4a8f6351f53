// Clocks feature: live countdowns per incident and the app-wide alert watcher.
export { ClocksPanel } from './ClocksPanel';
export { ClockAlertsWatcher } from './ClockAlertsWatcher';
export { snoozeClock } from './commands';
export { type ActiveAlert, useClockAlerts } from './alert-store';
export { SnoozeForm } from './SnoozeForm';
export { CLOCK_STATE_LABEL, clockRemainingText } from './format';
