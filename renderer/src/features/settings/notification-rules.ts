// Pure rules: which outputs (notification, sound) a clock alert gets under the user's notification preferences.
import type { ClockState } from '@shared/clocks/types';
import type { Settings } from '@shared/ipc/contract';

export interface AlertOutputs {
  /** Show an OS / browser notification. */
  notify: boolean;
  /** Play the short alert sound. */
  sound: boolean;
}

/**
 * Notifications off: nothing (the in-app alert banner still shows). Due-soon alerts only when "due soon" is on
 * (main cannot tell states apart, so the renderer decides). The sound is for a clock going overdue only.
 */
export function alertOutputs(prefs: Settings['notifications'], state: ClockState): AlertOutputs {
  if (!prefs.enabled) return { notify: false, sound: false };
  if (state === 'due-soon') return { notify: prefs.dueSoon, sound: false };
  if (state === 'overdue') return { notify: true, sound: prefs.sound };
  return { notify: true, sound: false };
}
