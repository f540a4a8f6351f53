// Watches every active incident's clocks and raises alerts (placeholder until the full watcher lands).
export function ClockAlertsWatcher() {
  return null;
}
