// Settings feature: the Settings page, the settings store, start-up loading, and the alert preference rules.
export { useSettings, notificationPrefs, restoreTheme } from './settings-store';
export { useSettingsBootstrap } from './useSettingsBootstrap';
export { alertOutputs } from './notification-rules';
export { playAlertSound } from './alert-sound';
