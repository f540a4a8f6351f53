// Alerts feature: the triage view, the notifier, and what the console shows of attached alerts.
export { AlertNotifier } from './AlertNotifier';
export { AttachedAlerts, RecurrenceWatchNotice, recurrenceWatchOffered } from './AttachedAlerts';
export { alertTimelineEntries, withAlertEntries } from './alert-timeline';
export { useAttachedGroups, useTriageCount } from './useAlertGroups';
