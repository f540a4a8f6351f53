// The platform bridge: Electron's preload API when present, browser fallbacks otherwise.
import type { DesktopBridge, Settings } from '@shared/ipc/contract';
import { browserPlatform } from './browser';
import { parseStoredSettings } from './browser-settings';
import { readLocal, writeLocal } from './local-store';

export { readLocal, writeLocal } from './local-store';

/**
 * What the renderer may ask of the platform: the desktop bridge's calls (the same payload shapes, see
 * shared/ipc/contract.ts), implemented by the preload in Electron and by browser fallbacks otherwise.
 */
export interface Platform extends Omit<DesktopBridge, 'kind'> {
  kind: 'electron' | 'browser';
  /** The settings as last read or written on this device, at once (the first paint's theme); never throws. */
  lastKnownSettings(): Settings;
}

declare global {
  interface Window {
    incidentConsole?: DesktopBridge;
  }
}

/** Desktop: a copy of the last settings main returned, so the first paint has the right theme before IPC answers. */
const SETTINGS_CACHE_KEY = 'incident-console.settings-cache';
function cached(settings: Settings): Settings {
  writeLocal(SETTINGS_CACHE_KEY, settings);
  return settings;
}

function electronPlatform(bridge: DesktopBridge): Platform {
  return {
    ...bridge,
    getSettings: () => bridge.getSettings().then(cached),
    updateSettings: (patch) => bridge.updateSettings(patch).then(cached),
    lastKnownSettings: () => parseStoredSettings(readLocal(SETTINGS_CACHE_KEY)),
  };
}

export const platform: Platform =
  typeof window !== 'undefined' && window.incidentConsole ? electronPlatform(window.incidentConsole) : browserPlatform();
