// The platform bridge: Electron's preload API when present, browser fallbacks otherwise.
import type {
  DesktopBridge, MenuCommand, NotifyPayload, SaveFileRequest, SaveResult, TrayStatus,
} from '../../../shared/ipc/contract';
import { browserPlatform } from './browser';

export interface Platform {
  kind: 'electron' | 'browser';
  notify(payload: NotifyPayload): Promise<void>;
  requestAttention(level: 'critical' | 'informational' | 'none'): Promise<void>;
  setTrayStatus(status: TrayStatus): Promise<void>;
  saveFile(request: SaveFileRequest): Promise<SaveResult>;
  printToPdf(name: string): Promise<SaveResult>;
  openExternal(url: string): Promise<boolean>;
  onNotificationClicked(listener: (incidentId: string) => void): () => void;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

declare global {
  interface Window {
    incidentConsole?: DesktopBridge;
  }
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
    onNotificationClicked: (cb) => bridge.onNotificationClicked(cb),
    onMenuCommand: (cb) => bridge.onMenuCommand(cb),
  };
}

export const platform: Platform =
  typeof window !== 'undefined' && window.incidentConsole ? electronPlatform(window.incidentConsole) : browserPlatform();
