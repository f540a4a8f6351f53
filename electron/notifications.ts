// Native notifications for due and overdue clocks: one per clock key, click focuses the incident.
import { Notification } from 'electron';
import { type Settings } from '@shared/ipc/contract';
import { type NotifyRequest } from './ipc';

/** Keys remembered; old ones are forgotten first so a days-long session cannot grow without bound. */
const MAX_REMEMBERED_KEYS = 5000;

export interface NotifierOptions {
  getSettings(): Pick<Settings, 'notifications'>;
  /** Called when the user clicks a notification (incident id when the clock belongs to one). */
  onClick(incidentId: string | undefined): void;
}

export interface Notifier {
  /** Shows the notification unless this key was already shown or notifications are off; true when shown. */
  notify(request: NotifyRequest): boolean;
}

export function createNotifier(options: NotifierOptions): Notifier {
  const shownKeys = new Set<string>();
  // Electron drops click handlers of notifications that are garbage-collected: hold them until closed.
  const live = new Set<Notification>();

  return {
    notify(request) {
      if (shownKeys.has(request.key)) return false;
      const prefs = options.getSettings().notifications;
      if (!prefs.enabled || !Notification.isSupported()) return false;
      shownKeys.add(request.key);
      if (shownKeys.size > MAX_REMEMBERED_KEYS) {
        const oldest = shownKeys.values().next().value;
        if (oldest !== undefined) shownKeys.delete(oldest);
      }
      const critical = request.urgency === 'critical';
      const notification = new Notification({
        title: request.title,
        body: request.body,
        silent: !prefs.sound,
        urgency: critical ? 'critical' : 'normal',
        // An overdue clock stays on screen until the commander acts on it.
        timeoutType: critical ? 'never' : 'default',
      });
      live.add(notification);
      notification.on('click', () => options.onClick(request.incidentId));
      notification.on('close', () => live.delete(notification));
      notification.show();
      return true;
    },
  };
}
