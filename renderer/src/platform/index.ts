// The platform bridge: Electron's preload API when present, browser fallbacks otherwise.
import type {
  DesktopBridge, MenuCommand, NotifyPayload, SaveFileRequest, SaveResult, Settings, SettingsPatch, TrayStatus,
} from '@shared/ipc/contract';
import { browserPlatform } from './browser';
import { parseStoredSettings } from './browser-settings';
import { readLocal, writeLocal } from './local-store';

export { readLocal, writeLocal } from './local-store';

export interface Platform {
  kind: 'electron' | 'browser';
  notify(payload: NotifyPayload): Promise<void>;
  requestAttention(level: 'critical' | 'informational' | 'none'): Promise<void>;
  setTrayStatus(status: TrayStatus): Promise<void>;
  saveFile(request: SaveFileRequest): Promise<SaveResult>;
  printToPdf(name: string): Promise<SaveResult>;
  openExternal(url: string): Promise<boolean>;
  /** Desktop: electron-store in main. Browser: localStorage (see browser-settings.ts). */
  getSettings(): Promise<Settings>;
  /** Changes only the keys in the patch; returns the settings as stored. */
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  /** The settings as last read or written on this device, at once (the first paint's theme); never throws. */
  lastKnownSettings(): Settings;
  /** Desktop: main goes full screen and keeps the display awake. Browser: the Fullscreen API, failures ignored. */
  setWallDisplay(on: boolean): Promise<void>;
  onNotificationClicked(listener: (incidentId: string) => void): () => void;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
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
    kind: 'electron',
    notify: (p) => bridge.notify(p),
    requestAttention: (level) => bridge.requestAttention(level),
    setTrayStatus: (s) => bridge.setTrayStatus(s),
    saveFile: (r) => bridge.saveFile(r),
    printToPdf: (name) => bridge.printToPdf(name),
    openExternal: (url) => bridge.openExternal(url),
    getSettings: () => bridge.getSettings().then(cached),
    updateSettings: (patch) => bridge.updateSettings(patch).then(cached),
    lastKnownSettings: () => parseStoredSettings(readLocal(SETTINGS_CACHE_KEY)),
    setWallDisplay: (on) => bridge.setWallDisplay(on),
    onNotificationClicked: (cb) => bridge.onNotificationClicked(cb),
    onMenuCommand: (cb) => bridge.onMenuCommand(cb),
  };
}

export const platform: Platform =
  typeof window !== 'undefined' && window.incidentConsole ? electronPlatform(window.incidentConsole) : browserPlatform();
